import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, describeConfigError, loadConfig, SECRET_VARIABLES } from '../../src/config.ts';

type Env = Record<string, string | undefined>;

// The documented Environment table, in its order.
const DOCUMENTED_VARIABLES = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATA_DIR',
  'PUBLIC_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_API_URL',
  'SLACK_TEAM_ID',
  'SLACK_INCIDENT_CHANNEL',
  'SLACK_REPORT_CHANNEL',
  'CHANNEL_NAME_TEMPLATE',
  'INCIDENT_TIMEZONE',
  'TIMELINE_EMOJI',
  'REMIND_NO_LEAD_AFTER',
  'REMIND_NO_SEVERITY_AFTER',
  'REMIND_UPDATE_EVERY',
  'REMIND_CLOSE_AFTER',
  'AUTH_MODE',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_OIDC_ISSUER',
  'TRUSTED_PROXY_CIDRS',
  'SESSION_SECRET',
  'LOG_LEVEL',
];

// A complete, valid Slack set-up with Sign in with Slack.
const SLACK_ENV: Env = {
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdef',
  SLACK_SIGNING_SECRET: 'signing-secret-0123456789abcdef',
  SLACK_INCIDENT_CHANNEL: 'C0123456789',
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'client-secret-abcdef',
  SESSION_SECRET: 'a'.repeat(32),
};

/** The problem lines loadConfig throws for `env`; fails the test when it does not throw a ConfigError. */
function problemsOf(env: Env): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail(`expected loadConfig(${JSON.stringify(env)}) to throw`);
}

/** The single problem line for `variable`, asserting there is exactly one. */
function problemFor(env: Env, variable: string): string {
  const lines = problemsOf(env).filter((line) => line.startsWith(`${variable}: `));
  assert.equal(lines.length, 1, `one problem for ${variable}, got ${JSON.stringify(lines)}`);
  return lines[0]!;
}

