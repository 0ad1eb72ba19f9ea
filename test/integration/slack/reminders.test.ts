// The acceptance test: three app instances (each its own pool, pg-boss and HTTP server) on
// one PostgreSQL database, one sandbox Slack, reminders due after seconds. Each reminder is posted
// once per period and at most five times, none once its condition clears, Snooze puts the update
// reminder off, and "can it be closed?" waits for working hours. On PGlite one process owns the
// database, so the same journey runs with one instance and the three-instance check is skipped.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../../../src/config.ts';
import { type IncidentDraft, userActor } from '../../../src/domain/index.ts';
import { createSandboxSlack, type SandboxMessage, type SandboxSlack } from '../../../src/sandbox/index.ts';
import { REMINDER_ACTIONS } from '../../../src/slack/ids.ts';
import { type Database, openDatabase } from '../../../src/storage/db.ts';
import { createReminderStore } from '../../../src/storage/reminders.ts';
import { remindersSent } from '../../../src/storage/schema.ts';
import {
  addTimelineEntry,
  declareIncident,
  resolveIncident,
  scheduleNextUpdate,
  setLead,
} from '../../../src/usecases/index.ts';
import { assembleService, type Service } from '../../../src/wiring.ts';
import { openTestDatabase, type TestDatabase } from '../../support/database.ts';
import { eventually } from '../../support/slack-world.ts';
import { FAST_JOBS } from '../../support/test-service.ts';

const MULTI = Boolean(process.env.DATABASE_URL);
const REPLICAS = MULTI ? 3 : 1;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
// Short reminder durations; the tick (FAST_JOBS) runs once a second across all instances.
const PERIOD = { 'no-lead': 2 * SECOND, 'no-severity': 1 * SECOND, update: 3 * SECOND, close: 4 * SECOND };
type Kind = keyof typeof PERIOD;

// What each reminder says, as people read it in the channel.
const SAYS: Record<Kind, RegExp> = {
  'no-lead': /^👩‍🚒 This incident has no lead yet\. Set one with `\/incident lead @person`/,
  'no-severity': /^🌤️ This incident has no severity yet/,
  update: /^:mega: Time for a status update/,
  close: /^:timer_clock: /,
};

/** A clock that runs with real time from `start`, and that a test can move forward (never back). */
const runningClock = (start: Date) => {
  let offset = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    forward(ms: number) {
      assert.ok(ms >= 0);
      offset += ms;
    },
    moveTo(at: Date) {
      this.forward(at.getTime() - this.now().getTime());
    },
  };
};

interface Instance {
  readonly service: Service;
  readonly baseUrl: string;
  stop(): Promise<void>;
}

