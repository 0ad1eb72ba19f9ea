// The form: the top of the person's view stack, as a native <dialog> (focus moves in, Escape cancels). It is
// rebuilt when the view changes (keeping what was typed), submitted as view_submission, closed as
// view_closed, and shows the app's and Slack's errors under their fields and in a summary at the top.
import { act } from './api.js';
import { renderBlock } from './blocks.js';
import { $, h, refocus } from './dom.js';
import { modalBanners } from './feedback.js';
import { inputField } from './modal-fields.js';
import { plain } from './mrkdwn.js';

const modal = /** @type {HTMLDialogElement} */ ($('modal'));
const modalState = {
  /** The view shown: id and hash. */
  shown: null,
  /** A view the person cancelled, until the sandbox agrees it is closed. */
  closing: null,
  /** block_id → message from Slack's own checks (the sandbox's action API). */
  localErrors: {},
  /** Where focus goes back to when the modal closes (and that control's focus key, should it be rebuilt). */
  returnTo: null,
  returnKey: null,
  /** Set while the page closes the dialog itself (so 'close' does not cancel the view). */
  programmatic: false,
  fields: [],
};

export function renderModal(state, ctx) {
  const view = state.view && state.view.id !== modalState.closing ? state.view : null;
  if (!view) {
    if (state.view?.id !== modalState.closing) modalState.closing = null;
    hideModal();
    return;
  }
  const changed = !modalState.shown || modalState.shown.id !== view.id || modalState.shown.hash !== view.hash;
  if (changed) {
    const kept = modalState.shown?.id === view.id ? currentValues() : {};
    buildModal(view, ctx, kept);
    modalState.shown = { id: view.id, hash: view.hash };
    modalState.localErrors = {};
    modalBanners.clear();
  }
  const hadErrors = !$('modal-summary').hidden;
  showErrors({ ...view.errors, ...modalState.localErrors });
  if (!modal.open) {
    const active = document.activeElement;
    modalState.returnTo = active instanceof HTMLElement && active !== document.body ? active : null;
    modalState.returnKey = modalState.returnTo?.getAttribute('data-focus-key') ?? null;
    modal.showModal();
    focusFirstField();
  } else if (changed) {
    focusFirstField();
  } else if (!hadErrors && !$('modal-summary').hidden) {
    $('modal-summary').focus();
  }
}

function focusFirstField() {
  const first = modalState.fields[0]?.focusTarget;
  if (first) first.focus();
  else $('modal-close').focus();
}

function hideModal() {
  modalState.shown = null;
  modalState.fields = [];
  if (!modal.open) return;
  modalState.programmatic = true;
  modal.close();
  modalState.programmatic = false;
  restoreFocus();
}

function restoreFocus() {
  const target = modalState.returnTo;
  modalState.returnTo = null;
  refocus(target, modalState.returnKey);
}

// Escape (the dialog's cancel) and the Cancel button both close the view in the sandbox too.
modal.addEventListener('close', () => {
  // 'close' comes a moment after close(): ignore the page's own closes and a dialog already reopened.
  if (modalState.programmatic || modal.open || !modalState.shown) return;
  cancelModal();
});
$('modal-close').addEventListener('click', () => {
  modalState.programmatic = true;
  modal.close();
  modalState.programmatic = false;
  cancelModal();
});

async function cancelModal() {
  const viewId = modalState.shown?.id;
  modalState.shown = null;
  modalState.fields = [];
  restoreFocus();
  if (!viewId) return;
  modalState.closing = viewId;
  const result = await act('close', { viewId });
  if (result.ok === false) modalState.closing = null;
}

$('modal-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!modalState.shown) return;
  const viewId = modalState.shown.id;
  const values = currentValues();
  const submit = /** @type {HTMLButtonElement} */ ($('modal-submit'));
  modalBanners.clear();
  modalState.localErrors = {};
  submit.disabled = true;
  submit.setAttribute('aria-busy', 'true');
  const result = await act('submit', { viewId, values }, modalBanners);
  submit.disabled = false;
  submit.removeAttribute('aria-busy');
  if (result.ok === false && result.fieldErrors && modalState.shown?.id === viewId) {
    modalState.localErrors = result.fieldErrors;
    showErrors(result.fieldErrors);
    $('modal-summary').focus();
  }
});

function buildModal(view, ctx, kept) {
  const v = view.view;
  $('modal-title').textContent = plain(v.title) || 'Form';
  const close = $('modal-close');
  close.textContent = plain(v.close) || (v.submit ? 'Cancel' : 'Close');
  const submit = $('modal-submit');
  submit.textContent = plain(v.submit) || 'Submit';
  submit.hidden = !v.submit;
  const blockCtx = { names: ctx.names, key: `v:${view.id}`, surface: 'modal' };
  const fields = [];
  const nodes = (v.blocks ?? []).map((block, index) => {
    if (block.type !== 'input') return renderBlock(block, { ...blockCtx, blockIndex: index });
    const field = inputField(block, index, ctx, kept[block.block_id]);
    fields.push(field);
    return field.node;
  });
  modalState.fields = fields;
  $('modal-body').replaceChildren(...nodes);
  $('modal-summary').hidden = true;
}

/** block_id → value, for every input the sandbox can fill in. */
function currentValues() {
  const values = {};
  for (const field of modalState.fields) {
    const value = field.read();
    if (value !== undefined) values[field.blockId] = value;
  }
  return values;
}

/** Shows each error under its field and in the summary at the top, GOV.UK style. */
function showErrors(errors) {
  const summary = $('modal-summary');
  const list = summary.querySelector('.error-summary-list');
  const links = [];
  for (const field of modalState.fields) {
    const message = errors[field.blockId];
    const block = field.node;
    block.classList.toggle('has-error', Boolean(message));
    field.error.hidden = !message;
    field.error.replaceChildren(
      ...(message ? [h('span', { class: 'visually-hidden', text: 'Error: ' }), message] : []),
    );
    for (const control of field.controls) {
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
    if (message) {
      links.push(
        h(
          'li',
          {},
          h('a', {
            href: `#${field.focusTarget?.id ?? block.id}`,
            text: message,
            onclick: (event) => {
              event.preventDefault();
              field.focusTarget?.focus();
            },
          }),
        ),
      );
    }
  }
  list.replaceChildren(...links);
  summary.hidden = links.length === 0;
}
