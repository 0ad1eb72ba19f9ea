// What the event listeners beyond pins need (reactions, shortcut, edits, members, people).
// Owned by the events work; extended as those listeners arrive.

/** Extra dependencies of the event listeners. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the event listeners arrive
export interface EventListenerExtras {}
