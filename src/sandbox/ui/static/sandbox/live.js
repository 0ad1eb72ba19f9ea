// Live updates: the sandbox's server-sent events say when the workspace changed; the page then refreshes.
import { $ } from './dom.js';
import { app, refresh } from './state.js';

/** Opens the event stream (EventSource reconnects by itself) and shows its state in the top bar. */
export function connect() {
  const status = $('connection');
  const events = new EventSource('events/stream');
  const onVersion = (event) => {
    let version = null;
    try {
      version = JSON.parse(event.data).version;
    } catch {
      // a notice without a version: refresh anyway
    }
    if (version === null || version !== app.state?.version) refresh();
  };
  events.addEventListener('open', () => {
    status.dataset.state = 'live';
    status.textContent = 'Live';
  });
  events.addEventListener('hello', onVersion);
  events.addEventListener('changed', onVersion);
  events.addEventListener('error', () => {
    status.dataset.state = 'lost';
    status.textContent = 'Reconnecting…';
  });
}
