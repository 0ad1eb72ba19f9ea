// Reads import specifiers out of TypeScript source without the compiler, and checks them against the
// "Who may import whom" rules in ARCHITECTURE.md. Pure: callers hand in { path, source } pairs.
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

export interface SourceFile {
  /** Repository-relative, forward slashes, e.g. `src/storage/db.ts`. */
  path: string;
  source: string;
}

type TokenKind = 'ident' | 'string' | 'template' | 'punct' | 'regex' | 'number';
interface Token {
  kind: TokenKind;
  value: string;
  /** True for a template literal without `${…}` substitutions (usable as a specifier). */
  plain?: boolean;
}

const REGEX_AFTER_KEYWORDS = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

const isIdentStart = (c: string): boolean => /[A-Za-z_$]/.test(c) || c.charCodeAt(0) > 0x7f;
const isIdentPart = (c: string): boolean => /[\w$]/.test(c) || c.charCodeAt(0) > 0x7f;

/** A small JavaScript/TypeScript lexer: enough to skip comments, strings, templates and regex literals. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const braces: Array<'brace' | 'template'> = [];
  const n = source.length;
  let i = 0;
  if (source.startsWith('#!')) {
    while (i < n && source[i] !== '\n') i++;
  }

  // Reads template characters from i (just after ` or }) up to the closing ` or a ${.
  const readTemplate = (startsWholeLiteral: boolean): void => {
    let text = '';
    while (i < n) {
      const c = source[i] as string;
      if (c === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        i++;
        tokens.push({ kind: 'template', value: text, plain: startsWholeLiteral });
        return;
      } else if (c === '$' && source[i + 1] === '{') {
        i += 2;
        braces.push('template');
        tokens.push({ kind: 'template', value: text, plain: false });
        return;
      } else {
        text += c;
        i++;
      }
    }
    tokens.push({ kind: 'template', value: text, plain: false });
  };

  const regexMayStart = (): boolean => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return true;
    if (prev.kind === 'punct') return prev.value !== ')' && prev.value !== ']';
    if (prev.kind === 'ident') return REGEX_AFTER_KEYWORDS.has(prev.value);
    return false;
  };

  while (i < n) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === '"' || c === "'") {
      let text = '';
      i++;
      while (i < n && source[i] !== c && source[i] !== '\n') {
        if (source[i] === '\\') {
          text += source.slice(i, i + 2);
          i += 2;
        } else {
          text += source[i];
          i++;
        }
      }
      i++;
      tokens.push({ kind: 'string', value: text });
    } else if (c === '`') {
      i++;
      readTemplate(true);
    } else if (isIdentStart(c)) {
      const start = i;
      while (i < n && isIdentPart(source[i] as string)) i++;
      tokens.push({ kind: 'ident', value: source.slice(start, i) });
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < n && /[\w.]/.test(source[i] as string)) i++;
      tokens.push({ kind: 'number', value: source.slice(start, i) });
    } else if (c === '/' && regexMayStart()) {
      const start = i;
      let inClass = false;
      i++;
      while (i < n && source[i] !== '\n') {
        const r = source[i];
        if (r === '\\') {
          i += 2;
          continue;
        }
        if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
        i++;
      }
      i++;
      while (i < n && isIdentPart(source[i] as string)) i++;
      tokens.push({ kind: 'regex', value: source.slice(start, i) });
    } else if (c === '{') {
      braces.push('brace');
      tokens.push({ kind: 'punct', value: c });
      i++;
    } else if (c === '}') {
      i++;
      if (braces.pop() === 'template') readTemplate(false);
      else tokens.push({ kind: 'punct', value: c });
    } else {
      tokens.push({ kind: 'punct', value: c });
      i++;
    }
  }
  return tokens;
}

const isSpecifierToken = (t: Token | undefined): t is Token =>
  t !== undefined && (t.kind === 'string' || (t.kind === 'template' && t.plain === true));
const isPunct = (t: Token | undefined, value: string): boolean => t?.kind === 'punct' && t.value === value;
const isIdent = (t: Token | undefined, value?: string): boolean =>
  t?.kind === 'ident' && (value === undefined || t.value === value);

/**
 * Every module specifier a file depends on: static imports (value and type), side-effect imports,
 * `export … from`, `import x = require('…')` and `import('…')` with a literal. Comments are ignored.
 */
