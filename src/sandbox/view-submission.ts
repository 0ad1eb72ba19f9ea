// A person presses Submit on a modal (README §3.4) and Slack acts on the bot's reply (§3.6): empty closes
// the view, response_action errors/update/push/clear do what they say; anything else leaves it open.
import { acceptView, closeStack, pushView, replaceView } from './api/views.ts';
import { deliver, interactivityBody } from './deliver.ts';
import { issueTrigger } from './interactions.ts';
import { payloadUser, viewObject } from './slack-objects.ts';
import type { ViewRecord, Workspace } from './state.ts';
import type { SandboxReply } from './types.ts';
import { viewStateValues } from './view-state.ts';

/** The user's open, top-most view with that id; anything else is a test bug. */
export function submittable(ws: Workspace, userId: string, viewId: string): ViewRecord {
  const record = ws.views.get(viewId);
  if (!record || record.closed) throw new Error(`sandbox: view ${viewId} is not open`);
  if (record.userId !== userId) throw new Error(`sandbox: view ${viewId} belongs to ${record.userId}, not ${userId}`);
  const stack = ws.stacks.get(userId) ?? [];
  if (stack[stack.length - 1] !== viewId) throw new Error(`sandbox: view ${viewId} is not the top of the stack`);
  return record;
}

/** Pops a view off its owner's stack (the modal closes when it was the last one). */
export function closeTop(ws: Workspace, record: ViewRecord): void {
  record.closed = true;
  const rest = (ws.stacks.get(record.userId) ?? []).filter((id) => id !== record.id);
  if (rest.length > 0) ws.stacks.set(record.userId, rest);
  else ws.stacks.delete(record.userId);
}

/** `user` submits the view with `values` (block_id → simple value); returns the bot's reply. */
export async function submitView(
  ws: Workspace,
  a: { user: string; viewId: string; values: Record<string, unknown> },
  timeoutMs: number,
): Promise<SandboxReply> {
  const record = submittable(ws, a.user, a.viewId);
  const state = viewStateValues(record.view.blocks, a.values);
  const trigger = issueTrigger(ws, a.user);
  const payload = {
    type: 'view_submission',
    team: { id: ws.teamId, domain: ws.teamDomain },
    user: payloadUser(ws, a.user),
    api_app_id: ws.appId,
    token: ws.verificationToken,
    trigger_id: trigger,
    view: viewObject(ws, record, state),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  const reply = await deliver(ws, interactivityBody(payload), 'application/x-www-form-urlencoded', timeoutMs);
  const problems = applyReply(ws, record, reply.status, reply.body);
  return { status: reply.status, body: reply.body, triggerId: trigger, ...(problems.length ? { problems } : {}) };
}

function applyReply(ws: Workspace, record: ViewRecord, status: number, body: unknown): string[] {
  if (status !== 200) return [status === 0 ? 'no reply within the deadline' : `the app answered HTTP ${status}`];
  if (body === null) {
    closeTop(ws, record);
    return [];
  }
  const reply = (typeof body === 'object' ? body : {}) as Record<string, unknown>;
  switch (reply.response_action) {
    case 'errors':
      return showErrors(record, reply.errors);
    case 'update': {
      const accepted = acceptView(reply.view);
      if ('problems' in accepted) return accepted.problems;
      replaceView(ws, record, accepted.view);
      return [];
    }
    case 'push': {
      if ((ws.stacks.get(record.userId)?.length ?? 0) >= 3) return ['push_limit_reached'];
      const accepted = acceptView(reply.view);
      if ('problems' in accepted) return accepted.problems;
      pushView(ws, record.userId, accepted.view);
      return [];
    }
    case 'clear':
      closeStack(ws, record.userId);
      return [];
    default:
      return ['a view_submission reply must be empty or carry a response_action'];
  }
}

// Slack shows each message under the input block with that block_id; other keys make the whole reply fail.
function showErrors(record: ViewRecord, errors: unknown): string[] {
  if (typeof errors !== 'object' || errors === null) return ['response_action errors needs an errors object'];
  const inputs = new Set(
    ((record.view.blocks as { type?: string; block_id?: string }[]) ?? [])
      .filter((b) => b.type === 'input')
      .map((b) => b.block_id),
  );
  const unknown = Object.keys(errors).filter((k) => !inputs.has(k));
  if (unknown.length > 0) return unknown.map((k) => `errors names ${k}, which is not an input block of the view`);
  record.errors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, String(v)]));
  return [];
}
