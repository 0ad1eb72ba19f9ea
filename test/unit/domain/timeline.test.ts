import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Actor, SYSTEM, userActor } from '../../../src/domain/actor.ts';
import { TEXT_MAX } from '../../../src/domain/text-rules.ts';
import {
  assertCanEditText,
  checkTimelineText,
  TIMELINE_SOURCES,
  type TimelineEntry,
  type TimelineSource,
} from '../../../src/domain/timeline.ts';

const entry = (source: TimelineSource): TimelineEntry => ({
  id: 7,
  incidentId: 1,
  source,
  text: 'Rolled back the deploy',
  occurredAt: new Date('2024-03-01T10:20:00.000Z'),
  authorId: 'U0AUTHOR',
  hidden: false,
  slack: source === 'manual' ? null : { channelId: 'C0INC1', ts: '1709288400.000100', permalink: null },
});

const PERSON = userActor('U0PERSON');
const TOKEN: Actor = { kind: 'token', tokenName: 'statuspage' };
const EVERYONE: readonly Actor[] = [PERSON, TOKEN, SYSTEM];
const CAPTURED: readonly TimelineSource[] = ['pin', 'reaction', 'shortcut'];
const RECORDS: readonly TimelineSource[] = ['update', 'change'];

describe('TIMELINE_SOURCES', () => {
  it('lists every source', () => {
    assert.deepEqual(TIMELINE_SOURCES, ['pin', 'reaction', 'shortcut', 'manual', 'update', 'change']);
  });
});

describe('checkTimelineText', () => {
  it('returns the text trimmed', () => {
    assert.equal(checkTimelineText('  Rolled back the deploy \n'), 'Rolled back the deploy');
  });

  for (const input of ['', '   ', '\n\t']) {
    it(`requires text: ${JSON.stringify(input)} is timeline_text_required`, () => {
      assert.throws(() => checkTimelineText(input), {
        name: 'DomainError',
        code: 'timeline_text_required',
        field: 'text',
        message: 'Write what happened.',
      });
    });
  }

  it('accepts exactly TEXT_MAX characters, after trimming', () => {
    const text = 'x'.repeat(TEXT_MAX);
    assert.equal(checkTimelineText(` ${text} `), text);
  });

  it('refuses TEXT_MAX + 1 characters', () => {
    assert.throws(() => checkTimelineText('x'.repeat(TEXT_MAX + 1)), {
      name: 'DomainError',
      code: 'text_too_long',
      field: 'text',
      message: 'Keep the entry to 10000 characters (it has 10001).',
    });
  });
});

describe('assertCanEditText', () => {
  it('lets anyone edit a manual entry', () => {
    for (const actor of EVERYONE) assert.doesNotThrow(() => assertCanEditText(entry('manual'), actor), actor.kind);
  });

  for (const source of CAPTURED) {
    it(`lets only the bot edit the ${source} entry`, () => {
      assert.doesNotThrow(() => assertCanEditText(entry(source), SYSTEM));
      for (const actor of [PERSON, TOKEN]) {
        assert.throws(() => assertCanEditText(entry(source), actor), {
          name: 'DomainError',
          code: 'timeline_entry_not_editable',
          field: 'text',
          message: `This ${source} entry cannot be edited: it mirrors a Slack message: edit the message in Slack instead.`,
        });
      }
    });
  }

  for (const source of RECORDS) {
    it(`lets nobody edit the ${source} entry, not even the bot`, () => {
      for (const actor of EVERYONE) {
        assert.throws(() => assertCanEditText(entry(source), actor), {
          name: 'DomainError',
          code: 'timeline_entry_not_editable',
          field: 'text',
          message: `This ${source} entry cannot be edited: it is the record of what happened: hide it and add a new entry instead.`,
        });
      }
    });
  }

  it('does not depend on whether the entry is hidden', () => {
    assert.doesNotThrow(() => assertCanEditText({ ...entry('manual'), hidden: true }, PERSON));
    assert.throws(() => assertCanEditText({ ...entry('change'), hidden: true }, SYSTEM), {
      code: 'timeline_entry_not_editable',
    });
  });
});
