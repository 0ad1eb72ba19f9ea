// Full-text search in IncidentQueries.list (shared by the API and the pages): what a person finds,
// how edits and hiding change it, and that nothing typed into the box can break the query.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Incident } from '../../../src/domain/index.ts';
import {
  addTimelineEntry,
  editTimelineEntry,
  hideTimelineEntry,
  listIncidents,
  updateIncident,
} from '../../../src/usecases/index.ts';
import type { IncidentFilter } from '../../../src/usecases/ports.ts';
import { ALICE, declare, type Harness, openHarness } from '../../support/storage-harness.ts';

describe('incident search (IncidentQueries.list with q)', () => {
  let h: Harness;
  let dns: Incident;
  let disk: Incident;
  let cert: Incident;

  before(async () => {
    h = await openHarness();
    dns = await declare(h, { title: 'DNS resolution failing', summary: 'Internal zones time out' });
    h.clock.advance(60_000);
    disk = await declare(h, { title: 'Disk full on db-3', severity: 'minor' });
    h.clock.advance(60_000);
    cert = await declare(h, { title: 'Certificate expired', summary: 'api.example.com served an old cert' });
  });
  after(() => h.dispose());

  const ids = async (q: string, filter: IncidentFilter = {}) =>
    (await listIncidents(h.read, { filter: { ...filter, q }, limit: 100 })).items.map((i) => i.id);
  const note = async (incidentId: number, text: string) =>
    (await addTimelineEntry(h.write, { incidentId, source: 'manual', text, actor: ALICE })).value.entry;

  it('finds an incident by what was written in its timeline, and stops when the entry is hidden', async () => {
    const entry = await note(disk.id, 'Rotated the WAL archive to free space');
    assert.deepEqual(await ids('archive'), [disk.id]);
    await hideTimelineEntry(h.write, {
      incidentId: disk.id,
      target: { entryId: entry.id },
      hidden: true,
      actor: ALICE,
    });
    assert.deepEqual(await ids('archive'), []);
    await hideTimelineEntry(h.write, {
      incidentId: disk.id,
      target: { entryId: entry.id },
      hidden: false,
      actor: ALICE,
    });
    assert.deepEqual(await ids('archive'), [disk.id]);
  });

  it('follows edits: a new title is found, and a reworded entry by its new words only', async () => {
    await updateIncident(h.write, { incidentId: dns.id, patch: { title: 'Resolver outage in eu-west' }, actor: ALICE });
    assert.deepEqual(await ids('resolver'), [dns.id]);
    assert.deepEqual(
      await ids('failing'),
      [dns.id],
      'a renamed incident is still found by its old title (change entry)',
    );
    const entry = await note(cert.id, 'Renewed by hnad');
    await editTimelineEntry(h.write, {
      incidentId: cert.id,
      target: { entryId: entry.id },
      text: 'Renewed by hand',
      actor: ALICE,
    });
    assert.deepEqual(await ids('hand'), [cert.id]);
    assert.deepEqual(await ids('hnad'), []);
  });

  it('keeps host names and hyphenated words whole, as PostgreSQL parses them', async () => {
    assert.deepEqual(await ids('api.example.com'), [cert.id]);
    assert.deepEqual(await ids('db-3'), [disk.id]);
    assert.deepEqual(await ids('eu-west'), [dns.id]);
  });

  it('needs all the words in one text (title and summary, or one entry); -word excludes the whole incident', async () => {
    await note(cert.id, 'Alerting paged the on-call');
    assert.deepEqual(await ids('certificate expired'), [cert.id], 'both in the title');
    assert.deepEqual(await ids('expired alerting'), [], 'title and an entry: not one text');
    assert.deepEqual(await ids('renewed -paged'), [], 'another entry mentions paged');
    assert.deepEqual(await ids('-resolver -certificate -disk'), []);
    assert.deepEqual(await ids('-resolver'), [cert.id, disk.id]);
  });

  it('combines with the other filters', async () => {
    assert.deepEqual(await ids('disk', { severity: ['minor'] }), [disk.id]);
    assert.deepEqual(await ids('disk', { severity: ['critical'] }), []);
  });

  it('treats any text people type as words: no error, no match-everything', async () => {
    for (const q of ['%', "'", '"', '\\', ':*', '&', '|', '!', '<->', '(', ')', "' or 1=1 --", '"""', '- -', 'or or']) {
      assert.deepEqual(await ids(q), [], JSON.stringify(q));
    }
    assert.deepEqual(await ids('"resolver outage'), [dns.id], 'an unclosed phrase still searches');
    assert.deepEqual(await ids('CERT'), [cert.id], 'any case; the last word as a prefix');
  });
});