describe(`reminders with ${REPLICAS} app instance${MULTI ? 's' : ''} on one database`, () => {
  // Monday 2 March 2026, 10:00 in London: working hours.
  const clock = runningClock(new Date('2026-03-02T10:00:00Z'));
  let slack: SandboxSlack;
  let shared: TestDatabase;
  const instances: Instance[] = [];
  let alice: string;
  let bob: string;

  const startInstance = async (database: Database, incidents: string): Promise<Instance> => {
    const config = loadConfig({
      PUBLIC_URL: 'http://incidents.test',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_TEAM_ID: slack.teamId,
      SLACK_INCIDENT_CHANNEL: incidents,
      AUTH_MODE: 'none',
      INCIDENT_TIMEZONE: 'Europe/London',
      REMIND_NO_LEAD_AFTER: '2s',
      REMIND_NO_SEVERITY_AFTER: '1s',
      REMIND_UPDATE_EVERY: '3s',
      REMIND_CLOSE_AFTER: '4s',
    });
    const service = assembleService(config, { database, logger: pino({ level: 'silent' }), version: 'test', clock });
    const server: Server = createServer(service.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await service.startJobs(FAST_JOBS);
    return {
      service,
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      async stop() {
        await service.stopJobs();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  };

  before(async () => {
    slack = createSandboxSlack({ teamId: 'T0SANDBOX01' });
    await slack.start();
    alice = slack.addUser({ name: 'alice', realName: 'Alice Adams' }).id;
    bob = slack.addUser({ name: 'bob', realName: 'Bob Brown' }).id;
    const incidents = slack.addChannel({ name: 'incidents', members: [alice, bob], botIsMember: true }).id;
    shared = await openTestDatabase();
    for (let i = 0; i < REPLICAS; i++) {
      // Every instance but the first opens its own pool on the same database, as a pod would.
      const database = i === 0 ? shared : await openDatabase({ url: String(shared.url), poolSize: 5 });
      instances.push(await startInstance(database, incidents));
    }
    // Slack's requests reach the last instance: any replica answers a click on any replica's message.
    slack.setRequestUrl(`${instances.at(-1)?.baseUrl}/slack/events`);
  });

  after(async () => {
    for (const [i, instance] of instances.entries()) {
      await instance.stop();
      if (i > 0) await instance.service.database.close();
    }
    await shared?.dispose();
    await slack?.stop();
  });

  const instance = (i: number): Service => {
    const found = instances[i % instances.length];
    assert.ok(found);
    return found.service;
  };

  /** Declares a live incident on one instance and waits for the Slack sync to make its channel. */
  const declare = async (draft: IncidentDraft, on = 0) => {
    const { value } = await declareIncident(instance(on).write, {
      draft: { reporterId: alice, ...draft },
      actor: userActor(alice),
    });
    const id = value.incident.id;
    await instance(on).incidentChanged(id);
    const channel = await eventually(
      () => slack.channels().find((c) => c.name.startsWith(`inc-${id}-`)),
      10 * SECOND,
      `the channel of incident ${id}`,
    );
    return { id, channel: channel.id };
  };

  const reminders = (channel: string, kind: Kind): SandboxMessage[] =>
    slack.messages(channel).filter((m) => SAYS[kind].test(m.text));
  const seconds = (m: SandboxMessage) => Number(m.ts) * SECOND;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  // Long enough for every instance to have ticked (a tick a second) and any reminder to be posted.
  const someTicks = () => sleep(2 * SECOND);
  /** The reminders recorded as sent for an incident, oldest first. */
  const sentRows = (incidentId: number, kind: Kind) =>
    shared.db
      .select()
      .from(remindersSent)
      .where(and(eq(remindersSent.incidentId, incidentId), eq(remindersSent.kind, kind)))
      .orderBy(asc(remindersSent.seq));

  it('asks for a lead and a severity once per period, five times at most, and stops asking for a lead once one is set', async () => {
    const { id, channel } = await declare({ title: 'Checkout latency', severity: null });

    await eventually(() => reminders(channel, 'no-lead').length >= 2, 10 * SECOND, 'two no-lead reminders');
    await setLead(instance(1).write, { incidentId: id, leadId: bob, actor: userActor(alice) });
    await instance(1).incidentChanged(id);

    await eventually(() => reminders(channel, 'no-severity').length >= 5, 20 * SECOND, 'five severity reminders');
    // Ten minutes on, every instance has ticked again: nothing more of either.
    clock.forward(10 * MINUTE);
    await someTicks();

    const noLead = reminders(channel, 'no-lead');
    const noSeverity = reminders(channel, 'no-severity');
    assert.equal(noLead.length, 2, 'no lead reminder after the lead was set');
    assert.equal(noSeverity.length, 5, 'five severity reminders, then silence');
    assert.match(noSeverity.at(-1)?.text ?? '', /`\/incident severity major`/);
    assert.ok(JSON.stringify(noSeverity.at(-1)?.blocks).includes('Reminder 5 of 5'));
    assert.equal((await sentRows(id, 'no-lead')).length, 2, 'each message is one recorded reminder');
    assert.equal((await sentRows(id, 'no-severity')).length, 5);
    for (const kind of ['no-lead', 'no-severity', 'update', 'close'] as const) {
      assert.ok(reminders(channel, kind).length <= 5, `${reminders(channel, kind).length} ${kind} reminders`);
      // Once per period: consecutive reminders of a kind a full period apart (a duplicate would be 0 ms).
      const sent = await sentRows(id, kind);
      for (let i = 1; i < sent.length; i++) {
        const gap = (sent[i]?.sentAt.getTime() ?? 0) - (sent[i - 1]?.sentAt.getTime() ?? 0);
        assert.ok(gap >= PERIOD[kind], `${kind} reminders ${i} and ${i + 1} were ${gap} ms apart`);
      }
    }
  });

  it('holds the update reminder back after an update and after Snooze, and brings it back when due', async () => {
    const { id, channel } = await declare({ title: 'Search index stale', severity: 'minor', leadId: bob });
    const first = await eventually(() => reminders(channel, 'update')[0], 10 * SECOND, 'the first update reminder');
    assert.equal(reminders(channel, 'no-lead').length + reminders(channel, 'no-severity').length, 0);

    // The update form, on another instance, records the update and says the next one comes in ten minutes.
    const service = instance(2);
    await addTimelineEntry(service.write, {
      incidentId: id,
      source: 'update',
      text: 'Reindexing, about 10 minutes',
      actor: userActor(bob),
    });
    await scheduleNextUpdate(
      { reminders: createReminderStore(service.database.db), clock },
      { incidentId: id, dueAt: new Date(clock.now().getTime() + 10 * MINUTE) },
    );
    clock.forward(9 * MINUTE);
    await someTicks();
    assert.deepEqual(
      reminders(channel, 'update').map((m) => m.ts),
      [first.ts],
      'no reminder before the promised update is due',
    );

    clock.forward(MINUTE);
    const second = await eventually(() => reminders(channel, 'update')[1], 10 * SECOND, 'the reminder when due');
    assert.ok(seconds(second) > seconds(first));

    const reply = await slack.clickButton({ user: alice, channel, ts: second.ts, actionId: REMINDER_ACTIONS.snooze });
    assert.equal(reply.status, 200);
    const snoozed = await eventually(
      () => slack.messages(channel).find((m) => m.ts === second.ts && m.text.includes('snoozed')),
      5 * SECOND,
      'the reminder edited to say it was snoozed',
    );
    assert.match(
      snoozed.text,
      new RegExp(
        `^:zzz: Status update reminder snoozed by <@${alice}> until <!date\\^\\d+\\^\\{time\\}\\|\\d\\d:\\d\\d>\\.$`,
      ),
    );
    assert.ok(!JSON.stringify(snoozed.blocks).includes(REMINDER_ACTIONS.snooze), 'no Snooze button left to press');

    // 29 minutes later still nothing (the snoozed reminder no longer reads as one); at 30 it is back.
    clock.forward(29 * MINUTE);
    await someTicks();
    assert.deepEqual(
      reminders(channel, 'update').map((m) => m.ts),
      [first.ts],
    );
    clock.forward(MINUTE);
    const third = await eventually(() => reminders(channel, 'update')[1], 10 * SECOND, 'the reminder 30 minutes on');
    assert.ok(seconds(third) > seconds(snoozed));
  });

  it('stops every reminder once the incident is resolved', async () => {
    const { id, channel } = await declare({ title: 'Queue backlog', severity: null });
    await eventually(() => reminders(channel, 'no-lead').length >= 1, 10 * SECOND, 'a no-lead reminder');
    await resolveIncident(instance(1).write, { incidentId: id, actor: userActor(alice) });
    // A post already under way when the resolution committed may still land.
    await sleep(300);
    const before = slack.messages(channel).length;
    // An hour on, every kind would be due many times over.
    clock.forward(60 * MINUTE);
    await someTicks();
    assert.equal(slack.messages(channel).length, before, 'nothing posted after resolving');
  });

  it('asks whether it can be closed only in working hours, and the weekend does not use up a reminder', async () => {
    // Saturday 7 March, 10:00 in London, and the rest of the weekend.
    clock.moveTo(new Date('2026-03-07T10:00:00Z'));
    const { id, channel } = await declare({ title: 'Weekend disk alert', severity: 'trivial', leadId: bob });
    for (const at of ['2026-03-07T16:00:00Z', '2026-03-08T12:00:00Z', '2026-03-09T08:59:50Z']) {
      clock.moveTo(new Date(at));
      await someTicks();
      assert.equal(reminders(channel, 'close').length, 0, `nobody is asked at ${at}`);
    }
    assert.equal((await sentRows(id, 'close')).length, 0, 'none counted either');

    // Monday 9 March, 09:00 in London (GMT).
    clock.moveTo(new Date('2026-03-09T09:00:00Z'));
    const close = await eventually(() => reminders(channel, 'close')[0], 10 * SECOND, 'the close reminder on Monday');
    assert.equal(
      close.text,
      `:timer_clock: <@${bob}>, this incident has been running a long time. Can it be closed now? ` +
        'Remember to pin important messages in order to create the timeline.',
    );
    assert.ok(JSON.stringify(close.blocks).includes('Reminder 1 of 5'), 'the first of five');
  });

  it('runs the instances as replicas: one reminder tick per period between them', {
    skip: !MULTI && 'needs PostgreSQL: on PGlite one process owns the database, so the tests above ran one instance',
  }, async () => {
    assert.equal(instances.length, 3);
    for (const { baseUrl } of instances) assert.equal((await fetch(`${baseUrl}/healthz`)).status, 200);
    const rows = (await shared.executeSql(
      `select singleton_on, count(*)::int as n from pgboss.job where name = 'reminders-tick' group by singleton_on`,
    )) as { rows: { n: number }[] };
    assert.ok(rows.rows.length > 10, `${rows.rows.length} ticks ran`);
    assert.ok(
      rows.rows.every((r) => r.n === 1),
      'never two ticks in the same second, though three instances asked',
    );
  });
});
