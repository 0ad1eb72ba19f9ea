import path from 'node:path';
import { z } from 'zod';
import {
  botToken,
  channelId,
  channelNameTemplate,
  cidrList,
  databaseUrl,
  emojiName,
  httpUrl,
  oneOf,
  port,
  positiveDuration,
  sessionSecret,
  teamId,
  timeZone,
} from './config-rules.ts';
import { parseDuration } from './duration.ts';

/** How people sign in to the web pages. */
export type AuthMode = 'slack' | 'proxy' | 'none';

/** Everything needed to talk to a real Slack workspace. */
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  apiUrl: string;
  teamId: string | null;
  incidentChannel: string;
  reportChannel: string;
}

/** The whole configuration, read once from the environment by loadConfig. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  publicUrl: string;
  slack: SlackConfig | null;
  slackApiUrl: string;
  slackTeamId: string | null;
  channelNameTemplate: string;
  timezone: string;
  /** The reaction that adds a message to the incident timeline (an emoji name, no colons). */
  timelineEmoji: string;
  reminders: { noLeadAfterMs: number; noSeverityAfterMs: number; updateEveryMs: number; closeAfterMs: number };
  auth: {
    mode: AuthMode;
    slackClientId: string | null;
    slackClientSecret: string | null;
    slackOidcIssuer: string;
    trustedProxyCidrs: string[];
    sessionSecret: string | null;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** Variables whose values must never be printed: logs, problem lines, anything. */
export const SECRET_VARIABLES: readonly string[] = Object.freeze([
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_SECRET',
  'SESSION_SECRET',
  'DATABASE_URL',
]);

/** The configuration is unusable; `problems` holds one line per problem, each starting with the variable name. */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const AUTH_MODES = ['slack', 'proxy', 'none'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One variable: unset gives `fallback`, otherwise `read` converts the text or throws the problem's message. */
function variable<T, F extends T | null>(fallback: F, read: (raw: string) => T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | F => {
      if (raw === undefined) return fallback;
      try {
        return read(raw);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });
}

const text = (raw: string): string => raw;

// Declared in the order of the documented table, which is also the order problems are listed in.
const envSchema = z.object({
  PORT: variable(3000, port),
  HOST: variable('0.0.0.0', text),
  DATABASE_URL: variable(null, databaseUrl),
  DATA_DIR: variable('./data', text),
  PUBLIC_URL: variable(null, httpUrl),
  SLACK_BOT_TOKEN: variable(null, botToken),
  SLACK_SIGNING_SECRET: variable(null, text),
  SLACK_API_URL: variable('https://slack.com/api/', (raw) => `${httpUrl(raw)}/`),
  SLACK_TEAM_ID: variable(null, teamId),
  SLACK_INCIDENT_CHANNEL: variable(null, channelId),
  SLACK_REPORT_CHANNEL: variable(null, channelId),
  CHANNEL_NAME_TEMPLATE: variable('inc-{id}-{slug}', channelNameTemplate),
  INCIDENT_TIMEZONE: variable('Europe/London', timeZone),
  TIMELINE_EMOJI: variable('pushpin', emojiName),
  REMIND_NO_LEAD_AFTER: variable(parseDuration('2m'), positiveDuration),
  REMIND_NO_SEVERITY_AFTER: variable(parseDuration('5m'), positiveDuration),
  REMIND_UPDATE_EVERY: variable(parseDuration('30m'), positiveDuration),
  REMIND_CLOSE_AFTER: variable(parseDuration('24h'), positiveDuration),
  AUTH_MODE: variable('slack', oneOf(AUTH_MODES)),
  SLACK_CLIENT_ID: variable(null, text),
  SLACK_CLIENT_SECRET: variable(null, text),
  SLACK_OIDC_ISSUER: variable('https://slack.com', httpUrl),
  TRUSTED_PROXY_CIDRS: variable([], cidrList),
  SESSION_SECRET: variable(null, sessionSecret),
  LOG_LEVEL: variable('info', oneOf(LOG_LEVELS)),
});

type Env = Partial<Record<keyof typeof envSchema.shape, string>>;
const VARIABLES = Object.keys(envSchema.shape) as (keyof Env)[];

interface Problem {
  variable: string;
  message: string;
}

/** Rules that span variables; they read presence only, so they still run when some value failed to parse. */
function crossFieldProblems(env: Env): Problem[] {
  const problems: Problem[] = [];
  const need = (variable: keyof Env, why: string) => {
    if (env[variable] === undefined) problems.push({ variable, message: `must be set ${why}` });
  };
  if (env.SLACK_BOT_TOKEN !== undefined) {
    need('SLACK_SIGNING_SECRET', 'when SLACK_BOT_TOKEN is (Slack needs both; unset both to run without Slack)');
  }
  if (env.SLACK_SIGNING_SECRET !== undefined) {
    need('SLACK_BOT_TOKEN', 'when SLACK_SIGNING_SECRET is (Slack needs both; unset both to run without Slack)');
  }
  // Either credential shows the operator means to use Slack, so list everything else Slack needs in the same run.
  const slackWanted = env.SLACK_BOT_TOKEN !== undefined || env.SLACK_SIGNING_SECRET !== undefined;
  if (slackWanted) {
    need(
      'SLACK_INCIDENT_CHANNEL',
      'when Slack is configured: the channel ID (like C0123456789) for incident headlines, found in Slack under the channel details',
    );
  }
  // Without Slack the local sandbox signs people in with a secret it makes itself, so nothing more is needed.
  if ((env.AUTH_MODE ?? 'slack') === 'slack' && slackWanted) {
    const why = 'when AUTH_MODE=slack (Sign in with Slack); set AUTH_MODE=proxy or none to sign in another way';
    need('SLACK_CLIENT_ID', why);
    need('SLACK_CLIENT_SECRET', why);
    need('SESSION_SECRET', `${why}; use at least 32 random characters`);
  }
  if (env.AUTH_MODE === 'proxy') {
    need('TRUSTED_PROXY_CIDRS', 'when AUTH_MODE=proxy: the addresses of the proxies allowed to name the user');
  }
  return problems;
}

/** Belt and braces: whatever a message says, a secret's value never leaves this module in it. */
function redact(message: string, env: Env): string {
  return SECRET_VARIABLES.reduce((result, name) => {
    const secret = env[name as keyof Env];
    return secret && secret.length >= 4 ? result.replaceAll(secret, '[redacted]') : result;
  }, message);
}

/** Reads and checks the environment; throws a ConfigError listing every problem found, not just the first. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  // An empty value (`PORT=` in a .env file or a blank Helm value) means "use the default", never "invalid".
  const env: Env = {};
  for (const name of VARIABLES) {
    const value = environment[name];
    if (value !== undefined && value !== '') env[name] = value;
  }
  const parsed = envSchema.safeParse(env);
  const problems: Problem[] = [
    ...(parsed.error?.issues ?? []).map((issue) => ({
      variable: String(issue.path[0] ?? 'environment'),
      message: issue.message,
    })),
    ...crossFieldProblems(env),
  ];
  if (!parsed.success || problems.length > 0) {
    const order = (problem: Problem) => VARIABLES.indexOf(problem.variable as keyof Env);
    const lines = problems
      .sort((a, b) => order(a) - order(b))
      .map((problem) => `${problem.variable}: ${redact(problem.message, env)}`);
    throw new ConfigError(lines);
  }

  const values = parsed.data;
  const slack =
    values.SLACK_BOT_TOKEN && values.SLACK_SIGNING_SECRET && values.SLACK_INCIDENT_CHANNEL
      ? {
          botToken: values.SLACK_BOT_TOKEN,
          signingSecret: values.SLACK_SIGNING_SECRET,
          apiUrl: values.SLACK_API_URL,
          teamId: values.SLACK_TEAM_ID,
          incidentChannel: values.SLACK_INCIDENT_CHANNEL,
          reportChannel: values.SLACK_REPORT_CHANNEL ?? values.SLACK_INCIDENT_CHANNEL,
        }
      : null;
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir: path.resolve(process.cwd(), values.DATA_DIR),
    publicUrl: values.PUBLIC_URL ?? `http://localhost:${values.PORT}`,
    slack,
    slackApiUrl: values.SLACK_API_URL,
    slackTeamId: values.SLACK_TEAM_ID,
    channelNameTemplate: values.CHANNEL_NAME_TEMPLATE,
    timezone: values.INCIDENT_TIMEZONE,
    timelineEmoji: values.TIMELINE_EMOJI,
    reminders: {
      noLeadAfterMs: values.REMIND_NO_LEAD_AFTER,
      noSeverityAfterMs: values.REMIND_NO_SEVERITY_AFTER,
      updateEveryMs: values.REMIND_UPDATE_EVERY,
      closeAfterMs: values.REMIND_CLOSE_AFTER,
    },
    auth: {
      mode: values.AUTH_MODE,
      slackClientId: values.SLACK_CLIENT_ID,
      slackClientSecret: values.SLACK_CLIENT_SECRET,
      slackOidcIssuer: values.SLACK_OIDC_ISSUER,
      trustedProxyCidrs: values.TRUSTED_PROXY_CIDRS,
      sessionSecret: values.SESSION_SECRET,
    },
    logLevel: values.LOG_LEVEL,
  };
}

/** The text printed on stderr before exiting 2: a header, then one line per problem. */
export function describeConfigError(error: ConfigError): string {
  return ['Invalid configuration:', ...error.problems].join('\n');
}
