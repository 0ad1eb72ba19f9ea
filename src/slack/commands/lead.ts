import { userActor } from '../../domain/index.ts';
import { setLead } from '../../usecases/index.ts';
import { firstMention } from './parse.ts';
import { type IncidentCommand, refuse, said } from './types.ts';

/** `lead [@person]`: the person mentioned, or the caller, leads the incident. */
export const lead: IncidentCommand = {
  names: ['lead'],
  usage: 'lead @person',
  help: 'Make someone the incident lead (you, when nobody is named)',
  async run({ deps, incident, userId, args }) {
    const leadId = args ? firstMention(args) : userId;
    if (!leadId) return refuse(`"${args}" is not a person.`, 'lead @person');
    await setLead(deps.write, { incidentId: incident.id, leadId, actor: userActor(userId) });
    return said(`:firefighter: <@${leadId}> is now leading this incident.`);
  },
};
