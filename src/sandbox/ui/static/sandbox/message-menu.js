// A message's ⋯ menu: a menu button with role=menu items; arrows move, Escape closes, focus returns to the
// button. One menu is open at a time; a click elsewhere closes it.
import { act } from './api.js';
import { h } from './dom.js';
import { app } from './state.js';

let openMenuState = null;

export function closeMenus(returnFocus = false) {
  if (!openMenuState) return;
  const { button, menu } = openMenuState;
  openMenuState = null;
  menu.remove();
  button.setAttribute('aria-expanded', 'false');
  if (returnFocus && button.isConnected) button.focus();
}

export function toggleMenu(button, message) {
  if (openMenuState?.button === button) closeMenus(true);
  else openMenu(button, message, 0);
}

export function openMenu(button, message, focusIndex) {
  closeMenus();
  const pushpin = message.reactions.find((r) => r.name === 'pushpin');
  const items = [
    message.pinnedBy
      ? { label: 'Un-pin from channel', run: () => act('unpin', { channel: app.channelId, ts: message.ts }) }
      : { label: 'Pin to channel', run: () => act('pin', { channel: app.channelId, ts: message.ts }) },
    pushpin?.mine
      ? {
          label: 'Remove 📌 reaction',
          run: () => act('unreact', { channel: app.channelId, ts: message.ts, name: 'pushpin' }),
        }
      : {
          label: 'React with 📌',
          run: () => act('react', { channel: app.channelId, ts: message.ts, name: 'pushpin' }),
        },
    {
      label: 'Add to incident timeline',
      run: () => act('shortcut', { channel: app.channelId, ts: message.ts, callbackId: 'add-to-timeline' }),
    },
  ];
  const menuId = `menu-${message.ts.replace('.', '-')}`;
  const menu = h('div', { class: 'menu', role: 'menu', id: menuId, 'aria-label': 'Message actions' });
  const buttons = items.map((item) =>
    h('button', {
      type: 'button',
      class: 'menu-item',
      role: 'menuitem',
      tabindex: '-1',
      text: item.label,
      onclick: () => {
        closeMenus(true);
        item.run();
      },
    }),
  );
  menu.append(...buttons);
  menu.addEventListener('keydown', (event) => {
    const at = buttons.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      buttons[(move + buttons.length) % buttons.length].focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      closeMenus(true);
    } else if (event.key === 'Tab') {
      closeMenus(false);
    }
  });
  button.setAttribute('aria-controls', menuId);
  button.setAttribute('aria-expanded', 'true');
  button.after(menu);
  openMenuState = { button, menu };
  buttons.at(focusIndex)?.focus();
}

document.addEventListener('click', (event) => {
  if (!openMenuState) return;
  const target = /** @type {Node} */ (event.target);
  if (!openMenuState.menu.contains(target) && !openMenuState.button.contains(target)) closeMenus();
});

/** Forgets the open menu when a refresh left its message out of the list (`items`, the new list). */
export function forgetMenuUnlessIn(items) {
  if (openMenuState && !items.some((item) => item.contains(openMenuState.button))) openMenuState = null;
}

// Escape closes the open menu wherever focus is.
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && openMenuState) closeMenus(true);
});
