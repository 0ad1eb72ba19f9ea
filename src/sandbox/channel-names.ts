// Slack's channel-name rules (README §4, conversations.create): lower-case letters, digits, - and _, ≤ 80.
import type { Workspace } from './state.ts';

/** Slack's error code for a bad channel name, or undefined when the name is acceptable. */
export function channelNameProblem(name: string | undefined): string | undefined {
  if (name === undefined || name === '') return 'invalid_name_required';
  if (name.length > 80) return 'invalid_name_maxlength';
  if (!/^[a-z0-9_-]+$/.test(name)) return 'invalid_name_specials';
  if (/^[-_]+$/.test(name)) return 'invalid_name_punctuation';
  return undefined;
}

/** Whether another channel (archived ones included: they keep their names) already has this name. */
export const nameTaken = (ws: Workspace, name: string, exceptId?: string): boolean =>
  [...ws.channels.values()].some((c) => !c.isIm && c.name === name && c.id !== exceptId);
