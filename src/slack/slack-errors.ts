// Turns Web API failures into the core's ChatError: a stable code and whether trying again can help.
import { ChatError } from '../usecases/index.ts';

// Failures no retry can fix: the app's setup or the request itself is wrong (§6).
const PERMANENT = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'restricted_action',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_arguments',
  'invalid_name_specials',
  'invalid_name_maxlength',
  'invalid_name_punctuation',
  'invalid_name_required',
  'invalid_name',
  'is_archived',
  'channel_not_found',
  'not_in_channel',
  'msg_too_long',
  'no_text',
]);

/** The Slack error code carried by a WebClient error, if any. */
export const slackErrorCode = (error: unknown): string | undefined => {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
};

/** A ChatError for any failure of a Slack call. */
export const toChatError = (method: string, error: unknown): ChatError => {
  if (error instanceof ChatError) return error;
  const code = slackErrorCode(error) ?? 'unavailable';
  const detail = code === 'unavailable' && error instanceof Error ? ` (${error.message})` : '';
  return new ChatError(code, !PERMANENT.has(code), `Slack ${method} failed: ${code}${detail}`);
};

/** Runs one Slack call, translating its failure. */
export const slackCall = async <T>(method: string, work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw toChatError(method, error);
  }
};
