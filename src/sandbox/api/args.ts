// What every Web API method handler shares: the error it throws and readers for loosely typed arguments
// (form bodies carry every value as a string; JSON bodies carry real types).
import { type ChannelRecord, isMember, type Workspace } from '../state.ts';

/** A Slack error answer: HTTP 200 `{ok:false, error, ...extra}` (README §4). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

/** A method's input: the workspace and the decoded arguments. */
export interface ApiCall {
  ws: Workspace;
  args: Record<string, unknown>;
}

/** A Web API method: returns the success body without `ok`, or throws ApiError. */
export type Handler = (call: ApiCall) => Record<string, unknown>;

/** A string argument, or undefined when absent or empty. */
export function optionalString(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : String(value);
}

/** A required string argument; Slack answers a missing one with its own code (e.g. channel_not_found). */
export function requiredString(args: Record<string, unknown>, name: string, missing = 'invalid_arguments'): string {
  const value = optionalString(args, name);
  if (value === undefined) {
    throw new ApiError(missing, missing === 'invalid_arguments' ? metadata(`missing required field: ${name}`) : {});
  }
  return value;
}

/** A boolean argument: true, 'true' or '1'. */
export const booleanArg = (args: Record<string, unknown>, name: string): boolean =>
  args[name] === true || args[name] === 'true' || args[name] === '1' || args[name] === 1;

/** A positive integer argument, capped at `max`; the fallback when absent or not positive. */
export function integerArg(args: Record<string, unknown>, name: string, fallback: number, max: number): number {
  const n = Number(args[name]);
  if (args[name] === undefined || args[name] === '' || !Number.isFinite(n) || n <= 0) return fallback;
  return Math.min(Math.floor(n), max);
}

/** `response_metadata.messages` as Slack attaches it to argument errors. */
export const metadata = (...messages: string[]) => ({ response_metadata: { messages } });

/** The channel with that id, or channel_not_found (callers decide what membership they need). */
export function resolveChannel(ws: Workspace, id: string | undefined): ChannelRecord {
  const channel = id === undefined ? undefined : ws.channels.get(id);
  if (!channel) throw new ApiError('channel_not_found');
  return channel;
}

/** Throws not_in_channel unless the bot is a member. */
export function requireBotMember(ws: Workspace, channel: ChannelRecord): void {
  if (!isMember(channel, ws.botUserId)) throw new ApiError('not_in_channel');
}

/** Throws is_archived for archived channels. */
export function requireNotArchived(channel: ChannelRecord): void {
  if (channel.isArchived) throw new ApiError('is_archived');
}

/** Opaque cursor pagination over a list, as Slack's `cursor`/`limit` + `response_metadata.next_cursor`. */
export function paginate<T>(
  items: T[],
  args: Record<string, unknown>,
  defaultLimit: number,
  maxLimit: number,
): { page: T[]; nextCursor: string } {
  const limit = integerArg(args, 'limit', defaultLimit, maxLimit);
  const cursor = optionalString(args, 'cursor');
  let start = 0;
  if (cursor !== undefined) {
    const decoded = /^next:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!decoded) throw new ApiError('invalid_cursor');
    start = Number(decoded[1]);
  }
  const page = items.slice(start, start + limit);
  const next = start + limit < items.length ? Buffer.from(`next:${start + limit}`).toString('base64') : '';
  return { page, nextCursor: next };
}

/** A JSON argument: parsed when sent as a string (form bodies), as-is otherwise; undefined when absent. */
export function jsonArg(args: Record<string, unknown>, name: string, invalid: string): unknown {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new ApiError(invalid, metadata(`invalid JSON [json-pointer:/${name}]`));
  }
}
