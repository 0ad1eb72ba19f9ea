// The headline's buttons. Join channel is a link (Slack opens the channel) that must still be
// acknowledged; Edit opens the prefilled edit modal; Close (confirmed in Slack first) resolves.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { isDomainError, userActor } from '../../../domain/index.ts';
import { getIncident, resolveIncident } from '../../../usecases/index.ts';
import { editModal } from '../../blocks/edit-modal.ts';
import { fieldModal } from '../../blocks/field-modal.ts';
import { FIELD_ACTIONS, HEADLINE_ACTIONS } from '../../ids.ts';
import type { ListenerDeps } from '../deps.ts';

const IncidentValue = z.coerce.number().int().positive();

/** The incident id a button carries in its value (buttons are built with it). */
const incidentOf = (value: unknown): number | null => IncidentValue.safeParse(value).data ?? null;

/** Registers the headline buttons and the Change buttons. */
export const registerHeadlineButtons = (app: App, deps: ListenerDeps): void => {
  app.action(HEADLINE_ACTIONS.join, async ({ ack }) => {
    await ack();
  });

  app.action(HEADLINE_ACTIONS.edit, async ({ ack, action, body, client }) => {
    await ack();
    const id = incidentOf('value' in action ? action.value : null);
    if (id === null || !('trigger_id' in body)) return;
    const incident = await getIncident(deps.read, id);
    await client.views.open({ trigger_id: body.trigger_id, view: editModal(incident) });
  });

  app.action(HEADLINE_ACTIONS.close, async ({ ack, action, body, respond }) => {
    await ack();
    const id = incidentOf('value' in action ? action.value : null);
    if (id === null) return;
    try {
      await resolveIncident(deps.write, { incidentId: id, actor: userActor(body.user.id) });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `:information_source: ${error.message}`,
      });
      return;
    }
    await deps.incidentChanged(id);
  });

  for (const field of ['summary', 'impact'] as const) {
    app.action(FIELD_ACTIONS[field], async ({ ack, action, body, client }) => {
      await ack();
      const id = incidentOf('value' in action ? action.value : null);
      if (id === null || !('trigger_id' in body)) return;
      const incident = await getIncident(deps.read, id);
      await client.views.open({ trigger_id: body.trigger_id, view: fieldModal(incident, field) });
    });
  }
};
