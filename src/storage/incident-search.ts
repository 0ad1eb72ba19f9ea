// Full-text search for the incident list: title and summary (incidents.search) and the visible
// timeline (timeline_entries.search), both generated tsvector columns with GIN indexes (migration 0003).
import { type SQL, sql } from 'drizzle-orm';
import { incidents, timelineEntries } from './schema.ts';

// The parser only makes lexemes of letters and digits: text without any ("%", "\") matches nothing,
// and saying so here spares PostgreSQL a "query doesn't contain lexemes" notice.
const HAS_WORD = /[\p{L}\p{N}]/u;
// Still typing the last word (no trailing space or closing quote): match it as a prefix.
const ENDS_IN_WORD = /[\p{L}\p{N}]$/u;
// websearch syntax, token by token: an optionally negated "phrase" (closed or not), or a run of other text.
const TOKENS = /-?"[^"]*"?|[^\s"]+/g;

/** What to look for, split so that exclusions apply to the whole incident, not to one of its texts. */
interface ParsedSearch {
  /** websearch text that one document (title + summary, or one timeline entry) must match. */
  readonly wanted: string;
  /** websearch text of the excluded words and phrases, joined with `or`. */
  readonly unwanted: string;
  readonly prefix: boolean;
}

const parse = (text: string): ParsedSearch => {
  const tokens = text.match(TOKENS) ?? [];
  const negated = (token: string) => token.length > 1 && token.startsWith('-') && HAS_WORD.test(token);
  const kept = tokens.filter((token) => !negated(token));
  // Taking `-word` out must not leave a dangling or doubled `or` behind ("a or -b" means a, without b).
  const wanted = kept.filter(
    (token, i) => token.toLowerCase() !== 'or' || (i > 0 && i < kept.length - 1 && kept[i - 1]?.toLowerCase() !== 'or'),
  );
  return {
    wanted: wanted.join(' '),
    unwanted: tokens
      .filter(negated)
      .map((token) => token.slice(1))
      .join(' or '),
    prefix: ENDS_IN_WORD.test(text) && tokens.length > 0 && !negated(tokens.at(-1) ?? ''),
  };
};

/**
 * The tsquery for what a person typed: websearch syntax with the 'simple' configuration the columns
 * use. For prefix matching PostgreSQL builds the query and its last lexeme (always the text's final
 * quoted token) gets `:*`; the text never meets tsquery syntax, so no input can inject operators.
 */
const tsquery = (text: string, prefix: boolean): SQL => {
  const query = sql`websearch_to_tsquery('simple', ${text})`;
  return prefix ? sql`(regexp_replace(${query}::text, '''$', ''':*'))::tsquery` : query;
};

/**
 * The condition "this incident matches the search", or null for a blank search (no filter).
 *
 * Words match when they are all in one text: the title and summary, or one visible timeline entry
 * (hidden entries were hidden as noise or mistakes). Each table answers from its GIN index and the
 * matching ids are hashed, so the list keeps its own order and keyset. `-word` excludes incidents
 * with that word in any of their texts.
 */
export const incidentSearch = (q: string | undefined): SQL | null => {
  const text = q?.trim() ?? '';
  if (text === '') return null;
  const { wanted, unwanted, prefix } = parse(text);
  const conditions: SQL[] = [];
  if (HAS_WORD.test(wanted)) {
    const query = tsquery(wanted, prefix);
    conditions.push(sql`${incidents.id} in (
      select ${incidents.id} from ${incidents} where ${incidents.search} @@ ${query}
      union
      select ${timelineEntries.incidentId} from ${timelineEntries}
      where ${timelineEntries.search} @@ ${query} and not ${timelineEntries.hidden}
    )`);
  }
  if (HAS_WORD.test(unwanted)) {
    const query = tsquery(unwanted, false);
    // NOT EXISTS, not NOT IN: an anti-join whatever the size, never a per-row scan of a big list.
    conditions.push(sql`not (${incidents.search} @@ ${query}) and not exists (
      select 1 from ${timelineEntries} excluded
      where excluded.incident_id = ${incidents.id} and excluded.search @@ ${query} and not excluded.hidden
    )`);
  }
  if (conditions.length === 0) return sql`false`;
  return sql`(${sql.join(conditions, sql` and `)})`;
};
