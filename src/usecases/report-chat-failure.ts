import type { ChatSyncDeps } from './sync-incident-chat.ts';

/**
 * After the last retry: records why chat could not catch up and tells the reporter (or the lead)
 * what failed. The incident itself is stored and visible whatever Slack did.
 */
export const reportChatFailure = async (
  deps: ChatSyncDeps,
  input: { readonly incidentId: number; readonly what: string },
): Promise<void> => {
  const { chatState, chat, clock } = deps;
  const incident = await deps.queries.get(input.incidentId);
  if (!incident) return;
  const state = await chatState.load(input.incidentId);
  await chatState.markFailed(input.incidentId, input.what, clock.now());
  // Once per incident: a later failure of the same incident is already in the log and the row.
  if (state.failedAt) return;
  const person = state.origin?.userId ?? incident.reporter?.slackId ?? incident.lead?.slackId;
  if (person) await chat.reportFailure(person, incident, input.what);
};
