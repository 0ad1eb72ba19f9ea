// Naming people from Slack's user objects, and finding the people a Slack request names, on
// Slack's own payload shapes (test/fixtures/slack, README §3).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { toPersonProfile } from '../../../src/slack/people-directory.ts';
import { peopleInPayload } from '../../../src/slack/people-in-payload.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/slack/${name}`, import.meta.url), 'utf8'));

const user = (profile: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'U0ALICE0001',
  name: 'alice.adams',
  real_name: 'Alice Adams',
  tz: 'Europe/London',
  deleted: false,
  profile,
  ...extra,
});

describe('a Slack user as a person', () => {
  it('is named by the display name, as people see it in Slack', () => {
    const person = toPersonProfile(user({ display_name: 'Ali', real_name: 'Alice Adams', email: 'alice@example.com' }));
    assert.deepEqual(person, {
      id: 'U0ALICE0001',
      name: 'Ali',
      realName: 'Alice Adams',
      email: 'alice@example.com',
      timezone: 'Europe/London',
      deleted: false,
    });
  });

  it('falls back to the real name, then the handle, then the id', () => {
    assert.equal(toPersonProfile(user({ display_name: '  ', real_name: 'Alice Adams' }))?.name, 'Alice Adams');
    assert.equal(toPersonProfile(user({ display_name: '' }, { real_name: 'Alice A.' }))?.name, 'Alice A.');
    assert.equal(toPersonProfile(user({}, { real_name: null }))?.name, 'alice.adams');
    assert.equal(toPersonProfile({ id: 'U0NONAME001' })?.name, 'U0NONAME001');
  });

  it('keeps a deactivated person, marked deleted, without an email it does not have', () => {
    const person = toPersonProfile(user({ display_name: 'Ali' }, { deleted: true }));
    assert.equal(person?.deleted, true);
    assert.equal(person?.email, null);
  });

  it('is nothing for something that is not a user object', () => {
    assert.equal(toPersonProfile('U0ALICE0001'), null);
    assert.equal(toPersonProfile(undefined), null);
  });
});

describe('the people a Slack request names', () => {
  it('a reaction: who reacted and who wrote the message', () => {
    assert.deepEqual(peopleInPayload(fixture('event_reaction_added.json')), ['U123ABC456', 'U222222222']);
  });

  it('someone joining: the person and who invited them (Enterprise Grid W ids too)', () => {
    assert.deepEqual(peopleInPayload(fixture('event_member_joined_channel.json')), ['W123ABC456', 'U123456789']);
  });

  it('a pin: who pinned and who wrote the message', () => {
    assert.deepEqual(peopleInPayload(fixture('event_pin_added.json')), ['U0123456789', 'U0987654321']);
  });

  it('a message shortcut: who used it and who wrote the message', () => {
    assert.deepEqual(peopleInPayload(fixture('message_action.json')), ['U0D15K92L', 'U0MJRG1AL']);
  });

  it('the report modal: who submitted it and the lead they picked', () => {
    assert.deepEqual(peopleInPayload(fixture('view_submission.json')), ['U0123456789', 'U0987654321']);
  });

  it('a slash command: who ran it and whom it mentions (`/incident lead @bob`)', () => {
    const body = Object.fromEntries(
      new URLSearchParams(readFileSync(new URL('../../fixtures/slack/slash_command.txt', import.meta.url), 'utf8')),
    );
    assert.deepEqual(peopleInPayload(body), ['U0123456789']);
    assert.deepEqual(peopleInPayload({ ...body, text: 'lead <@U0BOB00001|bob> and <@U0BOB00001>' }), [
      'U0123456789',
      'U0BOB00001',
    ]);
  });

  it('nobody in a profile change (its user object is stored as is) or in bot ids', () => {
    assert.deepEqual(peopleInPayload({ event: { type: 'user_change', user: { id: 'U0ALICE0001' } } }), []);
    assert.deepEqual(
      peopleInPayload({ event: { type: 'message', user: 'B0BOT000001', item_user: 'C0CHANNEL01' } }),
      [],
    );
    assert.deepEqual(peopleInPayload(null), []);
  });
});
