// Block Kit in the page: the blocks of messages and the non-input blocks of forms, and what a button does
// when pressed (its confirmation, its URL, then the click sent to the app as block_actions).
import { act } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { h } from './dom.js';
import { modalBanners } from './feedback.js';
import { appRedirect, plain, textObject } from './mrkdwn.js';
import { selectChannel } from './state.js';

/**
 * @param {any[]} blocks
 * @param {{names: any, key: string, channel?: string, ts?: string, surface: 'message' | 'modal'}} ctx
 */
export function renderBlocks(blocks, ctx) {
  return blocks.map((block, index) => renderBlock(block, { ...ctx, blockIndex: index }));
}

export function renderBlock(block, ctx) {
  switch (block.type) {
    case 'header':
      // Under the page's h1 in messages, under the modal's h2 in forms.
      return h(ctx.surface === 'modal' ? 'h3' : 'h2', { class: 'block block-header', text: plain(block.text) });
    case 'divider':
      return h('hr', { class: 'block block-divider' });
    case 'section': {
      const main = h('div', { class: 'block-section-main' });
      if (block.text) main.append(textObject(block.text, ctx));
      if (Array.isArray(block.fields)) {
        main.append(
          h(
            'div',
            { class: 'fields' },
            block.fields.map((f) => h('div', { class: 'field-item' }, textObject(f, ctx))),
          ),
        );
      }
      const accessory = block.accessory ? renderElement(block.accessory, ctx, 0) : null;
      return h('div', { class: 'block block-section' }, main, accessory);
    }
    case 'context':
      return h(
        'div',
        { class: 'block block-context' },
        (block.elements ?? []).map((e) =>
          e.type === 'image'
            ? h('span', { class: 'image-alt', text: `[${e.alt_text ?? 'image'}]` })
            : textObject(e, ctx),
        ),
      );
    case 'actions':
      return h(
        'div',
        { class: 'block block-actions' },
        (block.elements ?? []).map((e, i) => renderElement(e, ctx, i)),
      );
    case 'image':
      return h('p', { class: 'block unsupported', text: `[Image: ${block.alt_text ?? ''}]` });
    case 'rich_text':
      return h('p', { class: 'block plain-text', text: richText(block) });
    default:
      return h('p', { class: 'block unsupported', text: `[A ${block.type} block, which the sandbox does not show]` });
  }
}

function richText(block) {
  const texts = [];
  const walk = (node) => {
    if (!node || typeof node !== 'object') return;
    if (typeof node.text === 'string') texts.push(node.text);
    if (Array.isArray(node.elements)) node.elements.forEach(walk);
  };
  walk(block);
  return texts.join('');
}

function renderElement(element, ctx, index) {
  if (element.type === 'button') {
    const style = element.style === 'primary' ? ' is-primary' : element.style === 'danger' ? ' is-danger' : '';
    const button = h('button', {
      type: 'button',
      class: `button block-button${style}`,
      'data-focus-key': `${ctx.key}:b${ctx.blockIndex}:${index}`,
      text: plain(element.text),
    });
    button.addEventListener('click', () => pressButton(element, ctx, button));
    return button;
  }
  if (element.type === 'image') return h('span', { class: 'image-alt', text: `[${element.alt_text ?? 'image'}]` });
  return h('span', { class: 'unsupported', text: `[A ${element.type}, which the sandbox cannot use]` });
}

async function pressButton(element, ctx, button) {
  if (element.confirm && !(await confirmDialog(element.confirm, ctx, button))) return;
  if (element.url) {
    const channel = appRedirect(element.url);
    if (channel) selectChannel(channel);
    else if (/^https?:\/\//i.test(element.url)) window.open(element.url, '_blank', 'noopener,noreferrer');
  }
  if (ctx.surface !== 'message') {
    modalBanners.error('The sandbox does not send button clicks inside forms yet.');
    return;
  }
  button.disabled = true;
  await act('click', { channel: ctx.channel, ts: ctx.ts, actionId: element.action_id, value: element.value });
  button.disabled = false;
}
