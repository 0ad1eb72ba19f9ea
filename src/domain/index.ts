// The incident domain: pure types and rules, no I/O. Everything else imports it from here.
export * from './action.ts';
export * from './actor.ts';
export * from './change-text.ts';
export * from './elapsed.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './incident.ts';
export * from './kind.ts';
export * from './severity.ts';
export * from './status.ts';
export * from './text-rules.ts';
export * from './timeline.ts';
export * from './user.ts';
