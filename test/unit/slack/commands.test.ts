// Reading command text the way Slack sends it, and the pure parts of commands.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeElapsed } from '../../../src/domain/index.ts';
import {
  firstMention,
  splitCommand,
  withoutFirstMention,
  withoutLeadingMention,
} from '../../../src/slack/commands/parse.ts';
import { COMMANDS, findCommand } from '../../../src/slack/commands/registry.ts';
import { incidentChannelName } from '../../../src/slack/commands/rename.ts';

describe('command text', () => {
  it('splits the command word (lower-cased) from the rest, keeping newlines in the rest', () => {
    assert.deepEqual(splitCommand('  SEV   2 '), { name: 'sev', args: '2' });
    assert.deepEqual(splitCommand('summary Line one\nline two'), { name: 'summary', args: 'Line one\nline two' });
    assert.equal(splitCommand('   '), null);
  });

  it('drops the mention that addressed the bot, with or without a name or colon', () => {
    assert.equal(withoutLeadingMention('<@U0BOT00001> lead'), 'lead');
    assert.equal(withoutLeadingMention('<@U0BOT00001|incident>: severity 1'), 'severity 1');
    assert.equal(withoutLeadingMention('lead <@U0BOB>'), 'lead <@U0BOB>', 'only a leading mention');
  });

  it('finds the first person mentioned, Enterprise W ids included', () => {
    assert.equal(firstMention('make <@U0BOB|bob> lead'), 'U0BOB');
    assert.equal(firstMention('<@W0ENTERPRISE>'), 'W0ENTERPRISE');
    assert.equal(firstMention('nobody'), null);
    assert.equal(withoutFirstMention('Add a canary <@U0BOB> today'), 'Add a canary today');
  });

  it('finds every command by name and alias, case-insensitive, and help lists them all', async () => {
    assert.equal(findCommand('SEV'), findCommand('severity'));
    assert.equal(findCommand('frobnicate'), undefined);
    const help = findCommand('help');
    assert.ok(help);
    const result = await help.run({} as never);
    assert.ok(result.ok && result.tell);
    for (const command of COMMANDS.filter((c) => c.names[0] !== 'help')) {
      assert.ok(result.tell.text.includes(`/incident ${command.usage}`), command.names[0]);
    }
  });
});

describe('rename', () => {
  it('keeps the inc- prefix and makes the name Slack-legal', () => {
    assert.equal(incidentChannelName('Checkout Visa'), 'inc-checkout-visa');
    assert.equal(incidentChannelName('#inc-db-failover'), 'inc-db-failover');
    assert.equal(incidentChannelName('x'.repeat(100)).length, 80);
  });
});

describe('elapsed time in words', () => {
  it('says it the way people do, two units at most', () => {
    assert.equal(describeElapsed(0), '0 secs');
    assert.equal(describeElapsed(1_000), '1 sec');
    assert.equal(describeElapsed(59_999), '59 secs');
    assert.equal(describeElapsed(60_000), '1 min');
    assert.equal(describeElapsed(3_600_000), '1 hr');
    assert.equal(describeElapsed(2 * 3_600_000 + 5 * 60_000 + 7_000), '2 hrs 5 mins');
    assert.equal(describeElapsed(3 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000), '3 days 4 hrs');
    assert.equal(describeElapsed(86_400_000 + 30 * 60_000), '1 day', 'a zero middle unit is left out');
  });
});
