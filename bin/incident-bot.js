#!/usr/bin/env node
// The `incident-bot` command. Runs the compiled build when there is one (the container image),
// else the TypeScript sources through tsx (a clone after `npm ci`).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli.ts', import.meta.url).href);
}
