// views.* methods (README §4, §2.2): modals opened with a single-use, 3-second trigger id.
import { withGeneratedIds } from '../block-ids.ts';
import { checkView, MAX_VIEW_BYTES } from '../block-kit-view.ts';
import { slackId, viewHash } from '../ids.ts';
import { viewObject } from '../slack-objects.ts';
import type { ViewRecord, Workspace } from '../state.ts';
import { ApiError, type Handler, jsonArg, metadata, optionalString, requiredString } from './args.ts';

/** Slack's trigger lifetime (README §2.2). */
export const TRIGGER_TTL_MS = 3000;

function readView(args: Record<string, unknown>): Record<string, unknown> {
  const view = jsonArg(args, 'view', 'invalid_arguments');
  if (view === undefined) throw new ApiError('invalid_arguments', metadata('missing required field: view'));
  if (Buffer.byteLength(JSON.stringify(view)) > MAX_VIEW_BYTES) throw new ApiError('view_too_large');
  const problems = checkView(view);
  if (problems.length > 0) throw new ApiError('invalid_arguments', metadata(...problems));
  const v = view as Record<string, unknown>;
  return { ...v, blocks: withGeneratedIds(v.blocks as unknown[]) };
}

/** Uses up a trigger id: unknown, already used, or older than 3 s is refused with Slack's codes. */
export function exchangeTrigger(ws: Workspace, id: string): string {
  const trigger = ws.triggers.get(id);
  if (!trigger) throw new ApiError('invalid_trigger_id');
  if (trigger.used) throw new ApiError('exchanged_trigger_id');
  if (ws.now() - trigger.issuedAt > TRIGGER_TTL_MS) throw new ApiError('expired_trigger_id');
  trigger.used = true;
  return trigger.userId;
}

function checkExternalId(ws: Workspace, view: Record<string, unknown>, exceptId?: string): void {
  const externalId = view.external_id;
  if (typeof externalId !== 'string' || externalId === '') return;
  for (const other of ws.views.values()) {
    if (!other.closed && other.id !== exceptId && other.view.external_id === externalId) {
      throw new ApiError('duplicate_external_id');
    }
  }
}

/** Closes every view in the user's stack (also used for response_action clear). */
export function closeStack(ws: Workspace, userId: string): void {
  for (const id of ws.stacks.get(userId) ?? []) {
    const v = ws.views.get(id);
    if (v) v.closed = true;
  }
  ws.stacks.delete(userId);
}

/** Puts a new view on top of the user's stack. */
export function pushView(ws: Workspace, userId: string, view: Record<string, unknown>): ViewRecord {
  const stack = ws.stacks.get(userId) ?? [];
  const id = slackId('V');
  const record: ViewRecord = {
    id,
    userId,
    view,
    closed: false,
    hash: viewHash(ws.now()),
    rootViewId: stack[0] ?? id,
    previousViewId: stack[stack.length - 1] ?? null,
  };
  ws.views.set(id, record);
  ws.stacks.set(userId, [...stack, id]);
  return record;
}

// Arguments are checked before the trigger is spent, so a rejected view does not burn the trigger.
const open: Handler = ({ ws, args }) => {
  const view = readView(args);
  checkExternalId(ws, view);
  const userId = exchangeTrigger(ws, requiredString(args, 'trigger_id', 'invalid_trigger_id'));
  closeStack(ws, userId);
  return { view: viewObject(ws, pushView(ws, userId, view)) };
};

const push: Handler = ({ ws, args }) => {
  const view = readView(args);
  checkExternalId(ws, view);
  const triggerId = requiredString(args, 'trigger_id', 'invalid_trigger_id');
  const owner = ws.triggers.get(triggerId)?.userId;
  if (owner !== undefined && (ws.stacks.get(owner)?.length ?? 0) >= 3) throw new ApiError('push_limit_reached');
  const userId = exchangeTrigger(ws, triggerId);
  return { view: viewObject(ws, pushView(ws, userId, view)) };
};

const update: Handler = ({ ws, args }) => {
  const view = readView(args);
  const viewId = optionalString(args, 'view_id');
  const externalId = optionalString(args, 'external_id');
  if (viewId === undefined && externalId === undefined) {
    throw new ApiError('invalid_arguments', metadata('missing required field: view_id or external_id'));
  }
  const record =
    viewId !== undefined
      ? ws.views.get(viewId)
      : [...ws.views.values()].find((v) => !v.closed && v.view.external_id === externalId);
  if (!record || record.closed) throw new ApiError('not_found');
  const hash = optionalString(args, 'hash');
  if (hash !== undefined && hash !== record.hash) throw new ApiError('hash_conflict');
  checkExternalId(ws, view, record.id);
  replaceView(ws, record, view);
  return { view: viewObject(ws, record) };
};

/** Replaces a view's content, as views.update and response_action update do. */
export function replaceView(ws: Workspace, record: ViewRecord, view: Record<string, unknown>): void {
  // The view keeps its external_id unless the new version names another one.
  const externalId = record.view.external_id;
  record.view =
    view.external_id === undefined && externalId !== undefined ? { ...view, external_id: externalId } : view;
  record.hash = viewHash(ws.now());
  delete record.errors;
}

/** Validates a view the bot sent in a response_action; returns Slack's problems, or the view ready to store. */
export function acceptView(view: unknown): { problems: string[] } | { view: Record<string, unknown> } {
  try {
    return { view: readView({ view }) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const messages = (error.extra.response_metadata as { messages?: string[] } | undefined)?.messages ?? [];
    return { problems: [error.code, ...messages] };
  }
}

/** The views.* methods, by name. */
export const viewMethods: Record<string, Handler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
};
