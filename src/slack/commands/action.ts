import { userActor } from '../../domain/index.ts';
import { addAction, getActions } from '../../usecases/index.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { firstMention, withoutFirstMention } from './parse.ts';
import { type IncidentCommand, refuse, said, told } from './types.ts';

const USAGE = 'action <what to do> [@owner] [by YYYY-MM-DD]';
const DUE = /\s*\b(?:by|due)\s+(\d{4}-\d{2}-\d{2})\b/i;

/** "by 2026-12-01" → that date at 17:00 UTC (a due date is a day, not an instant); null when absent. */
const dueDate = (text: string): Date | null | 'invalid' => {
  const match = DUE.exec(text);
  if (!match?.[1]) return null;
  const date = new Date(`${match[1]}T17:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== match[1] ? 'invalid' : date;
};

/** `action <text> [@owner] [by date]` logs a follow-up; `action` alone lists them. */
export const action: IncidentCommand = {
  names: ['action', 'actions'],
  usage: USAGE,
  help: 'Log a follow-up action (owner and due date optional); alone, list the actions',
  async run({ deps, incident, userId, args }) {
    if (!args) {
      const items = await getActions(deps.read, incident.id);
      if (items.length === 0) return told(`No follow-up actions yet. Add one with \`/incident ${USAGE}\`.`);
      const lines = items.map((a) => {
        const owner = a.owner ? ` — <@${a.owner.slackId}>` : '';
        const due = a.dueAt ? ` (due ${a.dueAt.toISOString().slice(0, 10)})` : '';
        return `${a.done ? ':white_check_mark:' : ':black_square_button:'} ${escapeMrkdwn(a.text)}${owner}${due}`;
      });
      return said(`*Follow-up actions*\n${lines.join('\n')}`);
    }
    const due = dueDate(args);
    if (due === 'invalid') return refuse('That due date is not a real date.', USAGE);
    const ownerId = firstMention(args);
    const text = withoutFirstMention(args.replace(DUE, ' '));
    if (!text) return refuse('Say what needs doing.', USAGE);
    const added = await addAction(deps.write, {
      incidentId: incident.id,
      text,
      ownerId,
      dueAt: due,
      actor: userActor(userId),
    });
    const owner = ownerId ? ` for <@${ownerId}>` : '';
    return said(`:memo: Follow-up action #${added.value.id}${owner}: ${escapeMrkdwn(text)}`);
  },
};
