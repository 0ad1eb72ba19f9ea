// The shape every incident command shares, whether typed as `/incident <command>` or `@Incident <command>`.
import type { WebClient } from '@slack/web-api';
import type { IncidentView } from '../../usecases/index.ts';
import type { ListenerDeps } from '../listeners/deps.ts';

/** Where and by whom a command was given. */
export interface CommandContext {
  readonly deps: ListenerDeps;
  readonly client: WebClient;
  readonly incident: IncidentView;
  readonly userId: string;
  readonly channelId: string;
  /** Everything after the command word, trimmed. */
  readonly args: string;
  /** Present for slash commands and buttons: lets a command open a modal. */
  readonly triggerId: string | null;
  readonly via: 'slash' | 'mention';
}

/** A Block Kit message for one person. */
export interface PrivateMessage {
  readonly text: string;
  readonly blocks?: unknown[];
}

/** What a command did: posted for everyone (`say`), shown to the caller only (`tell`), or refused. */
export type CommandResult =
  | { readonly ok: true; readonly say?: string; readonly tell?: PrivateMessage }
  | { readonly ok: false; readonly error: string };

/** One command. */
export interface IncidentCommand {
  /** The first name is the command; the rest are aliases. */
  readonly names: readonly string[];
  /** How to call it, e.g. "severity <critical|major|minor|trivial or 1-4>". */
  readonly usage: string;
  readonly help: string;
  run(ctx: CommandContext): Promise<CommandResult>;
}

/** A refusal that says what is wrong and how to do it right. */
export const refuse = (problem: string, usage?: string): CommandResult => ({
  ok: false,
  error: usage ? `${problem} Try \`/incident ${usage}\`.` : problem,
});

/** Done, with a line for the channel. */
export const said = (say: string): CommandResult => ({ ok: true, say });

/** Done, with a note for the caller only. */
export const told = (text: string, blocks?: unknown[]): CommandResult => ({ ok: true, tell: { text, blocks } });
