// Every incident command, by name and alias.
import { action } from './action.ts';
import { close, reopen } from './close.ts';
import { impact, summary } from './describe-field.ts';
import { duration } from './duration.ts';
import { helpFor } from './help.ts';
import { lead } from './lead.ts';
import { rename } from './rename.ts';
import { severity } from './severity.ts';
import { status } from './status.ts';
import type { IncidentCommand } from './types.ts';
import { update } from './update.ts';

const WORKING = [lead, severity, status, summary, impact, update, action, rename, duration, close, reopen];

/** All commands, help first. */
export const COMMANDS: readonly IncidentCommand[] = [helpFor([...WORKING]), ...WORKING];

const BY_NAME = new Map(COMMANDS.flatMap((c) => c.names.map((name) => [name, c] as const)));

/** The command with this name or alias. */
export const findCommand = (name: string): IncidentCommand | undefined => BY_NAME.get(name.toLowerCase());
