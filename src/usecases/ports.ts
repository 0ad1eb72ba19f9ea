// What the use cases need from the outside world. Storage implements these; tests may pass their own.
import type {
  Action,
  Incident,
  IncidentEvent,
  IncidentPatch,
  Kind,
  NewAction,
  NewIncident,
  NewTimelineEntry,
  Severity,
  Status,
  StoredIncidentEvent,
  TimelineEntry,
  User,
} from '../domain/index.ts';

/** The time, passed in so tests and benchmarks can fix it. */
export interface Clock {
  now(): Date;
}

/** Incidents inside a transaction. `lock*` reads take a row lock until the transaction ends. */
export interface IncidentRepository {
  /** Inserts unless `declareKey` was used before, in which case the earlier incident is returned. */
  insert(incident: NewIncident, declareKey: string | null): Promise<{ incident: Incident; created: boolean }>;
  lock(id: number): Promise<Incident | null>;
  save(incident: Incident): Promise<void>;
}

/** Timeline entries inside a transaction. */
export interface TimelineRepository {
  /** Inserts unless an entry for the same Slack message exists, in which case that one is returned. */
  insert(entry: NewTimelineEntry): Promise<{ entry: TimelineEntry; created: boolean }>;
  lock(incidentId: number, entryId: number): Promise<TimelineEntry | null>;
  lockBySlackMessage(incidentId: number, channelId: string, ts: string): Promise<TimelineEntry | null>;
  save(entry: TimelineEntry): Promise<void>;
}

/** Follow-up actions inside a transaction. */
export interface ActionRepository {
  insert(action: NewAction): Promise<Action>;
  lock(incidentId: number, actionId: number): Promise<Action | null>;
  save(action: Action): Promise<void>;
}

/** The append-only event log. */
export interface EventLog {
  append(event: IncidentEvent): Promise<StoredIncidentEvent>;
}

/** Everything a write may touch, all in one transaction. */
export interface UnitOfWork {
  readonly incidents: IncidentRepository;
  readonly timeline: TimelineRepository;
  readonly actions: ActionRepository;
  readonly events: EventLog;
}

/** Runs `work` in one database transaction: all of it is stored, or none of it. */
export interface Transactor {
  transaction<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T>;
}

/** An incident as read models show it: with names for people and its Slack channel, if any. */
export interface IncidentView extends Incident {
  readonly reporter: User | null;
  readonly lead: User | null;
  readonly channel: { readonly id: string; readonly name: string } | null;
}

/** A timeline entry with its author's name. */
export interface TimelineEntryView extends TimelineEntry {
  readonly author: User | null;
}

/** An action with its owner's name. */
export interface ActionView extends Action {
  readonly owner: User | null;
}

/** Filters for listing incidents; all optional. `q` searches title and summary. */
export interface IncidentFilter {
  readonly status?: readonly Status[];
  readonly severity?: readonly Severity[];
  readonly kind?: Kind;
  readonly q?: string;
  /** Reported at or after this instant. */
  readonly from?: Date;
  /** Reported before this instant (exclusive, so whole days chain without overlap). */
  readonly to?: Date;
}

/** Where a page starts: after this incident in newest-first order. */
export interface IncidentCursor {
  readonly reportedAt: Date;
  readonly id: number;
}

/** One page of results and where the next begins (null on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: IncidentCursor | null;
}

/** Where a page of the open-first list starts: in the open section, or in the resolved one. */
export interface OpenFirstCursor {
  readonly section: 'open' | 'resolved';
  /** Null: the start of that section. */
  readonly after: IncidentCursor | null;
}

/** Where a window of a timeline sits, by entry id: starting at an entry, ending at one, or (null) the newest. */
export type TimelineAnchor = { readonly from: number } | { readonly until: number } | null;

/** Some consecutive entries of a timeline, oldest first, and the entries just outside them. */
export interface TimelineWindow {
  readonly entries: readonly TimelineEntryView[];
  /** The entry just before the window; null when the window starts the timeline. */
  readonly previousId: number | null;
  /** The entry just after the window; null when the window ends the timeline. */
  readonly nextId: number | null;
}

/** The whole timeline in a few numbers, for a page that shows only a window of it. */
export interface TimelineSummary {
  readonly total: number;
  readonly hidden: number;
  /** Everyone with an entry on the timeline (hidden ones included), named from the Slack user cache. */
  readonly participants: readonly User[];
}

/** Reads for pages and the API; no locks, no transaction. */
export interface IncidentQueries {
  list(filter: IncidentFilter, limit: number, after: IncidentCursor | null): Promise<Page<IncidentView>>;
  get(id: number): Promise<IncidentView | null>;
  timeline(incidentId: number, options: { includeHidden: boolean }): Promise<readonly TimelineEntryView[]>;
  /**
   * The open-first list (open incidents, then resolved ones, each newest first) in one statement:
   * for searches, whose matches are then collected once rather than once per section.
   */
  listOpenFirst(
    filter: IncidentFilter,
    limit: number,
    after: OpenFirstCursor | null,
  ): Promise<{ readonly items: readonly IncidentView[]; readonly next: OpenFirstCursor | null }>;
  /** At most `limit` entries at the anchor (keyset on occurred_at, id); null if the anchor is not on this timeline. */
  timelineWindow(
    incidentId: number,
    options: { readonly anchor: TimelineAnchor; readonly limit: number; readonly includeHidden: boolean },
  ): Promise<TimelineWindow | null>;
  /** Counts and participants of the whole timeline, from one aggregate. */
  timelineSummary(incidentId: number): Promise<TimelineSummary>;
  actions(incidentId: number): Promise<readonly ActionView[]>;
  eventsSince(afterId: number, limit: number): Promise<readonly StoredIncidentEvent[]>;
}

/** Names for Slack user ids, from the people cache (pages show people, not ids). */
export interface PeopleQueries {
  /** The people among `ids` whom the cache knows; unknown ids are left out. */
  names(ids: readonly string[]): Promise<readonly User[]>;
  /** People the cache knows (not deactivated), by name, at most `limit`: for "choose a person" lists. */
  known(limit: number): Promise<readonly User[]>;
}

/** What write use cases are given. */
export interface WriteDeps {
  readonly store: Transactor;
  readonly clock: Clock;
}

/** What read use cases are given. */
export interface ReadDeps {
  readonly queries: IncidentQueries;
}

/** What a write returns: the result and the events it stored (the jobs that update Slack start from these). */
export interface Outcome<T> {
  readonly value: T;
  readonly events: readonly StoredIncidentEvent[];
}

export type { IncidentPatch };
