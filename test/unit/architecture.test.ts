// Enforces "Who may import whom" from ARCHITECTURE.md by reading import lines under src/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findViolations, readSourceTree, readSpecifiers } from '../support/imports.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('architecture: who may import whom', () => {
  test('src/ has no forbidden import edge', () => {
    const files = readSourceTree(repoRoot);
    const domainFiles = files.filter((file) => file.path.startsWith('src/domain/'));
    assert.ok(domainFiles.length > 0, `expected .ts files in src/domain, read ${files.length} files under src`);
    assert.ok(
      domainFiles.some((file) => readSpecifiers(file.source).length > 0),
      'expected at least one import in src/domain; is the import reader broken?',
    );

    const violations = findViolations(files);
    assert.equal(violations.length, 0, `Forbidden imports:\n${violations.join('\n')}`);
  });

  test('the reader finds every kind of specifier and ignores comments and strings', () => {
    const source = [
      '#!/usr/bin/env node',
      "import a from 'default';",
      "import type { B } from 'type-only';",
      'import {',
      '  c,',
      '  type D,',
      "} from 'multi-line'",
      "import * as e from 'namespace';",
      "import f, { g } from 'mixed';",
      "import 'side-effect';",
      "import h = require('require');",
      "export * from 'star';",
      "export * as i from 'star-as';",
      "export { j } from 'named';",
      "export type { K } from 'type-named';",
      "const l = await import('dynamic');",
      'type M = typeof import(`type-import`);',
      '// import n from "line-comment";',
      "/* import o from 'block-comment';",
      "   export * from 'block-comment-2'; */",
      'const p = "import q from \'in-a-string\'";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text for the reader, not a template
      "const r = `import s from 'in-a-template' ${import.meta.url} import t from 'x'`;",
      "const u = /['\"]/g.test(p) ? 1 : 2 / 3; // import v from 'after-regex'",
      'export { u };',
      "export const from = 'not-a-specifier';",
      'const w = x.import;',
    ].join('\n');

    assert.deepEqual(readSpecifiers(source), [
      'default',
      'type-only',
      'multi-line',
      'namespace',
      'mixed',
      'side-effect',
      'require',
      'star',
      'star-as',
      'named',
      'type-named',
      'dynamic',
      'type-import',
    ]);
  });

  test('the checker reports exactly the forbidden edges', () => {
    const files = [
      {
        path: 'src/domain/incident.ts',
        source: [
          "import type { Kind } from './kind.ts';",
          'import {',
          '  Pool,',
          '  type PoolClient,',
          "} from 'pg';",
          "// import { repo } from '../storage/repo.ts';",
          "/* import '../slack/app.ts'; */",
          'const text = "import x from \'../web/app.ts\'";',
        ].join('\n'),
      },
      {
        path: 'src/usecases/close-incident.ts',
        source: [
          "import { readFile } from 'node:fs';",
          "import { randomUUID } from 'node:crypto';",
          "import type { Ports } from './ports.ts';",
          "import { DomainError } from '../domain/index.ts';",
          "export * from '../storage/repo.ts';",
          "const app = await import('../web/app.ts');",
          "import { ttl } from '../config.ts';",
        ].join('\n'),
      },
      {
        path: 'src/slack/notifier.ts',
        source: [
          "import { App } from '@slack/bolt';",
          "import type { Incident } from '../domain/index.ts';",
          "import { closeIncident } from '../usecases/close-incident.ts';",
          "import { blocks } from './blocks/headline.ts';",
          "import { config } from '../config.ts';",
          "import { repo } from '../storage/repo.ts';",
          "import { sandbox } from '../sandbox/server.ts';",
          "import { wire } from '../wiring.ts';",
        ].join('\n'),
      },
      {
        path: 'src/storage/db.ts',
        source: [
          "import { drizzle } from 'drizzle-orm';",
          "export type { Job } from '../jobs/queue.ts';",
          "import { shutdown } from '../main.ts';",
          'const quote = /[\'"]/;',
        ].join('\n'),
      },
      {
        path: 'src/sandbox/server.ts',
        source: [
          "import express from 'express';",
          "import { ms } from '../duration.ts';",
          "import { state } from './state.ts';",
          "import '../domain/index.ts';",
        ].join('\n'),
      },
      {
        path: 'src/config.ts',
        source: [
          "import { z } from 'zod';",
          "import { readFileSync } from 'node:fs';",
          "import { ms } from './duration.ts';",
          "import { Severity } from './domain/index.ts';",
        ].join('\n'),
      },
      {
        path: 'src/wiring.ts',
        source: [
          "import { Pool } from 'pg';",
          "import { db } from './storage/db.ts';",
          "import { app } from './web/app.ts';",
          "import { sandbox } from './sandbox/server.ts';",
          "import { run } from './cli.ts';",
        ].join('\n'),
      },
      {
        path: 'src/main.ts',
        source: "import { wire } from './wiring.ts';\nimport { config } from './config.ts';",
      },
      {
        path: 'src/drivers/smtp.ts',
        source: "import { config } from '../config.ts';",
      },
    ];

    assert.deepEqual(findViolations(files), [
      'src/domain/incident.ts → pg (domain may not import packages)',
      'src/usecases/close-incident.ts → node:fs (usecases may not import node builtins)',
      'src/usecases/close-incident.ts → node:crypto (usecases may not import node builtins)',
      'src/usecases/close-incident.ts → src/storage/repo.ts (usecases may not import storage)',
      'src/usecases/close-incident.ts → src/web/app.ts (usecases may not import web)',
      'src/usecases/close-incident.ts → src/config.ts (usecases may not import config.ts)',
      'src/slack/notifier.ts → src/storage/repo.ts (slack may not import storage)',
      'src/slack/notifier.ts → src/sandbox/server.ts (slack may not import sandbox)',
      'src/slack/notifier.ts → src/wiring.ts (slack may not import wiring.ts)',
      'src/storage/db.ts → src/jobs/queue.ts (storage may not import jobs)',
      'src/storage/db.ts → src/main.ts (nobody may import main.ts)',
      'src/sandbox/server.ts → src/domain/index.ts (sandbox may not import domain)',
      'src/config.ts → src/domain/index.ts (config.ts may not import domain)',
      'src/wiring.ts → src/cli.ts (nobody may import cli.ts)',
      'src/drivers/smtp.ts (folder src/drivers has no import rules; add it to ARCHITECTURE.md)',
    ]);
  });
});
