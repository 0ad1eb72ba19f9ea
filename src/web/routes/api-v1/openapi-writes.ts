// The OpenAPI operations of the write API and the audit stream.
import { created, type JsonSchema, jsonRequest, ok, parameters, problems, WRITE_PROBLEMS } from './openapi-parts.ts';
import { ActionParams, EventsQuery, IncidentIdParams, TimelineEntryParams } from './queries.ts';

const AFTER_WRITE = 'After every change the Slack headline is brought up to date.';

/** Operations by path and method, to merge with the read operations. */
export const writeOperations = (): Record<string, Record<string, JsonSchema>> => {
  const incident = parameters('path', IncidentIdParams.shape);
  const entry = parameters('path', TimelineEntryParams.shape);
  const action = parameters('path', ActionParams.shape);
  const noEntry = 'No such incident, or no such entry in it';
  const noAction = 'No such incident, or no such action in it';
  return {
    '/incidents/{id}': {
      patch: {
        operationId: 'updateIncident',
        summary: 'Edit an incident, move its status, resolve or reopen it',
        description:
          'Only the fields sent change. A status change is applied first (resolving, reopening or moving ' +
          `along) and the other fields after it; the body is validated before either. ${AFTER_WRITE}`,
        parameters: incident,
        requestBody: jsonRequest('IncidentPatch'),
        responses: { ...ok('Incident', 'The incident as it now is'), ...problems([...WRITE_PROBLEMS, 409]) },
      },
    },
    '/incidents/{id}/timeline': {
      post: {
        operationId: 'addTimelineEntry',
        summary: 'Add a manual timeline entry',
        description: `The token is recorded as the actor; the entry has no Slack author. ${AFTER_WRITE}`,
        parameters: incident,
        requestBody: jsonRequest('NewTimelineEntry'),
        responses: { ...created('TimelineEntry', 'The new entry'), ...problems(WRITE_PROBLEMS) },
      },
    },
    '/incidents/{id}/timeline/{entryId}': {
      get: {
        operationId: 'getTimelineEntry',
        summary: 'One timeline entry, hidden or not',
        parameters: entry,
        responses: { ...ok('TimelineEntry', 'The entry'), ...problems([400, 401, 404], noEntry) },
      },
      patch: {
        operationId: 'updateTimelineEntry',
        summary: 'Reword, move, hide or show a timeline entry',
        description:
          'Only manual entries can be reworded or moved; entries captured from Slack follow their message, ' +
          `and change records are the record (409). Any entry can be hidden or shown. ${AFTER_WRITE}`,
        parameters: entry,
        requestBody: jsonRequest('TimelineEntryPatch'),
        responses: { ...ok('TimelineEntry', 'The entry as it now is'), ...problems([...WRITE_PROBLEMS, 409], noEntry) },
      },
      delete: {
        operationId: 'hideTimelineEntry',
        summary: 'Hide a timeline entry (entries are never destroyed)',
        description:
          'The entry is kept, hidden from the timeline, and listed with `?hidden=include`; PATCH ' +
          `\`{"hidden": false}\` shows it again. Hiding a hidden entry changes nothing. ${AFTER_WRITE}`,
        parameters: entry,
        responses: { ...ok('TimelineEntry', 'The entry, now hidden'), ...problems([400, 401, 404], noEntry) },
      },
    },
    '/incidents/{id}/actions': {
      post: {
        operationId: 'addAction',
        summary: 'Add a follow-up action',
        description: AFTER_WRITE,
        parameters: incident,
        requestBody: jsonRequest('NewAction'),
        responses: { ...created('Action', 'The new action'), ...problems(WRITE_PROBLEMS) },
      },
    },
    '/incidents/{id}/actions/{actionId}': {
      get: {
        operationId: 'getAction',
        summary: 'One follow-up action',
        parameters: action,
        responses: { ...ok('Action', 'The action'), ...problems([400, 401, 404], noAction) },
      },
      patch: {
        operationId: 'updateAction',
        summary: 'Complete, reassign, reschedule or reword an action',
        description: AFTER_WRITE,
        parameters: action,
        requestBody: jsonRequest('ActionPatch'),
        responses: { ...ok('Action', 'The action as it now is'), ...problems(WRITE_PROBLEMS, noAction) },
      },
    },
    '/events': {
      get: {
        operationId: 'listEvents',
        summary: 'The audit stream: every change, oldest first',
        description:
          'Events after `since`, in the order they were written. Poll with the `nextSince` of the previous ' +
          'page; a page shorter than `limit` means you are up to date.',
        parameters: parameters('query', EventsQuery.shape),
        responses: { ...ok('EventList', 'One page of events'), ...problems([400, 401]) },
      },
    },
  };
};
