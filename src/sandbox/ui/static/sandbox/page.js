// The whole page from one state (GET ui/state): who you act as and the conversations in the sidebar, the
// open conversation (title, topic, messages, composer), the open form, and the demo.
import { renderComposer } from './composer.js';
import { $ } from './dom.js';
import { renderMessages } from './messages.js';
import { renderModal } from './modal.js';
import { spoken } from './mrkdwn.js';
import { renderConversations, renderDemo, renderPeople } from './sidebar.js';
import { names } from './state.js';

export function render(state) {
  const ctx = { names: names(state) };
  renderPeople(state);
  renderConversations(state);
  renderConversation(state, ctx);
  renderModal(state, ctx);
  renderDemo(state);
}

function renderConversation(state, ctx) {
  const channel = state.channel;
  const title = channel
    ? channel.isIm
      ? channel.name
      : `${channel.isPrivate ? '🔒 ' : '#'}${channel.name}`
    : 'No conversation';
  $('conversation-title').textContent = title;
  document.title = `${title} – Sandbox Slack`;
  const topic = $('conversation-topic');
  topic.textContent = channel?.topic ? spoken(channel.topic, ctx) : '';
  topic.hidden = !channel?.topic;
  renderMessages(state, ctx);
  renderComposer(state);
}
