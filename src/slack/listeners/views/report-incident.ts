// Submitting "Report an incident": store it (once per modal, however often Slack delivers the
// submission), close the modal, and queue the Slack work (channel, headline, thanks) as a job.
import type { App } from '@slack/bolt';
import { isDomainError, userActor } from '../../../domain/index.ts';
import { declareIncident } from '../../../usecases/index.ts';
import { REPORT_MODAL } from '../../ids.ts';
import type { ListenerDeps } from '../deps.ts';
import { inlineError, readReportSubmission } from './report-submission.ts';

/** Registers the report modal's submission handler. */
export const registerReportIncident = (app: App, deps: ListenerDeps): void => {
  app.view(REPORT_MODAL.callbackId, async ({ ack, view, body }) => {
    const submission = readReportSubmission(view.state.values, view.private_metadata);
    if (!submission.ok) {
      await ack({ response_action: 'errors', errors: submission.errors });
      return;
    }
    const reporterId = body.user.id;
    let incidentId: number;
    try {
      const outcome = await declareIncident(deps.write, {
        draft: { ...submission.draft, reporterId },
        actor: userActor(reporterId),
        // The view id is the same on every delivery of this submission: one modal, one incident.
        declareKey: `slack-view:${view.id}`,
      });
      incidentId = outcome.value.incident.id;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await ack({ response_action: 'errors', errors: inlineError(error) });
      return;
    }
    await ack();
    const { channelId, responseUrl } = submission.context;
    await deps.chatState.noteOrigin(incidentId, { channelId, userId: reporterId, responseUrl });
    await deps.incidentChanged(incidentId);
  });
};
