// Confirmation dialogs (a button's `confirm` object): a native <dialog>; focus goes back where it was.
import { $, refocus } from './dom.js';
import { plain, textObject } from './mrkdwn.js';

const confirmElement = /** @type {HTMLDialogElement} */ ($('confirm'));

/** Shows the confirm dialog; resolves true when the person confirms. */
export function confirmDialog(confirm, ctx, returnTo) {
  $('confirm-title').textContent = plain(confirm.title) || 'Are you sure?';
  $('confirm-text').replaceChildren(textObject(confirm.text, ctx));
  const accept = $('confirm-accept');
  accept.textContent = plain(confirm.confirm) || 'Yes';
  accept.className = confirm.style === 'danger' ? 'button button-danger' : 'button';
  $('confirm-deny').textContent = plain(confirm.deny) || 'Cancel';
  const returnKey = returnTo?.getAttribute('data-focus-key') ?? null;
  confirmElement.returnValue = '';
  confirmElement.showModal();
  $('confirm-deny').focus();
  return new Promise((resolve) => {
    confirmElement.addEventListener(
      'close',
      () => {
        refocus(returnTo, returnKey);
        resolve(confirmElement.returnValue === 'confirm');
      },
      { once: true },
    );
  });
}

$('confirm-accept').addEventListener('click', () => confirmElement.close('confirm'));
$('confirm-deny').addEventListener('click', () => confirmElement.close('deny'));