export function readSpecifiers(source: string): string[] {
  const tokens = tokenize(source);
  const found = new Map<number, string>();
  const take = (index: number): boolean => {
    const t = tokens[index];
    if (!isSpecifierToken(t)) return false;
    found.set(index, t.value);
    return true;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (isPunct(tokens[i - 1], '.')) continue;

    if (isIdent(t, 'import')) {
      const next = tokens[i + 1];
      if (isSpecifierToken(next)) {
        take(i + 1);
      } else if (isPunct(next, '(')) {
        take(i + 2);
      } else {
        // Import clause: [type] default, { a, type b as c }, * as ns — then `from '…'`; or `x = require('…')`.
        for (let j = i + 1; j < tokens.length; j++) {
          const tok = tokens[j];
          if (isIdent(tok, 'from') && take(j + 1)) break;
          if (isPunct(tok, '=')) {
            if (isIdent(tokens[j + 1], 'require') && isPunct(tokens[j + 2], '(')) take(j + 3);
            break;
          }
          if (isIdent(tok, 'import') || isIdent(tok, 'export')) break;
          if (!isIdent(tok) && !isPunct(tok, '{') && !isPunct(tok, '}') && !isPunct(tok, ',') && !isPunct(tok, '*')) {
            break;
          }
        }
      }
    } else if (isIdent(t, 'export')) {
      let j = i + 1;
      if (isIdent(tokens[j], 'type')) j++;
      if (isPunct(tokens[j], '*')) {
        j++;
        if (isIdent(tokens[j], 'as')) j += 2;
      } else if (isPunct(tokens[j], '{')) {
        while (j < tokens.length && !isPunct(tokens[j], '}')) j++;
        j++;
      } else {
        continue;
      }
      if (isIdent(tokens[j], 'from')) take(j + 1);
    }
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([, specifier]) => specifier);
}

const LAYERS = ['domain', 'usecases', 'storage', 'jobs', 'slack', 'web', 'sandbox'] as const;
type Layer = (typeof LAYERS)[number];
const COMPOSITION_ROOTS = ['main', 'cli', 'wiring'] as const;

/** Where a file under src sits: a layer folder, a composition root, a root leaf utility, or an unknown folder. */
type Place =
  | { kind: 'layer'; layer: Layer }
  | { kind: 'root'; name: (typeof COMPOSITION_ROOTS)[number] }
  | { kind: 'leaf'; name: string }
  | { kind: 'unknown'; folder: string }
  | { kind: 'outside' };

const stripExtension = (name: string): string => name.replace(/\.(d\.)?[cm]?[tj]sx?$/, '');

function classify(file: string): Place {
  if (!file.startsWith('src/')) return { kind: 'outside' };
  const parts = file.slice('src/'.length).split('/');
  const first = parts[0] ?? '';
  if (parts.length === 1) {
    const base = stripExtension(first);
    if ((COMPOSITION_ROOTS as readonly string[]).includes(base)) {
      return { kind: 'root', name: base as (typeof COMPOSITION_ROOTS)[number] };
    }
    // `../storage` (a folder import) is still the storage layer.
    if ((LAYERS as readonly string[]).includes(first)) return { kind: 'layer', layer: first as Layer };
    return { kind: 'leaf', name: first };
  }
  if ((LAYERS as readonly string[]).includes(first)) return { kind: 'layer', layer: first as Layer };
  return { kind: 'unknown', folder: first };
}

const label = (place: Place, file: string): string => {
  switch (place.kind) {
    case 'layer':
      return place.layer;
    case 'root':
    case 'leaf':
      return path.posix.basename(file);
    case 'unknown':
      return place.folder;
    case 'outside':
      return 'files outside src';
  }
};

