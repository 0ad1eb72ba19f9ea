// PGlite is a database inside one process: two processes opening one data directory would corrupt
// it. A pid file makes the second one stop with a message instead.
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Thrown when another live process holds the data directory. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

/** Takes the directory's lock (replacing a dead process's) and returns how to let it go. */
export const lockDataDir = async (dataDir: string): Promise<() => Promise<void>> => {
  const path = join(dataDir, 'incident-bot.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(String(process.pid));
      await file.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (holder && holder !== process.pid && alive(holder)) {
        throw new DataDirInUseError(
          `The embedded database in ${dataDir} is in use by another incident-bot (pid ${holder}). ` +
            'Stop it first, or set DATABASE_URL to share a PostgreSQL database between processes.',
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock ${dataDir}; remove ${path} if no incident-bot is running.`);
};
