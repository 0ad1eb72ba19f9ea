// The form's input blocks as labelled controls: a label (or a fieldset's legend), hint, error slot and the
// control for the element type, each able to read back the value view_submission carries.
import { h } from './dom.js';
import { plain, textObject } from './mrkdwn.js';
import { personName } from './state.js';

/**
 * One input block: label (or legend), hint, error slot, control. `read()` gives the value submitView takes.
 * @returns {{blockId: string, label: string, node: HTMLElement, focusTarget: HTMLElement | null, error: HTMLElement, read: () => unknown, controls: HTMLElement[]}}
 */
export function inputField(block, index, ctx, kept) {
  const blockId = String(block.block_id);
  const element = block.element ?? {};
  const id = `field-${index}`;
  const label = plain(block.label) || blockId;
  const hint = block.hint ? h('p', { class: 'hint', id: `${id}-hint`, text: plain(block.hint) }) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const optional = block.optional ? h('span', { class: 'optional', text: ' (optional)' }) : null;
  const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  const control = buildControl(element, id, described, ctx, kept);
  const grouped = element.type === 'radio_buttons' || element.type === 'checkboxes';
  const node = grouped
    ? h(
        'div',
        { class: 'field', id: `${id}-block`, 'data-block-id': blockId },
        h(
          'fieldset',
          { 'aria-describedby': described },
          h('legend', { id: `${id}-label` }, label, optional),
          hint,
          error,
          control.node,
        ),
      )
    : h(
        'div',
        { class: 'field', id: `${id}-block`, 'data-block-id': blockId },
        h('label', { class: 'field-label', for: id, id: `${id}-label` }, label, optional),
        hint,
        error,
        control.node,
      );
  return {
    blockId,
    label,
    node,
    error,
    focusTarget: control.focusTarget,
    read: control.read,
    controls: control.controls,
  };
}

const optionsOf = (element) => [
  ...(element.options ?? []),
  ...(element.option_groups ?? []).flatMap((group) => group.options ?? []),
];

function selectOptions(element, chosen, placeholder) {
  const option = (o) => h('option', { value: o.value, selected: chosen.includes(o.value), text: plain(o.text) });
  const nodes = [];
  if (placeholder !== null) nodes.push(h('option', { value: '', text: placeholder }));
  nodes.push(...(element.options ?? []).map(option));
  for (const group of element.option_groups ?? []) {
    nodes.push(h('optgroup', { label: plain(group.label) }, (group.options ?? []).map(option)));
  }
  return nodes;
}

function buildControl(element, id, described, ctx, kept) {
  const type = element.type;
  const common = { id, name: id, 'aria-describedby': described };
  const placeholder = element.placeholder ? plain(element.placeholder) : undefined;
  const single = (node, read) => ({ node, focusTarget: node, read, controls: [node] });
  const people = [...ctx.names.users.values()].filter((p) => !p.isBot);
  const channels = [...ctx.names.channels.values()].filter((c) => !c.isIm);

  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input': {
      const inputType = { email_text_input: 'email', url_text_input: 'url', number_input: 'number' }[type] ?? 'text';
      const node =
        type === 'plain_text_input' && element.multiline
          ? h('textarea', { ...common, rows: 4, placeholder })
          : h('input', {
              ...common,
              type: inputType,
              placeholder,
              step: type === 'number_input' && element.is_decimal_allowed ? 'any' : null,
              autocomplete: 'off',
            });
      node.value = kept ?? element.initial_value ?? '';
      return single(node, () => node.value);
    }
    case 'static_select':
    case 'external_select': {
      const chosen = [kept ?? element.initial_option?.value ?? ''];
      const node = h('select', common, selectOptions(element, chosen, placeholder ?? 'Choose an option'));
      return single(node, () => node.value);
    }
    case 'multi_static_select':
    case 'multi_external_select': {
      const chosen = kept ?? (element.initial_options ?? []).map((o) => o.value);
      const node = h(
        'select',
        { ...common, multiple: true, size: Math.min(6, optionsOf(element).length) },
        selectOptions(element, chosen, null),
      );
      return single(node, () => [...node.selectedOptions].map((o) => o.value));
    }
    case 'users_select':
    case 'multi_users_select': {
      const multiple = type === 'multi_users_select';
      const chosen =
        kept !== undefined ? [kept].flat() : multiple ? (element.initial_users ?? []) : [element.initial_user ?? ''];
      const options = people.map((p) =>
        h('option', { value: p.id, selected: chosen.includes(p.id), text: `${personName(p)} (@${p.name})` }),
      );
      const node = multiple
        ? h('select', { ...common, multiple: true, size: Math.min(6, people.length) }, options)
        : h('select', common, h('option', { value: '', text: placeholder ?? 'Choose a person' }), options);
      return single(node, () => (multiple ? [...node.selectedOptions].map((o) => o.value) : node.value));
    }
    case 'conversations_select':
    case 'channels_select': {
      const initial = element.initial_conversation ?? element.initial_channel ?? '';
      const chosen = kept ?? initial;
      const node = h(
        'select',
        common,
        h('option', { value: '', text: placeholder ?? 'Choose a channel' }),
        channels.map((c) => h('option', { value: c.id, selected: c.id === chosen, text: `#${c.name}` })),
      );
      return single(node, () => node.value);
    }
    case 'radio_buttons':
    case 'checkboxes': {
      const radio = type === 'radio_buttons';
      const chosen =
        kept !== undefined
          ? [kept].flat()
          : radio
            ? [element.initial_option?.value]
            : (element.initial_options ?? []).map((o) => o.value);
      const inputs = [];
      const node = h(
        'div',
        { class: 'choices' },
        (element.options ?? []).map((o, i) => {
          const input = h('input', {
            type: radio ? 'radio' : 'checkbox',
            id: `${id}-${i}`,
            name: id,
            value: o.value,
            checked: chosen.includes(o.value),
          });
          inputs.push(input);
          return h(
            'div',
            { class: 'choice' },
            input,
            h(
              'label',
              { for: `${id}-${i}` },
              textObject(o.text, ctx, 'span'),
              o.description ? h('span', { class: 'choice-description' }, textObject(o.description, ctx, 'span')) : null,
            ),
          );
        }),
      );
      const read = () => {
        const checked = inputs.filter((input) => input.checked).map((input) => input.value);
        return radio ? (checked[0] ?? '') : checked;
      };
      return { node, focusTarget: inputs.find((input) => input.checked) ?? inputs[0] ?? null, read, controls: inputs };
    }
    case 'datepicker': {
      const node = h('input', { ...common, type: 'date' });
      node.value = kept ?? element.initial_date ?? '';
      return single(node, () => node.value);
    }
    case 'timepicker': {
      const node = h('input', { ...common, type: 'time' });
      node.value = kept ?? element.initial_time ?? '';
      return single(node, () => node.value);
    }
    case 'datetimepicker': {
      const node = h('input', { ...common, type: 'datetime-local' });
      const initial = element.initial_date_time ? new Date(element.initial_date_time * 1000) : null;
      node.value = kept ?? (initial ? toLocalInput(initial) : '');
      return single(node, () => (node.value ? Math.floor(new Date(node.value).getTime() / 1000) : ''));
    }
    default: {
      const node = h('p', { class: 'unsupported', text: `[A ${type}, which the sandbox cannot show]` });
      return { node, focusTarget: null, read: () => undefined, controls: [] };
    }
  }
}

function toLocalInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
