// Reads a message's text and blocks from Web API / response_url arguments, enforcing Block Kit limits.
import { withGeneratedIds } from '../block-ids.ts';
import { checkBlocks } from '../block-kit-limits.ts';
import { ApiError, jsonArg, metadata, optionalString } from './args.ts';

/** Slack keeps top-level text up to this many characters and truncates the rest (README §4). */
export const MAX_TEXT = 40_000;

/** Message content as the sandbox stores it. */
export interface MessageContent {
  text?: string;
  blocks?: unknown[];
}

/** Text and (checked, id-filled) blocks; throws invalid_blocks / invalid_blocks_format like Slack. */
export function readContent(args: Record<string, unknown>): MessageContent {
  const raw = jsonArg(args, 'blocks', 'invalid_blocks_format');
  const text = optionalString(args, 'text');
  const content: MessageContent = {};
  if (text !== undefined) content.text = text.slice(0, MAX_TEXT);
  if (raw !== undefined) {
    if (!Array.isArray(raw))
      throw new ApiError('invalid_blocks_format', metadata('must be an array [json-pointer:/blocks]'));
    const problems = checkBlocks(raw, '/blocks', 50);
    if (problems.length > 0) throw new ApiError('invalid_blocks', metadata(...problems));
    content.blocks = withGeneratedIds(raw);
  }
  return content;
}

/** Like readContent, but a message needs text or blocks (chat.postMessage's `no_text`). */
export function readNewContent(args: Record<string, unknown>): { text: string; blocks?: unknown[] } {
  const content = readContent(args);
  const hasAttachments = optionalString(args, 'attachments') !== undefined || Array.isArray(args.attachments);
  if (content.text === undefined && (content.blocks === undefined || content.blocks.length === 0) && !hasAttachments) {
    throw new ApiError('no_text');
  }
  return { text: content.text ?? '', ...(content.blocks ? { blocks: content.blocks } : {}) };
}
