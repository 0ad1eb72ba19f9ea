#!/usr/bin/env node
// The second half of `npm run build`: tsc compiles src/ into dist/ but copies nothing that is not
// TypeScript, and the service reads such files at run time beside its compiled code (new URL(…,
// import.meta.url)): the SQL migrations and drizzle's journal (src/storage/migrations), the page
// templates and web assets (src/web/views, src/web/assets), the sandbox's static files. Every file
// under src/ that is not .ts (nor documentation, .md) is copied to the same place under dist/.
// (Named for its first job; it copies every run-time file now.)
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src', import.meta.url));
const dist = fileURLToPath(new URL('../dist', import.meta.url));

if (!existsSync(join(dist, 'cli.js'))) {
  console.error('copy-migrations: dist/cli.js does not exist; run tsc -p tsconfig.build.json first');
  process.exit(1);
}
// Migrations are append-only, but a file renamed in src/ must not linger in dist/ under its old name.
rmSync(join(dist, 'storage', 'migrations'), { recursive: true, force: true });

const runtimeFiles = readdirSync(src, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && !entry.name.endsWith('.ts') && !entry.name.endsWith('.md'))
  .map((entry) => relative(src, join(entry.parentPath ?? entry.path, entry.name)));
for (const file of runtimeFiles) {
  mkdirSync(dirname(join(dist, file)), { recursive: true });
  copyFileSync(join(src, file), join(dist, file));
}
const migrations = runtimeFiles.filter((file) => file.startsWith(join('storage', 'migrations'))).length;
console.log(`copy-migrations: ${runtimeFiles.length} files into dist/ (${migrations} of them migrations)`);
