// What the person is told: the page's and the form's banners, and announcements through the live region.
import { $, h } from './dom.js';

function banner(element) {
  const text = element.querySelector('.banner-text');
  element.querySelector('.banner-dismiss')?.addEventListener('click', () => {
    element.hidden = true;
  });
  return {
    show(message) {
      text.textContent = message;
      element.hidden = false;
    },
    hide() {
      element.hidden = true;
    },
  };
}

export const pageBanners = {
  alert: banner($('page-alert')),
  status: banner($('page-status')),
  error(message) {
    this.status.hide();
    this.alert.show(message);
  },
  notice(message) {
    this.status.show(message);
  },
  clear() {
    this.alert.hide();
    this.status.hide();
  },
};

/** The open form's banner: errors and notices alike show in it. */
export const modalBanners = {
  alert: banner($('modal-alert')),
  error(message) {
    this.alert.show(message);
  },
  notice(message) {
    this.alert.show(message);
  },
  clear() {
    this.alert.hide();
  },
};

let announcerTimer;

/** Says `text` through the live region, then empties it (so the text is not left twice in the page). */
export function announce(text) {
  const region = $('announcer');
  region.replaceChildren(h('p', { text }));
  clearTimeout(announcerTimer);
  announcerTimer = setTimeout(() => region.replaceChildren(), 3000);
}