describe('loadConfig defaults', () => {
  it('runs with an empty environment: no Slack, embedded database, documented defaults', () => {
    const config = loadConfig({});
    assert.deepEqual(config, {
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: null,
      dataDir: path.resolve(process.cwd(), 'data'),
      publicUrl: 'http://localhost:3000',
      slack: null,
      slackApiUrl: 'https://slack.com/api/',
      slackTeamId: null,
      channelNameTemplate: 'inc-{id}-{slug}',
      timezone: 'Europe/London',
      timelineEmoji: 'pushpin',
      reminders: {
        noLeadAfterMs: 2 * 60_000,
        noSeverityAfterMs: 5 * 60_000,
        updateEveryMs: 30 * 60_000,
        closeAfterMs: 24 * 3_600_000,
      },
      auth: {
        mode: 'slack',
        slackClientId: null,
        slackClientSecret: null,
        slackOidcIssuer: 'https://slack.com',
        trustedProxyCidrs: [],
        sessionSecret: null,
      },
      logLevel: 'info',
    });
  });

  it('treats an empty string as unset for every variable', () => {
    const blank = Object.fromEntries(DOCUMENTED_VARIABLES.map((name) => [name, '']));
    assert.deepEqual(loadConfig(blank), loadConfig({}));
  });

  it('ignores variables it does not know', () => {
    assert.deepEqual(loadConfig({ HOME: '/root', NODE_ENV: 'production', PATH: '/bin' }), loadConfig({}));
  });

  it('reads process.env when given nothing', () => {
    const saved = { ...process.env };
    try {
      for (const name of DOCUMENTED_VARIABLES) delete process.env[name];
      process.env.PORT = '4321';
      process.env.LOG_LEVEL = 'debug';
      const config = loadConfig();
      assert.equal(config.port, 4321);
      assert.equal(config.logLevel, 'debug');
    } finally {
      for (const name of DOCUMENTED_VARIABLES) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  it('resolves DATA_DIR against the working directory', () => {
    assert.equal(loadConfig({ DATA_DIR: 'var/db' }).dataDir, path.join(process.cwd(), 'var', 'db'));
    assert.equal(loadConfig({ DATA_DIR: '/srv/incident-bot' }).dataDir, '/srv/incident-bot');
  });

  it('defaults PUBLIC_URL to localhost on the configured port', () => {
    assert.equal(loadConfig({ PORT: '8080' }).publicUrl, 'http://localhost:8080');
  });
});

describe('server and database variables', () => {
  it('accepts ports 1 to 65535', () => {
    assert.equal(loadConfig({ PORT: '1' }).port, 1);
    assert.equal(loadConfig({ PORT: '65535' }).port, 65535);
    assert.equal(loadConfig({ PORT: '8080' }).port, 8080);
  });

  it('refuses a port that is not a whole number in range, quoting it', () => {
    assert.deepEqual(problemsOf({ PORT: 'abc' }), ['PORT: must be a whole number from 1 to 65535 (got "abc")']);
    for (const port of ['0', '65536', '80.5', '-1', '1e3', ' 3000', '0x50']) {
      assert.equal(
        problemFor({ PORT: port }, 'PORT'),
        `PORT: must be a whole number from 1 to 65535 (got ${JSON.stringify(port)})`,
      );
    }
  });

  it('takes any HOST', () => {
    assert.equal(loadConfig({ HOST: '127.0.0.1' }).host, '127.0.0.1');
    assert.equal(loadConfig({ HOST: '::' }).host, '::');
  });

  it('accepts postgres:// and postgresql:// database URLs as given', () => {
    for (const url of ['postgres://bot:pw@db:5432/incidents', 'postgresql://localhost/incidents?sslmode=require']) {
      assert.equal(loadConfig({ DATABASE_URL: url }).databaseUrl, url);
    }
  });

  it('refuses other database URLs without printing them', () => {
    const line = problemFor({ DATABASE_URL: 'mysql://bot:hunter2-password@db/incidents' }, 'DATABASE_URL');
    assert.match(line, /^DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//);
    assert.doesNotMatch(line, /hunter2|bot:|@db/);
    assert.match(problemFor({ DATABASE_URL: 'localhost:5432' }, 'DATABASE_URL'), /postgres:\/\//);
  });

  it('keeps PUBLIC_URL paths and drops trailing slashes so links can be appended', () => {
    assert.equal(
      loadConfig({ PUBLIC_URL: 'https://incidents.example.com/' }).publicUrl,
      'https://incidents.example.com',
    );
    assert.equal(loadConfig({ PUBLIC_URL: 'http://example.com/bot//' }).publicUrl, 'http://example.com/bot');
  });

  it('refuses a PUBLIC_URL that is not an http(s) URL, or has a query', () => {
    for (const url of ['ftp://example.com', 'example.com', 'localhost:3000', 'not a url']) {
      assert.equal(
        problemFor({ PUBLIC_URL: url }, 'PUBLIC_URL'),
        `PUBLIC_URL: must be an http:// or https:// URL (got ${JSON.stringify(url)})`,
      );
    }
    assert.match(problemFor({ PUBLIC_URL: 'https://example.com/?a=1' }, 'PUBLIC_URL'), /\?query or #fragment/);
  });
});

describe('Slack variables', () => {
  it('builds the Slack configuration when both credentials are set', () => {
    const config = loadConfig({ ...SLACK_ENV, SLACK_TEAM_ID: 'T0123456789' });
    assert.deepEqual(config.slack, {
      botToken: 'xoxb-1111-2222-abcdef',
      signingSecret: 'signing-secret-0123456789abcdef',
      apiUrl: 'https://slack.com/api/',
      teamId: 'T0123456789',
      incidentChannel: 'C0123456789',
      reportChannel: 'C0123456789',
    });
    assert.equal(config.slackTeamId, 'T0123456789');
  });

  it('uses SLACK_REPORT_CHANNEL when given, private channel IDs included', () => {
    const config = loadConfig({
      ...SLACK_ENV,
      SLACK_INCIDENT_CHANNEL: 'G01ABCDEFGH',
      SLACK_REPORT_CHANNEL: 'C09ZZZZZZZZ',
    });
    assert.equal(config.slack?.incidentChannel, 'G01ABCDEFGH');
    assert.equal(config.slack?.reportChannel, 'C09ZZZZZZZZ');
  });

  it('names the missing half when only one credential is set', () => {
    const onlyToken = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_INCIDENT_CHANNEL: 'C0123456789' });
    assert.equal(onlyToken.filter((line) => line.startsWith('SLACK_SIGNING_SECRET: ')).length, 1);
    assert.match(problemFor({ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET'), /SLACK_BOT_TOKEN/);
    assert.match(problemFor({ SLACK_SIGNING_SECRET: 'abc123' }, 'SLACK_BOT_TOKEN'), /^SLACK_BOT_TOKEN: must be set/);
  });

  it('requires the incident channel with Slack, and not without', () => {
    const { SLACK_INCIDENT_CHANNEL: _, ...withoutChannel } = SLACK_ENV;
    assert.deepEqual(
      problemsOf(withoutChannel).map((line) => line.split(':')[0]),
      ['SLACK_INCIDENT_CHANNEL'],
    );
    assert.match(problemFor(withoutChannel, 'SLACK_INCIDENT_CHANNEL'), /channel ID.*channel details/);
    assert.equal(loadConfig({}).slack, null);
  });

  it('tells people who give a channel name to use its ID', () => {
    for (const name of ['#incidents', 'incidents']) {
      const line = problemFor({ ...SLACK_ENV, SLACK_INCIDENT_CHANNEL: name }, 'SLACK_INCIDENT_CHANNEL');
      assert.match(line, /channel's ID, not its name/);
      assert.match(line, /channel details/);
      assert.ok(line.endsWith(`(got ${JSON.stringify(name)})`), line);
    }
  });

  it('checks both channel IDs', () => {
    for (const bad of ['C123', 'D0123456789', 'c0123456789', 'C0123-56789']) {
      assert.match(
        problemFor({ ...SLACK_ENV, SLACK_INCIDENT_CHANNEL: bad }, 'SLACK_INCIDENT_CHANNEL'),
        /channel('s)? ID/,
      );
      assert.match(problemFor({ ...SLACK_ENV, SLACK_REPORT_CHANNEL: bad }, 'SLACK_REPORT_CHANNEL'), /channel('s)? ID/);
    }
  });

  it('refuses a token that is not a bot token without printing it', () => {
    const line = problemFor({ ...SLACK_ENV, SLACK_BOT_TOKEN: 'xoxp-secret-value' }, 'SLACK_BOT_TOKEN');
    assert.match(line, /^SLACK_BOT_TOKEN: must be a bot token starting with xoxb-/);
    assert.match(line, /"xoxp-"/);
    assert.doesNotMatch(line, /secret-value/);
    const other = problemFor({ ...SLACK_ENV, SLACK_BOT_TOKEN: 'hunter2hunter2' }, 'SLACK_BOT_TOKEN');
    assert.doesNotMatch(other, /hunter2/);
  });

  it('checks the team ID format', () => {
    assert.equal(loadConfig({ SLACK_TEAM_ID: 'T01ABCDEF23' }).slackTeamId, 'T01ABCDEF23');
    for (const bad of ['acme', 'T123', 't0123456789', 'E0123456789']) {
      assert.equal(
        problemFor({ SLACK_TEAM_ID: bad }, 'SLACK_TEAM_ID'),
        `SLACK_TEAM_ID: must be a Slack team ID like T0123456789 (got ${JSON.stringify(bad)})`,
      );
    }
  });

  it('ends SLACK_API_URL with exactly one slash, for the sandbox or a stand-in', () => {
    assert.equal(loadConfig({ SLACK_API_URL: 'http://127.0.0.1:9999/api' }).slackApiUrl, 'http://127.0.0.1:9999/api/');
    assert.equal(loadConfig({ SLACK_API_URL: 'http://127.0.0.1:9999/api/' }).slackApiUrl, 'http://127.0.0.1:9999/api/');
    const config = loadConfig({ ...SLACK_ENV, SLACK_API_URL: 'http://localhost:4000/api' });
    assert.equal(config.slack?.apiUrl, 'http://localhost:4000/api/');
    assert.match(problemFor({ SLACK_API_URL: 'slack.com/api' }, 'SLACK_API_URL'), /http:\/\/ or https:\/\//);
  });
});

describe('CHANNEL_NAME_TEMPLATE', () => {
  it('accepts every documented token', () => {
    const template = 'inc-{yyyy}{mm}{dd}-{id}-{severity}-{slug}';
    assert.equal(loadConfig({ CHANNEL_NAME_TEMPLATE: template }).channelNameTemplate, template);
    assert.equal(loadConfig({ CHANNEL_NAME_TEMPLATE: '{id}' }).channelNameTemplate, '{id}');
  });

  it('names unknown tokens', () => {
    const line = problemFor({ CHANNEL_NAME_TEMPLATE: 'inc-{id}-{foo}-{title}' }, 'CHANNEL_NAME_TEMPLATE');
    assert.match(line, /unknown tokens \{foo\} \{title\}/);
    assert.match(line, /\{id\} \{slug\} \{yyyy\} \{mm\} \{dd\} \{severity\}/);
  });

  it('requires {id} so every incident gets its own channel', () => {
    assert.match(problemFor({ CHANNEL_NAME_TEMPLATE: 'inc-{slug}' }, 'CHANNEL_NAME_TEMPLATE'), /must contain \{id\}/);
  });

  it('refuses unmatched braces and upper-case tokens', () => {
    assert.match(problemFor({ CHANNEL_NAME_TEMPLATE: 'inc-{id' }, 'CHANNEL_NAME_TEMPLATE'), /unmatched/);
    assert.match(problemFor({ CHANNEL_NAME_TEMPLATE: 'inc-{ID}' }, 'CHANNEL_NAME_TEMPLATE'), /unknown token \{ID\}/);
  });
});

describe('INCIDENT_TIMEZONE', () => {
  it('accepts IANA zones', () => {
    for (const zone of ['America/New_York', 'UTC', 'Asia/Kolkata']) {
      assert.equal(loadConfig({ INCIDENT_TIMEZONE: zone }).timezone, zone);
    }
  });

  it('refuses anything else', () => {
    for (const zone of ['Mars/Olympus_Mons', 'London', 'GMT+25']) {
      assert.match(problemFor({ INCIDENT_TIMEZONE: zone }, 'INCIDENT_TIMEZONE'), /IANA time zone/);
    }
  });
});

describe('TIMELINE_EMOJI', () => {
  it('reads an emoji name as reactions carry it', () => {
    for (const name of ['round_pushpin', '+1', 'white_check_mark', 'e-mail', "don't"]) {
      assert.equal(loadConfig({ TIMELINE_EMOJI: name }).timelineEmoji, name);
    }
  });

  it('refuses anything else, naming the variable; a name in colons gets the bare name as advice', () => {
    assert.equal(
      problemFor({ TIMELINE_EMOJI: ':pushpin:' }, 'TIMELINE_EMOJI'),
      "TIMELINE_EMOJI: must be an emoji name: lower-case letters, digits and _ + ' - only, like pushpin; " +
        'write it without colons: pushpin (got ":pushpin:")',
    );
    for (const name of ['Pushpin', 'push pin', '📌', 'pushpin::skin-tone-2']) {
      assert.match(problemFor({ TIMELINE_EMOJI: name }, 'TIMELINE_EMOJI'), /must be an emoji name/);
    }
  });
});

describe('reminder durations', () => {
  it('reads each REMIND_* variable', () => {
    const config = loadConfig({
      REMIND_NO_LEAD_AFTER: '30s',
      REMIND_NO_SEVERITY_AFTER: '1m30s',
      REMIND_UPDATE_EVERY: '1h30m',
      REMIND_CLOSE_AFTER: '2d',
    });
    assert.deepEqual(config.reminders, {
      noLeadAfterMs: 30_000,
      noSeverityAfterMs: 90_000,
      updateEveryMs: 5_400_000,
      closeAfterMs: 172_800_000,
    });
  });

  it('refuses zero and malformed durations, naming the variable and the accepted form', () => {
    assert.equal(
      problemFor({ REMIND_UPDATE_EVERY: '0s' }, 'REMIND_UPDATE_EVERY'),
      'REMIND_UPDATE_EVERY: must be longer than zero (got "0s")',
    );
    for (const [variable, value] of [
      ['REMIND_NO_LEAD_AFTER', '5 minutes'],
      ['REMIND_NO_SEVERITY_AFTER', '-1m'],
      ['REMIND_UPDATE_EVERY', '10'],
      ['REMIND_CLOSE_AFTER', '1.5h'],
    ] as const) {
      const line = problemFor({ [variable]: value }, variable);
      assert.ok(line.startsWith(`${variable}: ${JSON.stringify(value)} is not a duration`), line);
      assert.match(line, /30s/);
    }
  });
});

describe('sign-in variables', () => {
  it('defaults to AUTH_MODE=slack and needs nothing more without Slack, since the sandbox makes its own secret', () => {
    const config = loadConfig({});
    assert.equal(config.auth.mode, 'slack');
    assert.equal(config.auth.sessionSecret, null);
  });

  it('with Slack, AUTH_MODE=slack needs the client ID, client secret and session secret', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_INCIDENT_CHANNEL: 'C0123456789' };
    const problems = problemsOf(env);
    assert.deepEqual(
      problems.map((line) => line.split(':')[0]),
      ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SESSION_SECRET'],
    );
    for (const line of problems) assert.match(line, /AUTH_MODE=slack/);
    const config = loadConfig(SLACK_ENV);
    assert.equal(config.auth.slackClientId, '1111.2222');
    assert.equal(config.auth.slackClientSecret, 'client-secret-abcdef');
    assert.equal(config.auth.sessionSecret, 'a'.repeat(32));
  });

  it('with Slack but another AUTH_MODE, needs no Sign in with Slack settings', () => {
    const { SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SESSION_SECRET, ...slackOnly } = SLACK_ENV;
    assert.equal(loadConfig({ ...slackOnly, AUTH_MODE: 'none' }).auth.mode, 'none');
    const proxied = loadConfig({ ...slackOnly, AUTH_MODE: 'proxy', TRUSTED_PROXY_CIDRS: '10.0.0.0/8' });
    assert.equal(proxied.auth.mode, 'proxy');
    assert.notEqual(proxied.slack, null);
  });

  it('refuses a session secret shorter than 32 characters without printing it', () => {
    const line = problemFor({ SESSION_SECRET: 'short-session-secret' }, 'SESSION_SECRET');
    assert.match(line, /^SESSION_SECRET: is too short: use at least 32/);
    assert.doesNotMatch(line, /short-session-secret/);
  });

  it('refuses an unknown AUTH_MODE', () => {
    assert.equal(
      problemFor({ AUTH_MODE: 'oauth' }, 'AUTH_MODE'),
      'AUTH_MODE: must be one of slack, proxy, none (got "oauth")',
    );
    assert.match(problemFor({ AUTH_MODE: 'Slack' }, 'AUTH_MODE'), /must be one of/);
  });

  it('AUTH_MODE=proxy needs TRUSTED_PROXY_CIDRS', () => {
    assert.match(
      problemFor({ AUTH_MODE: 'proxy' }, 'TRUSTED_PROXY_CIDRS'),
      /^TRUSTED_PROXY_CIDRS: must be set when AUTH_MODE=proxy/,
    );
  });

  it('reads IPv4 and IPv6 CIDRs, ignoring spaces and empty entries, and widens a bare address to one host', () => {
    const config = loadConfig({
      AUTH_MODE: 'proxy',
      TRUSTED_PROXY_CIDRS: '127.0.0.1/32, 10.0.0.0/8,,fd00::/8,::1,192.168.1.1',
    });
    assert.deepEqual(config.auth.trustedProxyCidrs, [
      '127.0.0.1/32',
      '10.0.0.0/8',
      'fd00::/8',
      '::1/128',
      '192.168.1.1/32',
    ]);
    assert.deepEqual(loadConfig({ TRUSTED_PROXY_CIDRS: '0.0.0.0/0,::/0' }).auth.trustedProxyCidrs, [
      '0.0.0.0/0',
      '::/0',
    ]);
  });

  it('names each bad CIDR entry', () => {
    const line = problemFor(
      { TRUSTED_PROXY_CIDRS: '10.0.0.0/8,10.0.0.0/33,fd00::/129,example.com/24,1.2.3.4/-1,1.2.3/8' },
      'TRUSTED_PROXY_CIDRS',
    );
    for (const entry of ['10.0.0.0/33', 'fd00::/129', 'example.com/24', '1.2.3.4/-1', '1.2.3/8']) {
      assert.ok(line.includes(`"${entry}"`), `${entry} in ${line}`);
    }
    assert.ok(!line.includes('"10.0.0.0/8"'), line);
    assert.match(
      problemFor({ AUTH_MODE: 'proxy', TRUSTED_PROXY_CIDRS: ' , ' }, 'TRUSTED_PROXY_CIDRS'),
      /at least one CIDR/,
    );
  });

  it('checks SLACK_OIDC_ISSUER is an http(s) URL', () => {
    assert.equal(
      loadConfig({ SLACK_OIDC_ISSUER: 'https://issuer.example.com/' }).auth.slackOidcIssuer,
      'https://issuer.example.com',
    );
    assert.match(problemFor({ SLACK_OIDC_ISSUER: 'slack.com' }, 'SLACK_OIDC_ISSUER'), /http:\/\/ or https:\/\//);
  });
});

describe('LOG_LEVEL', () => {
  it("accepts each of pino's levels", () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const) {
      assert.equal(loadConfig({ LOG_LEVEL: level }).logLevel, level);
    }
  });

  it('refuses anything else', () => {
    assert.equal(
      problemFor({ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'),
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    );
  });
});

describe('reporting problems', () => {
  const everythingWrong: Env = {
    PORT: 'abc',
    DATABASE_URL: 'mysql://admin:s3cr3t-db-password@db/incidents',
    PUBLIC_URL: 'example.com',
    SLACK_BOT_TOKEN: 'xoxp-secret-value',
    SLACK_INCIDENT_CHANNEL: '#incidents',
    CHANNEL_NAME_TEMPLATE: '{foo}',
    INCIDENT_TIMEZONE: 'Nowhere',
    REMIND_CLOSE_AFTER: '5 minutes',
    AUTH_MODE: 'proxy',
    SESSION_SECRET: 'tiny-session-secret',
    LOG_LEVEL: 'loud',
  };

  it('lists every problem at once, one line each, in the documented order', () => {
    const problems = problemsOf(everythingWrong);
    assert.deepEqual(
      problems.map((line) => line.split(':')[0]),
      [
        'PORT',
        'DATABASE_URL',
        'PUBLIC_URL',
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
        'SLACK_INCIDENT_CHANNEL',
        'CHANNEL_NAME_TEMPLATE',
        'INCIDENT_TIMEZONE',
        'REMIND_CLOSE_AFTER',
        'TRUSTED_PROXY_CIDRS',
        'SESSION_SECRET',
        'LOG_LEVEL',
      ],
    );
    for (const line of problems) {
      assert.ok(!line.includes('\n'), line);
      assert.ok(DOCUMENTED_VARIABLES.includes(line.split(':')[0]!), line);
    }
  });

  it('never prints a secret value', () => {
    const text = describeConfigError(new ConfigError(problemsOf(everythingWrong)));
    for (const secret of ['s3cr3t-db-password', 'admin', 'secret-value', 'tiny-session-secret']) {
      assert.ok(!text.includes(secret), `${secret} leaked:\n${text}`);
    }
  });

  it('hides a secret even where another variable repeats it', () => {
    const problems = problemsOf({ SESSION_SECRET: 'pasted-in-two-places', PORT: 'pasted-in-two-places' });
    assert.ok(problems.join('\n').includes('[redacted]'));
    assert.ok(!problems.join('\n').includes('pasted-in-two-places'));
  });

  it('ConfigError carries the lines and joins them as its message', () => {
    const error = new ConfigError(['PORT: bad', 'HOST: bad']);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'ConfigError');
    assert.deepEqual(error.problems, ['PORT: bad', 'HOST: bad']);
    assert.equal(error.message, 'PORT: bad\nHOST: bad');
  });

  it('describeConfigError prints a header then one line per problem', () => {
    const text = describeConfigError(new ConfigError(problemsOf({ PORT: '0', LOG_LEVEL: 'loud' })));
    const lines = text.split('\n');
    assert.equal(lines[0], 'Invalid configuration:');
    assert.equal(lines.length, 3);
    assert.ok(lines[1]!.startsWith('PORT: '));
    assert.ok(lines[2]!.startsWith('LOG_LEVEL: '));
  });

  it('lists the secret variables', () => {
    assert.deepEqual([...SECRET_VARIABLES].sort(), [
      'DATABASE_URL',
      'SESSION_SECRET',
      'SLACK_BOT_TOKEN',
      'SLACK_CLIENT_SECRET',
      'SLACK_SIGNING_SECRET',
    ]);
  });
});

describe('.env.example', () => {
  const lines = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n');
  const assignments = lines
    .map((line, index) => ({ line, index, match: /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line) }))
    .filter((entry) => entry.match !== null);

  it('sets every documented variable exactly once, each under a comment', () => {
    const names = assignments.map((entry) => entry.match![1]);
    assert.deepEqual([...names].sort(), [...DOCUMENTED_VARIABLES].sort());
    for (const { index, match } of assignments) {
      assert.match(lines[index - 1] ?? '', /^# \S/, `a comment above ${match![1]}`);
    }
  });

  it('holds the documented defaults: loading it gives the same configuration as an empty environment', () => {
    const env = Object.fromEntries(assignments.map((entry) => [entry.match![1], entry.match![2]]));
    assert.deepEqual(loadConfig(env), loadConfig({}));
  });

  it('holds no secret values', () => {
    const env = Object.fromEntries(assignments.map((entry) => [entry.match![1], entry.match![2]]));
    for (const name of SECRET_VARIABLES) assert.equal(env[name], '', name);
  });
});
