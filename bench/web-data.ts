// The data bench/web reads: a couple of years of incidents, made by PostgreSQL itself in a few
// set-based statements (generate_series and random(), seeded, so every run holds the same data), not
// through the use cases one by one. Titles, summaries and timeline texts come from word lists, so
// search has hits: every component word is in the title (and summary) of about 1 % of incidents,
// `kerberos` in a handful only, and the timeline speaks its own vocabulary.
import type pg from 'pg';

/** Service names: one per incident, in its title and summary; each about 1 % of incidents. */
export const COMPONENTS = [
  'checkout',
  'payments',
  'ledger',
  'billing',
  'invoicing',
  'catalog',
  'inventory',
  'shipping',
  'tracking',
  'notifications',
  'mailer',
  'sms',
  'webhooks',
  'login',
  'signup',
  'profiles',
  'accounts',
  'onboarding',
  'kyc',
  'fraud',
  'refunds',
  'chargebacks',
  'payouts',
  'settlements',
  'reconciliation',
  'reporting',
  'analytics',
  'dashboards',
  'exports',
  'imports',
  'scheduler',
  'cron',
  'queue',
  'kafka',
  'rabbitmq',
  'redis',
  'memcached',
  'postgres',
  'mysql',
  'elasticsearch',
  'cassandra',
  's3',
  'cdn',
  'dns',
  'gateway',
  'ingress',
  'loadbalancer',
  'vpn',
  'bastion',
  'kubernetes',
  'nodes',
  'registry',
  'artifactory',
  'jenkins',
  'gitlab',
  'deploys',
  'terraform',
  'vault',
  'secrets',
  'certificates',
  'sso',
  'ldap',
  'directory',
  'chat',
  'support',
  'helpdesk',
  'zendesk',
  'telephony',
  'ivr',
  'mobile',
  'android',
  'ios',
  'web',
  'frontend',
  'backend',
  'graphql',
  'grpc',
  'partners',
  'affiliates',
  'marketplace',
  'merchants',
  'subscriptions',
  'pricing',
  'promotions',
  'coupons',
  'loyalty',
  'rewards',
  'wallet',
  'cards',
  'atm',
  'transfers',
  'fx',
  'lending',
  'mortgages',
  'savings',
  'statements',
  'tax',
  'compliance',
  'audit',
  'backups',
] as const;

/** The word the "about 1 %" search looks for (a component), and the rare one. */
export const COMMON_WORD = 'ledger';
export const RARE_WORD = 'kerberos';

const SYMPTOMS = [
  'latency above 2s',
  'errors spiking',
  'timeouts for some customers',
  'returning 500s',
  'degraded performance',
  'unavailable',
  'slow responses',
  'failing health checks',
  'dropping requests',
  'stuck jobs',
  'elevated error rate',
  'partial outage',
  'intermittent failures',
  'data delayed',
  'duplicate messages',
  'high memory usage',
  'CPU saturation',
  'disk almost full',
  'connection pool exhausted',
  'stale data shown',
];

const REGIONS = ['eu-west-1', 'eu-west-2', 'us-east-1', 'ap-southeast-2', 'the London office'];

const CAUSES = [
  'a bad config push',
  'a database failover',
  'an expired certificate',
  'a noisy neighbour',
  'a dependency upgrade',
  'a network partition',
  'a traffic spike',
  'a memory leak',
  'a slow query',
  'a feature flag change',
  'a third-party outage',
  'a resolver change',
  'a full disk',
  'a runaway batch job',
  'a misrouted release',
];

const TIMELINE_PHRASES = [
  'Looking into it now',
  'Rolled back the last release',
  'Error rate back to normal',
  'Paged the on-call engineer',
  'Customer support reports more tickets',
  'Scaling up the cluster',
  'Restarted the affected pods',
  'Fix rolled out, watching graphs',
  'Status page updated',
  'Root cause identified',
  'Still seeing elevated errors',
  'Opened a ticket with the vendor',
  'Traffic shifted to the other region',
  'Increased the connection limit',
  'Cleared the backlog',
  'Added a temporary rate limit',
  'Confirmed with finance that no money moved twice',
  'Latency recovering but not there yet',
  'Handing over to the next shift',
  'Writing up the timeline for review',
];

