// Submitting the Change modal of `summary` / `impact`.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { isDomainError, userActor } from '../../../domain/index.ts';
import { getIncident, updateIncident } from '../../../usecases/index.ts';
import { escapeMrkdwn } from '../../blocks/mrkdwn.ts';
import { FIELD_MODAL as ID } from '../../ids.ts';
import type { ListenerDeps } from '../deps.ts';
import { modalValues } from './modal-values.ts';

const Context = z.object({ incidentId: z.number().int().positive(), field: z.enum(['summary', 'impact']) });

const readContext = (metadata: string) => {
  try {
    return Context.safeParse(JSON.parse(metadata)).data ?? null;
  } catch {
    return null;
  }
};

/** Registers the Change modal's submission. */
export const registerChangeField = (app: App, deps: ListenerDeps): void => {
  app.view(ID.callbackId, async ({ ack, view, body, client }) => {
    const context = readContext(view.private_metadata);
    if (!context) {
      await ack({ response_action: 'errors', errors: { [ID.input]: 'This form lost track of its incident.' } });
      return;
    }
    const text = modalValues(view.state.values).text(ID.input);
    const { incidentId, field } = context;
    try {
      await updateIncident(deps.write, { incidentId, patch: { [field]: text }, actor: userActor(body.user.id) });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await ack({ response_action: 'errors', errors: { [ID.input]: error.message } });
      return;
    }
    await ack();
    const incident = await getIncident(deps.read, incidentId);
    if (incident.channel) {
      const said = text ? `*The ${field} has been updated to:*\n${escapeMrkdwn(text)}` : `The ${field} was cleared.`;
      await client.chat.postMessage({ channel: incident.channel.id, text: said });
    }
    await deps.incidentChanged(incidentId);
  });
};
