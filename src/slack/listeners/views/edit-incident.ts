// Submitting the headline's Edit modal: one patch through updateIncident, so every changed field
// gets its change entry. Clearing a severity that was set is refused inline (a domain rule).
import type { App } from '@slack/bolt';
import { isDomainError, isSeverity, userActor } from '../../../domain/index.ts';
import { updateIncident } from '../../../usecases/index.ts';
import { EDIT_MODAL as ID } from '../../ids.ts';
import type { ListenerDeps } from '../deps.ts';
import { incidentIdOf, modalValues } from './modal-values.ts';

const BLOCK_OF: Record<string, string> = {
  title: ID.title,
  summary: ID.summary,
  impact: ID.impact,
  leadId: ID.lead,
  severity: ID.severity,
};

/** Registers the edit modal's submission. */
export const registerEditIncident = (app: App, deps: ListenerDeps): void => {
  app.view(ID.callbackId, async ({ ack, view, body }) => {
    const values = modalValues(view.state.values);
    const incidentId = incidentIdOf(view.private_metadata);
    const severity = values.choice(ID.severity);
    if (incidentId === null || (severity !== null && !isSeverity(severity))) {
      await ack({ response_action: 'errors', errors: { [ID.severity]: 'Choose Critical, Major, Minor or Trivial.' } });
      return;
    }
    try {
      await updateIncident(deps.write, {
        incidentId,
        actor: userActor(body.user.id),
        patch: {
          title: values.text(ID.title) ?? '',
          summary: values.text(ID.summary),
          impact: values.text(ID.impact),
          leadId: values.user(ID.lead),
          severity: severity !== null && isSeverity(severity) ? severity : null,
        },
      });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await ack({ response_action: 'errors', errors: { [BLOCK_OF[error.field ?? ''] ?? ID.title]: error.message } });
      return;
    }
    await ack();
    await deps.incidentChanged(incidentId);
  });
};