/** May a file at `from` import a file at `to`? Both are inside src (or `to` outside it). */
function mayImportFile(from: Place, to: Place): boolean {
  if (from.kind === 'root') return to.kind !== 'outside';
  if (to.kind === 'outside' || to.kind === 'unknown' || to.kind === 'root') return false;
  if (from.kind === 'leaf') return to.kind === 'leaf';
  if (from.kind !== 'layer') return false;
  const own = to.kind === 'layer' && to.layer === from.layer;
  switch (from.layer) {
    case 'domain':
      return own;
    case 'usecases':
      return to.kind === 'layer' && (to.layer === 'domain' || to.layer === 'usecases');
    case 'sandbox':
      return own || to.kind === 'leaf';
    case 'storage':
    case 'jobs':
    case 'slack':
    case 'web':
      // Adapters: the core, themselves and root leaf utilities; never each other, sandbox or the composition roots.
      return own || to.kind === 'leaf' || (to.kind === 'layer' && (to.layer === 'domain' || to.layer === 'usecases'));
  }
}

const BUILTINS = new Set(builtinModules);
const isBuiltin = (specifier: string): boolean =>
  specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0] ?? '');

/**
 * Every forbidden edge, as `src/a/b.ts → src/c/d.ts (storage may not import slack)`.
 * Paths are repository-relative with forward slashes.
 */
export function findViolations(files: ReadonlyArray<SourceFile>): string[] {
  const violations: string[] = [];
  for (const file of files) {
    const from = file.path.replaceAll('\\', '/');
    const fromPlace = classify(from);
    const fromLabel = label(fromPlace, from);
    if (fromPlace.kind === 'unknown') {
      violations.push(`${from} (folder src/${fromPlace.folder} has no import rules; add it to ARCHITECTURE.md)`);
      continue;
    }
    const seen = new Set<string>();
    for (const specifier of readSpecifiers(file.source)) {
      let violation: string | undefined;
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = specifier.startsWith('/')
          ? path.posix.normalize(specifier)
          : path.posix.join(path.posix.dirname(from), specifier);
        const toPlace = classify(target);
        // cli.ts runs `serve` from main.ts; the roots read the version from package.json.
        const cliRunsMain =
          fromPlace.kind === 'root' && fromPlace.name === 'cli' && toPlace.kind === 'root' && toPlace.name === 'main';
        const rootReadsPackageJson =
          fromPlace.kind === 'root' && toPlace.kind === 'outside' && target === 'package.json';
        if (cliRunsMain || rootReadsPackageJson) continue;
        if (toPlace.kind === 'root' && toPlace.name !== 'wiring') {
          violation = `${from} → ${target} (nobody may import ${path.posix.basename(target)})`;
        } else if (!mayImportFile(fromPlace, toPlace)) {
          violation = `${from} → ${target} (${fromLabel} may not import ${label(toPlace, target)})`;
        }
      } else if (fromPlace.kind === 'layer' && (fromPlace.layer === 'domain' || fromPlace.layer === 'usecases')) {
        const what = isBuiltin(specifier) ? 'node builtins' : 'packages';
        violation = `${from} → ${specifier} (${fromLabel} may not import ${what})`;
      }
      if (violation !== undefined && !seen.has(violation)) {
        seen.add(violation);
        violations.push(violation);
      }
    }
  }
  return violations;
}

/** Every .ts file under `dir` (recursively), as repository-relative paths from `root`, sorted. */
export function listSourceFiles(root: string, dir = 'src'): string[] {
  const out: string[] = [];
  const walk = (relative: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch (error) {
      // Others are writing src/ right now: a folder may vanish between listing and reading.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(child);
      } else if (entry.isFile() && /\.[cm]?ts$/.test(entry.name)) {
        out.push(child);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** Reads the files listed by listSourceFiles, skipping any deleted in the meantime. */
export function readSourceTree(root: string, dir = 'src'): SourceFile[] {
  const files: SourceFile[] = [];
  for (const file of listSourceFiles(root, dir)) {
    try {
      files.push({ path: file, source: readFileSync(path.join(root, file), 'utf8') });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return files;
}
