// Slack's server-side Block Kit limits (README §7). Each problem is reported the way Slack does in
// response_metadata.messages: `[ERROR] <what> [json-pointer:<where>]`, so a bot's logs look the same.
import { checkElement, checkId, checkText, type Problems, record } from './block-kit-elements.ts';

const MESSAGE_BLOCK_TYPES = new Set([
  'section',
  'divider',
  'image',
  'actions',
  'context',
  'header',
  'input',
  'rich_text',
  'video',
  'file',
  'markdown',
]);

/** Problems in a list of blocks; `max` is 50 for messages, 100 for views. */
export function checkBlocks(blocks: unknown, pointer: string, max: number): string[] {
  const problems: Problems = [];
  if (!Array.isArray(blocks)) {
    problems.push(`[ERROR] must be an array [json-pointer:${pointer}]`);
    return problems;
  }
  if (blocks.length > max) problems.push(`[ERROR] no more than ${max} items allowed [json-pointer:${pointer}]`);
  blocks.forEach((block, i) => {
    checkBlock(block, `${pointer}/${i}`, problems);
  });
  return problems;
}

function checkBlock(block: unknown, at: string, problems: Problems): void {
  if (typeof block !== 'object' || block === null || Array.isArray(block)) {
    problems.push(`[ERROR] must be an object [json-pointer:${at}]`);
    return;
  }
  const b = block as Record<string, unknown>;
  if (typeof b.type !== 'string' || !MESSAGE_BLOCK_TYPES.has(b.type)) {
    problems.push(`[ERROR] unsupported type: ${String(b.type)} [json-pointer:${at}/type]`);
    return;
  }
  if (b.block_id !== undefined) record(problems, checkId(b.block_id), `${at}/block_id`);
  switch (b.type) {
    case 'section':
      if (b.text === undefined && b.fields === undefined) {
        problems.push(`[ERROR] must provide either text or fields [json-pointer:${at}]`);
      }
      if (b.text !== undefined) checkText(b.text, `${at}/text`, problems, { min: 1, max: 3000 });
      if (b.fields !== undefined) checkFields(b.fields, `${at}/fields`, problems);
      if (b.accessory !== undefined) checkElement(b.accessory, `${at}/accessory`, problems);
      break;
    case 'header':
      checkText(b.text, `${at}/text`, problems, { min: 1, max: 150, plainOnly: true });
      break;
    case 'context':
      checkList(b.elements, `${at}/elements`, problems, 10, (e, p) => {
        const type = (e as { type?: unknown } | null)?.type;
        if (type === 'image') checkElement(e, p, problems);
        else checkText(e, p, problems, { min: 1, max: 3000 });
      });
      break;
    case 'actions': {
      checkList(b.elements, `${at}/elements`, problems, 25, (e, p) => {
        checkElement(e, p, problems);
      });
      checkUniqueActionIds(b.elements, `${at}/elements`, problems);
      break;
    }
    case 'input':
      checkText(b.label, `${at}/label`, problems, { min: 1, max: 2000, plainOnly: true });
      if (b.hint !== undefined) checkText(b.hint, `${at}/hint`, problems, { min: 1, max: 2000, plainOnly: true });
      if (b.element === undefined) problems.push(`[ERROR] missing required field: element [json-pointer:${at}]`);
      else checkElement(b.element, `${at}/element`, problems);
      break;
    case 'image':
      checkElement({ ...b, type: 'image' }, at, problems);
      break;
  }
}

function checkFields(fields: unknown, at: string, problems: Problems): void {
  checkList(fields, at, problems, 10, (f, p) => {
    checkText(f, p, problems, { min: 1, max: 2000 });
  });
}

function checkList(
  list: unknown,
  at: string,
  problems: Problems,
  max: number,
  each: (item: unknown, pointer: string) => void,
): void {
  if (!Array.isArray(list) || list.length === 0) {
    problems.push(`[ERROR] must provide a non-empty array [json-pointer:${at}]`);
    return;
  }
  if (list.length > max) problems.push(`[ERROR] no more than ${max} items allowed [json-pointer:${at}]`);
  list.forEach((item, i) => {
    each(item, `${at}/${i}`);
  });
}

function checkUniqueActionIds(elements: unknown, at: string, problems: Problems): void {
  if (!Array.isArray(elements)) return;
  const seen = new Set<string>();
  elements.forEach((e, i) => {
    const id = (e as { action_id?: unknown } | null)?.action_id;
    if (typeof id !== 'string') return;
    if (seen.has(id)) problems.push(`[ERROR] action_id already exists: ${id} [json-pointer:${at}/${i}/action_id]`);
    seen.add(id);
  });
}
