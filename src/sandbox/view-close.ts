// A person presses Cancel (the view's `close` button) on a modal: the top view closes, or the whole stack when
// it asked for clear_on_close; the bot hears view_closed only when the view asked with notify_on_close (§3.5).
import { closeStack } from './api/views.ts';
import { deliver, interactivityBody } from './deliver.ts';
import { payloadUser, viewObject } from './slack-objects.ts';
import type { Workspace } from './state.ts';
import type { SandboxReply } from './types.ts';
import { closeTop, submittable } from './view-submission.ts';

/** `user` cancels the view; returns the bot's reply to view_closed, or undefined when none was sent. */
export async function closeView(
  ws: Workspace,
  a: { user: string; viewId: string },
  timeoutMs: number,
): Promise<SandboxReply | undefined> {
  const record = submittable(ws, a.user, a.viewId);
  const cleared = record.view.clear_on_close === true;
  const root = cleared ? (ws.views.get(record.rootViewId) ?? record) : record;
  if (cleared) closeStack(ws, a.user);
  else closeTop(ws, record);
  if (record.view.notify_on_close !== true) return undefined;
  const payload = {
    type: 'view_closed',
    team: { id: ws.teamId, domain: ws.teamDomain },
    user: payloadUser(ws, a.user),
    api_app_id: ws.appId,
    token: ws.verificationToken,
    view: viewObject(ws, root),
    is_cleared: cleared,
    is_enterprise_install: false,
    enterprise: null,
  };
  const reply = await deliver(ws, interactivityBody(payload), 'application/x-www-form-urlencoded', timeoutMs);
  return { status: reply.status, body: reply.body };
}
