// Modal-level limits (README §7): title/submit/close, submit required with inputs, metadata and id sizes.
import { checkId, checkText, lengthProblem, type Problems, record } from './block-kit-elements.ts';
import { checkBlocks } from './block-kit-limits.ts';

/** Slack refuses views over 250 kB with its own error code. */
export const MAX_VIEW_BYTES = 250 * 1024;

/** Problems with a view payload, pointers rooted at `/view` as Slack reports them for views.*. */
export function checkView(view: unknown): Problems {
  const problems: Problems = [];
  if (typeof view !== 'object' || view === null || Array.isArray(view)) {
    return ['[ERROR] must provide an object [json-pointer:/view]'];
  }
  const v = view as Record<string, unknown>;
  if (v.type !== 'modal' && v.type !== 'home') {
    problems.push('[ERROR] must be one of: modal, home [json-pointer:/view/type]');
  }
  if (v.type === 'modal') {
    checkText(v.title, '/view/title', problems, { min: 1, max: 24, plainOnly: true });
    if (v.submit !== undefined && v.submit !== null) {
      checkText(v.submit, '/view/submit', problems, { min: 1, max: 24, plainOnly: true });
    }
    if (v.close !== undefined && v.close !== null) {
      checkText(v.close, '/view/close', problems, { min: 1, max: 24, plainOnly: true });
    }
  }
  const blocks = Array.isArray(v.blocks) ? (v.blocks as unknown[]) : [];
  const firstInput = blocks.findIndex((b) => (b as { type?: unknown } | null)?.type === 'input');
  if (v.type === 'modal' && firstInput >= 0 && (v.submit === undefined || v.submit === null)) {
    // Wording and pointer as Slack sends them (slackapi/node-slack-sdk#875).
    problems.push(`[ERROR] must define submit to use input block [json-pointer:/view/blocks/${firstInput}/input]`);
  }
  if (v.private_metadata !== undefined) {
    record(problems, lengthProblem(v.private_metadata, 0, 3000), '/view/private_metadata');
  }
  if (v.callback_id !== undefined) record(problems, checkId(v.callback_id), '/view/callback_id');
  if (v.external_id !== undefined) record(problems, checkId(v.external_id), '/view/external_id');
  problems.push(...checkBlocks(v.blocks, '/view/blocks', 100));
  return problems;
}
