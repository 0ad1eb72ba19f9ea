// `/incident [title]`: acknowledge, then open the report modal while the trigger id is fresh
// (it expires 3 s after Slack sends it and works once, §2.2).
import type { App } from '@slack/bolt';
import { reportModal } from '../../blocks/report-modal.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import type { ListenerDeps } from '../deps.ts';

/** Registers the /incident command. */
export const registerIncidentCommand = (app: App, deps: ListenerDeps): void => {
  app.command('/incident', async ({ ack, command, client, respond }) => {
    await ack();
    const view = reportModal(
      { title: command.text.trim() },
      { channelId: command.channel_id, responseUrl: command.response_url },
    );
    try {
      await client.views.open({ trigger_id: command.trigger_id, view });
    } catch (error) {
      const code = slackErrorCode(error) ?? 'unavailable';
      deps.logger.warn({ code, user: command.user_id }, 'could not open the report modal');
      const retry = code.endsWith('trigger_id') ? 'Slack took too long to open the form' : `Slack said ${code}`;
      await respond({ response_type: 'ephemeral', text: `:warning: ${retry}. Please run \`/incident\` again.` });
    }
  });
};
