// Submitting `/incident update`: the status and severity move if changed, the update is recorded
// on the timeline (source "update") and posted in the channel, and the headline follows.
import type { App } from '@slack/bolt';
import { isDomainError, isSeverity, isStatus, userActor } from '../../../domain/index.ts';
import {
  addTimelineEntry,
  getIncident,
  resolveIncident,
  scheduleNextUpdate,
  setSeverity,
  setStatus,
} from '../../../usecases/index.ts';
import { statusUpdateMessage } from '../../blocks/status-update-message.ts';
import { UPDATE_MODAL as ID } from '../../ids.ts';
import type { ListenerDeps } from '../deps.ts';
import { incidentIdOf, modalValues } from './modal-values.ts';

const BLOCK_OF: Record<string, string> = { status: ID.status, severity: ID.severity, text: ID.text };

/** Registers the status update modal's submission. */
export const registerStatusUpdate = (app: App, deps: ListenerDeps): void => {
  app.view(ID.callbackId, async ({ ack, view, body, client }) => {
    const values = modalValues(view.state.values);
    const incidentId = incidentIdOf(view.private_metadata);
    const status = values.choice(ID.status);
    const severity = values.choice(ID.severity);
    const text = values.text(ID.text);
    const next = values.choice(ID.nextUpdate);
    const errors: Record<string, string> = {};
    if (!text) errors[ID.text] = 'Say what is happening now, even if it is "still investigating".';
    if (!status || !isStatus(status)) errors[ID.status] = 'Choose a status.';
    if (severity !== null && !isSeverity(severity)) errors[ID.severity] = 'Choose Critical, Major, Minor or Trivial.';
    if (incidentId === null) errors[ID.text] = 'This form lost track of its incident. Run `/incident update` again.';
    if (Object.keys(errors).length > 0 || !text || !status || !isStatus(status) || incidentId === null) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    // One update per form, even if Slack delivers the submission twice (valid ones only: a form
    // sent back with errors is submitted again under the same view id).
    const claim = `update-form:${view.id}`;
    if (!(await deps.receipts.claim(claim))) {
      await ack();
      return;
    }
    const actor = userActor(body.user.id);
    try {
      const before = await getIncident(deps.read, incidentId);
      if (severity && isSeverity(severity) && severity !== before.severity) {
        await setSeverity(deps.write, { incidentId, severity, actor });
      }
      if (status !== before.status) {
        if (status === 'resolved') await resolveIncident(deps.write, { incidentId, actor });
        else await setStatus(deps.write, { incidentId, status, actor });
      }
      await addTimelineEntry(deps.write, { incidentId, source: 'update', text, actor });
    } catch (error) {
      await deps.receipts.release(claim);
      if (!isDomainError(error)) throw error;
      await ack({ response_action: 'errors', errors: { [BLOCK_OF[error.field ?? ''] ?? ID.text]: error.message } });
      return;
    }
    await deps.receipts.complete(claim);
    await ack();
    const nextUpdateMinutes = next && /^\d+$/.test(next) ? Number(next) : null;
    // The update reminder follows what the author promised; "none planned" falls back to the default interval.
    const now = deps.write.clock.now().getTime();
    const dueAt = nextUpdateMinutes ? new Date(now + nextUpdateMinutes * 60_000) : null;
    await scheduleNextUpdate({ reminders: deps.reminders.store, clock: deps.write.clock }, { incidentId, dueAt });
    const incident = await getIncident(deps.read, incidentId);
    if (incident.channel) {
      const message = statusUpdateMessage({
        incidentId,
        authorId: body.user.id,
        status: incident.status,
        severity: incident.severity,
        text,
        nextUpdateMinutes,
      });
      await client.chat.postMessage({ channel: incident.channel.id, text: message.text, blocks: message.blocks });
    }
    await deps.incidentChanged(incidentId);
  });
};
