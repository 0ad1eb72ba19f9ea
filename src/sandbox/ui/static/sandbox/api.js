// Talking to the sandbox: JSON requests, and actions as the person the page is acting as.
import { pageBanners } from './feedback.js';
import { app, refresh } from './state.js';

/** GET or POST JSON; never throws: a failure comes back as {ok:false, error}. */
export async function request(path, body) {
  try {
    const response = await fetch(path, {
      method: body ? 'POST' : 'GET',
      headers: body
        ? { 'content-type': 'application/json', accept: 'application/json' }
        : { accept: 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store',
    });
    const data = await response
      .json()
      .catch(() => ({ ok: false, error: `The sandbox answered HTTP ${response.status}.` }));
    if (!response.ok && data.ok !== false) return { ok: false, error: `The sandbox answered HTTP ${response.status}.` };
    return data;
  } catch {
    return { ok: false, error: 'The sandbox could not be reached. Is it still running?' };
  }
}

/**
 * Runs an action as the current person; shows its error (or notice) and refreshes.
 * @returns {Promise<Record<string, any>>}
 */
export async function act(name, body = {}, where = pageBanners) {
  const result = await request(`ui/${name}`, { user: app.userId, ...body });
  if (result.ok === false) where.error(result.error ?? 'Something went wrong.');
  else if (result.notice) where.notice(result.notice);
  refresh();
  return result;
}
