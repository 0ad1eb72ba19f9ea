// Sandbox Slack in the browser: renders the workspace the sandbox holds (GET ui/state), listens for changes
// (server-sent events on events/stream) and sends what the person does to the action API (POST ui/<action>).
// No framework, no build step: ES modules beside this one, served as they are. Every piece of text from the
// workspace goes into the page with textContent, never as HTML. All URLs are relative to the page, which the
// sandbox serves at <base path>/ (fetch and EventSource resolve them against the page, not the module).
//
// The modules, each with one concern:
//   state.js         what the page shows (person, conversation) and refresh(): fetch the state, render it
//   api.js           JSON requests, and actions as the current person
//   live.js          the server-sent event stream that says when to refresh
//   page.js          the whole page from one state: header, sidebar, conversation, form
//   sidebar.js       who you act as, the channel and DM lists, the demo
//   messages.js      the message list: one message, its reactions and tools
//   message-menu.js  a message's ⋯ menu
//   composer.js      the message box, and the bar to join a channel
//   blocks.js        Block Kit blocks and buttons
//   confirm-dialog.js  a button's confirmation dialog
//   mrkdwn.js        Slack's markup into DOM nodes
//   modal.js         the form (modal view) dialog: open, close, submit, errors
//   modal-fields.js  the form's input blocks as labelled controls
//   feedback.js      banners and live-region announcements
//   dom.js, emoji.js helpers and data
import { connect } from './live.js';
import { refresh } from './state.js';

connect();
refresh();