const CHANGES = [
  'Severity changed from minor to major',
  'Status changed to identified',
  'Status changed to monitoring',
  'Severity changed from major to critical',
  'Title changed',
  'Summary updated',
];

/** How much data to make. */
export interface DataShape {
  readonly incidents: number;
  /** Mean timeline entries per ordinary incident (uniform 0..2×mean). */
  readonly entriesPerIncident: number;
  /** Entries of the one long incident. */
  readonly bigIncidentEntries: number;
  readonly users: number;
}

/** What was made. */
export interface LoadedData {
  readonly incidents: number;
  readonly openIncidents: number;
  readonly timelineEntries: number;
  readonly actions: number;
  readonly bigIncidentId: number;
  readonly bigIncidentHidden: number;
  /** Incidents each search word finds (title, summary or a visible timeline entry). */
  readonly matches: { readonly common: number; readonly rare: number };
  readonly seconds: number;
}

const userId = (expression: string, users: number) =>
  `'U' || lpad((1 + floor(${expression} * ${users}))::int::text, 8, '0')`;

const pick = (param: string) => `(${param}::text[])[1 + floor(random() * array_length(${param}::text[], 1))::int]`;

/**
 * Fills a migrated, empty database. Everything is relative to `now()`, over the last two years, in
 * reporting order (ids follow reported_at, as they do in production). Returns what it made.
 */
