// Small DOM helpers: elements are built with properties and textContent only.

/**
 * An element with attributes and children. `text` sets textContent; `on*` functions become listeners;
 * `false`/`null`/`undefined` attributes are left out; children may be strings, nodes, arrays or nothing.
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...unknown} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = String(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/** Appends strings (as text), nodes and nested arrays of them. */
function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const $ = (id) => document.getElementById(id);

/**
 * Replaces a container's children, keeping keyboard focus on the "same" control when it is rebuilt
 * (controls carry data-focus-key).
 */
export function replaceKeepingFocus(container, children) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.getAttribute('data-focus-key') : null;
  container.replaceChildren(...children);
  if (key) focusKey(container, key);
}

function focusKey(container, key) {
  for (const node of container.querySelectorAll('[data-focus-key]')) {
    if (node.getAttribute('data-focus-key') === key) {
      node.focus();
      return true;
    }
  }
  return false;
}

/** Makes a list's children exactly `items`, moving as few nodes as possible (focus in kept nodes stays). */
export function syncChildren(list, items) {
  const active = document.activeElement;
  const key = active && list.contains(active) ? active.getAttribute('data-focus-key') : null;
  items.forEach((item, index) => {
    if (list.children[index] !== item) list.insertBefore(item, list.children[index] ?? null);
  });
  while (list.children.length > items.length) list.lastElementChild?.remove();
  if (key && !list.contains(document.activeElement)) focusKey(list, key);
}

/** Focuses `node`, or (when a refresh replaced it) the control now carrying the same focus key. */
export function refocus(node, key) {
  if (node?.isConnected) node.focus();
  else if (!(key && focusKey(document.body, key))) $('composer-text').focus();
}
