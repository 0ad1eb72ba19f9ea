// Runs one command in an incident channel and turns every outcome into something the person sees:
// domain rules broken come back as the reason and the right usage, never as silence.
import { isDomainError } from '../../domain/index.ts';
import { getIncident } from '../../usecases/index.ts';
import { findCommand } from './registry.ts';
import type { CommandContext, CommandResult } from './types.ts';
import { refuse } from './types.ts';

/** What a command needs besides the incident, which this finds from the channel. */
export type CommandRequest = Omit<CommandContext, 'incident' | 'args'> & {
  readonly name: string;
  readonly args: string;
};

/** Runs `name` for the channel's incident; null when the channel is not an incident channel. */
export const runCommand = async (request: CommandRequest): Promise<CommandResult | null> => {
  const { deps } = request;
  const incidentId = await deps.chatState.incidentForChannel(request.channelId);
  if (incidentId === null) return null;
  const command = findCommand(request.name);
  if (!command) {
    return refuse(`I don't know \`${request.name}\`. \`/incident help\` lists what I can do.`);
  }
  try {
    const incident = await getIncident(deps.read, incidentId);
    const result = await command.run({ ...request, incident });
    // Whatever changed, Slack's view of the incident (the headline) catches up in a job.
    if (result.ok) await deps.incidentChanged(incidentId);
    return result;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return refuse(error.message, command.usage);
  }
};
