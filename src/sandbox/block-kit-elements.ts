// Limits of Block Kit elements and composition objects (README §7): text objects, buttons, selects, inputs.
/** Problem messages accumulated while walking a payload. */
export type Problems = string[];

/** Adds `[ERROR] <why> [json-pointer:<at>]` when `why` is set. */
export function record(problems: Problems, why: string | undefined, at: string): void {
  if (why !== undefined) problems.push(`[ERROR] ${why} [json-pointer:${at}]`);
}

/** Checks a text object: its type and the length of its text. */
export function checkText(
  t: unknown,
  at: string,
  problems: Problems,
  limits: { min: number; max: number; plainOnly?: boolean },
): void {
  if (typeof t !== 'object' || t === null) {
    problems.push(`[ERROR] must provide an object [json-pointer:${at}]`);
    return;
  }
  const { type, text } = t as { type?: unknown; text?: unknown };
  const allowed = limits.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof type !== 'string' || !allowed.includes(type)) {
    problems.push(`[ERROR] must be one of: ${allowed.join(', ')} [json-pointer:${at}/type]`);
  }
  record(problems, lengthProblem(text, limits.min, limits.max), `${at}/text`);
}

/** Why a string breaks [min, max] characters, or undefined. */
export function lengthProblem(value: unknown, min: number, max: number): string | undefined {
  if (typeof value !== 'string') return 'must provide a string';
  if (value.length < min) return `must be more than ${min - 1} characters`;
  if (value.length > max) return `must be less than ${max + 1} characters`;
  return undefined;
}

const SELECTS_WITH_OPTIONS = new Set([
  'static_select',
  'multi_static_select',
  'checkboxes',
  'radio_buttons',
  'overflow',
]);
const KNOWN_ELEMENTS = new Set([
  ...SELECTS_WITH_OPTIONS,
  'button',
  'image',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'rich_text_input',
  'file_input',
  'workflow_button',
]);
// Slack's smaller caps: checkboxes and radio buttons 10 options, overflow 5.
const OPTION_CAPS: Record<string, number> = { checkboxes: 10, radio_buttons: 10, overflow: 5 };

/** Checks one interactive or image element. */
export function checkElement(element: unknown, at: string, problems: Problems): void {
  if (typeof element !== 'object' || element === null) {
    problems.push(`[ERROR] must provide an object [json-pointer:${at}]`);
    return;
  }
  const e = element as Record<string, unknown>;
  if (typeof e.type !== 'string' || !KNOWN_ELEMENTS.has(e.type)) {
    problems.push(`[ERROR] unsupported type: ${String(e.type)} [json-pointer:${at}/type]`);
    return;
  }
  if (e.action_id !== undefined) record(problems, checkId(e.action_id), `${at}/action_id`);
  if (e.placeholder !== undefined) checkText(e.placeholder, `${at}/placeholder`, problems, { min: 1, max: 150 });
  if (e.type === 'button' || e.type === 'workflow_button') {
    checkText(e.text, `${at}/text`, problems, { min: 1, max: 75, plainOnly: true });
    if (e.value !== undefined) record(problems, lengthProblem(e.value, 1, 2000), `${at}/value`);
    if (e.url !== undefined) record(problems, lengthProblem(e.url, 1, 3000), `${at}/url`);
    if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') {
      problems.push(`[ERROR] must be one of: primary, danger [json-pointer:${at}/style]`);
    }
  } else if (e.type === 'image') {
    record(problems, lengthProblem(e.image_url, 1, 3000), `${at}/image_url`);
    record(problems, lengthProblem(e.alt_text, 1, 2000), `${at}/alt_text`);
  } else if (e.type === 'plain_text_input') {
    if (e.max_length !== undefined && !inRange(e.max_length, 1, 3000)) {
      problems.push(`[ERROR] must be between 1 and 3000 [json-pointer:${at}/max_length]`);
    }
    if (e.min_length !== undefined && !inRange(e.min_length, 0, 3000)) {
      problems.push(`[ERROR] must be between 0 and 3000 [json-pointer:${at}/min_length]`);
    }
  } else if (SELECTS_WITH_OPTIONS.has(e.type)) {
    checkOptions(e, at, problems, OPTION_CAPS[e.type] ?? 100);
  }
}

const inRange = (n: unknown, min: number, max: number): boolean =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

function checkOptions(e: Record<string, unknown>, at: string, problems: Problems, cap: number): void {
  const checkList = (list: unknown, p: string) => {
    if (!Array.isArray(list) || list.length === 0) {
      problems.push(`[ERROR] must provide a non-empty array [json-pointer:${p}]`);
      return;
    }
    if (list.length > cap) problems.push(`[ERROR] no more than ${cap} items allowed [json-pointer:${p}]`);
    list.forEach((option, i) => {
      checkOption(option, `${p}/${i}`, problems);
    });
  };
  if (Array.isArray(e.option_groups)) {
    if (e.option_groups.length > 100)
      problems.push(`[ERROR] no more than 100 items allowed [json-pointer:${at}/option_groups]`);
    e.option_groups.forEach((g, i) => {
      checkList((g as { options?: unknown } | null)?.options, `${at}/option_groups/${i}/options`);
    });
  } else {
    checkList(e.options, `${at}/options`);
  }
}

function checkOption(option: unknown, at: string, problems: Problems): void {
  const o = (option ?? {}) as Record<string, unknown>;
  checkText(o.text, `${at}/text`, problems, { min: 1, max: 75 });
  record(problems, lengthProblem(o.value, 1, 150), `${at}/value`);
  if (o.description !== undefined) checkText(o.description, `${at}/description`, problems, { min: 1, max: 75 });
}

/** Why an id (block_id, action_id, callback_id, external_id) is unacceptable, or undefined. */
export function checkId(id: unknown): string | undefined {
  if (typeof id !== 'string') return 'must provide a string';
  if (id.length > 255) return 'must be less than 256 characters';
  return undefined;
}
