// The composer: the message box (Enter sends; a leading /command runs a slash command), or, when the person
// cannot write here, the bar that says why and offers to join the channel.
import { act } from './api.js';
import { $ } from './dom.js';
import { pageBanners } from './feedback.js';
import { app } from './state.js';

export function renderComposer(state) {
  const channel = state.channel;
  const composer = $('composer');
  const text = /** @type {HTMLTextAreaElement} */ ($('composer-text'));
  const joinBar = $('join-bar');
  const canWrite = Boolean(state.me && channel?.isMember && !channel.isArchived);
  composer.hidden = !canWrite;
  joinBar.hidden = canWrite || !state.me || !channel;
  if (!canWrite && state.me && channel) {
    const canJoin = !channel.isArchived && !channel.isPrivate;
    $('join-text').textContent = channel.isArchived
      ? `#${channel.name} is archived.`
      : canJoin
        ? `You are not in #${channel.name}.`
        : 'Only members can see and write in this private channel.';
    $('join-button').hidden = !canJoin;
  }
  $('composer-label').textContent = channel
    ? channel.isIm
      ? `Message ${channel.name}`
      : `Message #${channel.name}`
    : 'Message';
  text.disabled = !canWrite;
}

$('join-button').addEventListener('click', async () => {
  const result = await act('join', { channel: app.channelId });
  if (result.ok) $('composer-text').focus();
});

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});

$('composer-text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    send();
  }
});

async function send() {
  const box = /** @type {HTMLTextAreaElement} */ ($('composer-text'));
  const text = box.value.trim();
  if (text === '' || !app.state?.channel) return;
  pageBanners.clear();
  box.value = '';
  const channel = app.state.channel.id;
  const result = /^\/[\w-]+(\s|$)/.test(text)
    ? await act('command', { channel, text })
    : await act('message', { channel, text });
  if (result.ok === false && box.value === '') box.value = text;
  box.focus();
}