export const loadData = async (
  client: pg.Client,
  shape: DataShape,
  log: (line: string) => void,
): Promise<LoadedData> => {
  const started = performance.now();
  const step = async (what: string, text: string, values: unknown[] = []) => {
    const t = performance.now();
    const result = await client.query(text, values);
    log(`  ${what}: ${result.rowCount ?? 0} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return result;
  };
  const u = shape.users;
  await client.query('select setseed(0.42)');

  await step(
    'slack_users',
    `insert into slack_users (id, name, real_name, email, timezone)
     select 'U' || lpad(g::text, 8, '0'), 'user' || g, initcap(f) || ' ' || initcap(l), 'user' || g || '@example.com', 'Europe/London'
     from generate_series(1, $1::int) g,
          lateral (select ($2::text[])[1 + g % 10] f, ($3::text[])[1 + (g / 10) % 20] l) n`,
    [
      u,
      ['alice', 'bob', 'carol', 'dev', 'erin', 'farid', 'grace', 'hiro', 'ines', 'jon'],
      [
        'adams',
        'brown',
        'chen',
        'patel',
        'okafor',
        'silva',
        'novak',
        'kim',
        'garcia',
        'smith',
        'jones',
        'khan',
        'ito',
        'meyer',
        'rossi',
        'dubois',
        'nowak',
        'olsen',
        'costa',
        'moreau',
      ],
    ],
  );

  // Times to the millisecond, as the service writes them (JavaScript dates).
  // Open: most incidents of the last two days, and a few forgotten ones (0.05 %) of any age.
  // Kinds: 8 % reports of past incidents (always resolved, started days before being reported).
  await step(
    'incidents',
    `with base as (
       select g,
              date_trunc('milliseconds', now() - random() * interval '730 days') as reported_at,
              random() as r_kind, random() as r_sev, random() as r_open, random() as r_status,
              random() as r_dur, random() as r_start, random() as r_summary, random() as r_region,
              random() as r_lead, random() as r_impact,
              ${pick('$2')} as comp, ${pick('$3')} as symptom, ${pick('$3')} as symptom2,
              ${pick('$4')} as region, ${pick('$5')} as cause,
              ${userId('random()', u)} as reporter, ${userId('random()', u)} as lead
       from generate_series(1, $1::int) g
     ), shaped as (
       select b.*,
              case when r_kind < 0.08 then 'report' else 'live' end as kind,
              case when r_kind >= 0.08 and ((reported_at > now() - interval '2 days' and r_open < 0.6) or r_open < 0.0005)
                   then case when r_status < 0.4 then 'investigating' when r_status < 0.7 then 'identified' else 'monitoring' end
                   else 'resolved' end as status,
              date_trunc('milliseconds', case when r_kind < 0.08 then reported_at - (1 + r_start * 29) * interval '1 day'
                   else reported_at - r_start * interval '90 minutes' end) as started_at
       from base b
     )
     insert into incidents (title, summary, impact, severity, status, kind, reporter_id, lead_id,
                            reported_at, started_at, resolved_at, updated_at)
     select initcap(comp) || ' ' || symptom
              || case when r_region < 0.3 then ' in ' || region else '' end
              || case when g % ($1::int / 6) = 0 then ' (${RARE_WORD} tickets rejected)' else '' end,
            case when r_summary < 0.1 then null
                 else 'Requests to the ' || comp || ' service showed ' || symptom2 || ' after ' || cause
                      || '. *Customers* may have seen errors; see <https://status.example.com|the status page>.' end,
            case when r_impact < 0.3 then null else 'About ' || floor(r_impact * 5000)::int || ' customers affected.' end,
            case when r_sev < 0.03 then null when r_sev < 0.08 then 'critical' when r_sev < 0.28 then 'major'
                 when r_sev < 0.75 then 'minor' else 'trivial' end,
            status, kind, reporter, case when r_lead < 0.05 then null else lead end,
            reported_at, started_at,
            case when status = 'resolved' then date_trunc('milliseconds', least(now(), greatest(
              case when kind = 'live' then reported_at + interval '5 minutes' else started_at + interval '5 minutes' end,
              started_at + (10 + (-ln(1 - r_dur)) * 240) * interval '1 minute'))) end,
            reported_at
     from shaped
     order by reported_at`,
    [shape.incidents, COMPONENTS, SYMPTOMS, REGIONS, CAUSES],
  );

  await step(
    'slack_channels',
    `insert into slack_channels (incident_id, channel_id, name, created_at)
     select id, 'C' || lpad(id::text, 9, '0'), 'inc-' || id || '-' || lower(split_part(title, ' ', 1)), reported_at
     from incidents where kind = 'live'`,
  );

  // The long incident: a major one from about a month ago that ran for three days.
  const big = await client.query<{ id: number }>(
    `update incidents set resolved_at = started_at + interval '3 days 1 hour', updated_at = started_at + interval '3 days 1 hour'
     where id = (select id from incidents where status = 'resolved' and kind = 'live' and severity = 'major'
                 and reported_at < now() - interval '30 days' order by reported_at desc limit 1)
     returning id`,
  );
  const bigIncidentId = big.rows[0]?.id;
  if (!bigIncidentId) throw new Error('no incident to make long');

  // Timeline entries: uniform 0..2×mean per incident; captured Slack messages (pin, reaction,
  // shortcut) carry their channel, ts and permalink; some mention people or link out; 3 % hidden.
  const entryColumns = `insert into timeline_entries (incident_id, source, text, occurred_at, author_id, hidden,
                               slack_channel_id, slack_ts, slack_permalink, created_at)`;
  const entryValues = (occurred: string) => `
     select incident_id, source,
            case source
              when 'change' then ${pick('$3')}
              when 'update' then '*Update*: ' || ${pick('$2')}
              else ${pick('$2')} end
              || case when r_mention < 0.15 then ' cc <@' || ${userId('r_mention / 0.15', u)} || '>' else '' end
              || case when r_link < 0.08 then ' <https://grafana.example.com/d/' || k || '|dashboard>' else '' end
              || case when r_rare < $4::float8 then ' (${RARE_WORD})' else '' end,
            occurred, author,
            r_hidden < 0.03,
            case when source in ('pin', 'reaction', 'shortcut') then channel end,
            case when source in ('pin', 'reaction', 'shortcut') then ts end,
            case when source in ('pin', 'reaction', 'shortcut')
                 then 'https://example.slack.com/archives/' || channel || '/p' || replace(ts, '.', '') end,
            occurred
     from (
       select e.*, date_trunc('milliseconds', ${occurred}) as occurred,
              extract(epoch from ${occurred})::bigint::text || '.' || lpad(k::text, 6, '0') as ts,
              'C' || lpad(incident_id::text, 9, '0') as channel,
              case when r_source < 0.30 then 'pin' when r_source < 0.40 then 'reaction' when r_source < 0.45 then 'shortcut'
                   when r_source < 0.55 then 'manual' when r_source < 0.80 then 'update' else 'change' end as source
       from (%FROM%) e
     ) x`;
  await step(
    'timeline_entries',
    `${entryColumns}
     ${entryValues("started_at + (k * (1 + r_gap * 30)) * interval '1 minute'").replace(
       '%FROM%',
       `select i.id as incident_id, i.started_at, k,
               random() as r_source, random() as r_mention, random() as r_link, random() as r_hidden,
               random() as r_gap, random() as r_rare, ${userId('random()', u)} as author
        from incidents i
        cross join lateral generate_series(1, (floor(random() * ($1::int * 2 + 1)) + 0 * i.id)::int) k
        where i.id <> $5`,
     )}`,
    [
      shape.entriesPerIncident,
      TIMELINE_PHRASES,
      CHANGES,
      2 / (shape.incidents * shape.entriesPerIncident),
      bigIncidentId,
    ],
  );
  await step(
    `timeline of incident ${bigIncidentId}`,
    `${entryColumns}
     ${entryValues(`started_at + (k * interval '3 days') / $1::int`).replace(
       '%FROM%',
       `select i.id as incident_id, i.started_at, k,
               random() as r_source, random() as r_mention, random() as r_link, random() as r_hidden,
               0 as r_gap, 1 as r_rare, ${userId('random() * 0.25', u)} as author
        from incidents i cross join generate_series(1, $1::int) k
        where i.id = $5`,
     )}`,
    [shape.bigIncidentEntries, TIMELINE_PHRASES, CHANGES, 0, bigIncidentId],
  );

  await step(
    'actions',
    `insert into actions (incident_id, text, owner_id, done, due_at, created_at)
     select i.id, 'Follow up: ' || lower(${pick('$1')}), ${userId('random()', u)}, i.status = 'resolved' and random() < 0.7,
            i.reported_at + interval '14 days', coalesce(i.resolved_at, i.reported_at)
     from incidents i cross join lateral generate_series(1, case when i.id = $2 then 25
                                                                  when random() < 0.3 then 1 else 0 end + 0 * i.id) k`,
    [TIMELINE_PHRASES, bigIncidentId],
  );

  // A settled database, as production's autovacuum keeps it: statistics, the visibility map, and
  // the GIN indexes' pending lists merged (a plain ANALYZE leaves thousands of rows there, which
  // every search would then scan one by one).
  const vacuumed = performance.now();
  await client.query('vacuum (analyze)');
  log(`  vacuum (analyze) in ${((performance.now() - vacuumed) / 1000).toFixed(1)} s`);

  const count = async (text: string, values: unknown[] = []) =>
    Number((await client.query<{ n: string }>(text, values)).rows[0]?.n ?? 0);
  const matches = (word: string) =>
    count(
      `select count(*) as n from (
         select id from incidents where search @@ to_tsquery('simple', $1)
         union select incident_id from timeline_entries where search @@ to_tsquery('simple', $1) and not hidden) m`,
      [`${word}:*`],
    );
  return {
    incidents: await count('select count(*) as n from incidents'),
    openIncidents: await count(`select count(*) as n from incidents where status <> 'resolved'`),
    timelineEntries: await count('select count(*) as n from timeline_entries'),
    actions: await count('select count(*) as n from actions'),
    bigIncidentId,
    bigIncidentHidden: await count('select count(*) as n from timeline_entries where incident_id = $1 and hidden', [
      bigIncidentId,
    ]),
    matches: { common: await matches(COMMON_WORD), rare: await matches(RARE_WORD) },
    seconds: (performance.now() - started) / 1000,
  };
};
