// Incident channel names from CHANNEL_NAME_TEMPLATE, made legal for Slack: lower-case letters,
// digits, hyphens and underscores, at most 80 characters (../shared/slack/README.md §4).
import type { Severity } from '../domain/index.ts';

/** Slack's longest channel name. */
export const CHANNEL_NAME_MAX = 80;

/** What a name may be built from. */
export interface NameFacts {
  readonly id: number;
  readonly title: string;
  readonly severity: Severity | null;
  readonly reportedAt: Date;
}

/** Lower-case words joined by hyphens; accents dropped, everything else a separator. */
export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const legal = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');

const dateParts = (at: Date, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const part = (type: string) => parts.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  return { yyyy: part('year'), mm: part('month'), dd: part('day') };
};

/**
 * The channel name for an incident. When the result is too long the slug gives way first, so the
 * id and date stay readable; a name with no letters or digits at all falls back to `inc-{id}`.
 */
export const channelName = (template: string, facts: NameFacts, timeZone: string): string => {
  const date = dateParts(facts.reportedAt, timeZone);
  const render = (slug: string) =>
    legal(
      template
        .replaceAll('{id}', String(facts.id))
        .replaceAll('{slug}', slug)
        .replaceAll('{yyyy}', date.yyyy)
        .replaceAll('{mm}', date.mm)
        .replaceAll('{dd}', date.dd)
        .replaceAll('{severity}', facts.severity ?? ''),
    );
  const slug = slugify(facts.title);
  let name = render(slug);
  if (name.length > CHANNEL_NAME_MAX) {
    const room = Math.max(0, slug.length - (name.length - CHANNEL_NAME_MAX));
    name = render(slug.slice(0, room).replace(/-+$/, ''));
  }
  name = name.slice(0, CHANNEL_NAME_MAX).replace(/[-_]+$/, '');
  return /[a-z0-9]/.test(name) ? name : `inc-${facts.id}`;
};

/** The n-th alternative when a name is taken: `name-2`, `name-3`…, still within 80 characters. */
export const alternativeName = (name: string, n: number): string => {
  const suffix = `-${n}`;
  return `${name.slice(0, CHANNEL_NAME_MAX - suffix.length).replace(/[-_]+$/, '')}${suffix}`;
};
