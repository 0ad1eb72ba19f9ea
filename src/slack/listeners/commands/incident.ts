// `/incident …`. In an incident channel, a command word runs that command (`/incident sev 2`);
// anything else — and everything outside incident channels — opens the report modal, with the
// text as the title. The modal opens right after the answer, while the trigger id is fresh (3 s, once; §2.2).
import type { App } from '@slack/bolt';
import { reportModal } from '../../blocks/report-modal.ts';
import { splitCommand } from '../../commands/parse.ts';
import { findCommand } from '../../commands/registry.ts';
import { runCommand } from '../../commands/run-command.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import type { ListenerDeps } from '../deps.ts';

const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, text });

/** Registers the /incident command. */
export const registerIncidentCommand = (app: App, deps: ListenerDeps): void => {
  app.command('/incident', async ({ ack, command, client, respond }) => {
    const words = splitCommand(command.text);
    const known = words ? findCommand(words.name) : undefined;
    if (words && known) {
      const result = await runCommand({
        deps,
        client,
        name: words.name,
        args: words.args,
        userId: command.user_id,
        channelId: command.channel_id,
        triggerId: command.trigger_id,
        via: 'slash',
      });
      if (result === null) {
        // A command word outside an incident channel: say where it works rather than guess.
        const hint = known.names[0] === 'help' ? '' : ' It works inside an incident channel (#inc-…).';
        await ack(
          ephemeral(
            `\`/incident ${known.usage}\` is an incident command.${hint} To report a new incident, run \`/incident\` and type the title in the form.`,
          ),
        );
        return;
      }
      if (!result.ok) {
        await ack(ephemeral(`:question: ${result.error}`));
        return;
      }
      await ack(
        result.tell
          ? { response_type: 'ephemeral', text: result.tell.text, blocks: result.tell.blocks as never }
          : undefined,
      );
      if (result.say) await client.chat.postMessage({ channel: command.channel_id, text: result.say });
      return;
    }
    // Answer first, then open the modal: a slow views.open must not push the answer past Slack's
    // 3 s, and a command stores nothing, so nothing is lost by answering before it is done.
    await ack();
    const view = reportModal(
      { title: command.text.trim() },
      { channelId: command.channel_id, responseUrl: command.response_url },
    );
    deps.background.run(async () => {
      try {
        await client.views.open({ trigger_id: command.trigger_id, view });
      } catch (error) {
        const code = slackErrorCode(error) ?? 'unavailable';
        deps.logger.warn({ code, user: command.user_id }, 'could not open the report modal');
        const retry = code.endsWith('trigger_id') ? 'Slack took too long to open the form' : `Slack said ${code}`;
        await respond(ephemeral(`:warning: ${retry}. Please run \`/incident\` again.`));
      }
    });
  });
};
