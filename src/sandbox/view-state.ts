// Turns a test's simple `values` (block_id → value) into Slack's view.state.values
// (block_id → action_id → typed value object, README §3.4), the way Slack's client would fill them in.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const empty = (v: unknown): boolean => v === undefined || v === null || v === '';

const allOptions = (element: Obj): Obj[] => {
  const direct = Array.isArray(element.options) ? element.options : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.flatMap((g) => (isObj(g) && Array.isArray(g.options) ? g.options : []))
    : [];
  return [...direct, ...grouped].filter(isObj);
};

function option(element: Obj, value: unknown, blockId: string): Obj | null {
  if (empty(value)) return null;
  const wanted = isObj(value) ? value.value : value;
  const found = allOptions(element).find((o) => o.value === String(wanted));
  if (!found) throw new Error(`sandbox: block ${blockId} has no option with value ${JSON.stringify(wanted)}`);
  return structuredClone(found);
}

const list = (value: unknown): unknown[] => (empty(value) ? [] : Array.isArray(value) ? value : [value]);

// Element type → how its state looks; `initial` is what an untouched element holds.
function stateOf(element: Obj, value: unknown, touched: boolean, blockId: string): Obj {
  const type = String(element.type);
  const pick = (initialKey: string) => (touched ? value : element[initialKey]);
  const chosen = (initialKey: string) => {
    const v = pick(initialKey);
    return empty(v) ? null : v;
  };
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input': {
      const v = pick('initial_value');
      return { type, value: empty(v) ? null : String(v) };
    }
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: touched ? option(element, value, blockId) : (element.initial_option ?? null) };
    case 'checkboxes':
    case 'multi_static_select':
    case 'multi_external_select':
      return {
        type,
        selected_options: touched
          ? list(value).map((v) => option(element, v, blockId))
          : ((element.initial_options as unknown[]) ?? []),
      };
    case 'users_select':
      return { type, selected_user: chosen('initial_user') };
    case 'multi_users_select':
      return { type, selected_users: touched ? list(value) : (element.initial_users ?? []) };
    case 'conversations_select':
      return { type, selected_conversation: chosen('initial_conversation') };
    case 'multi_conversations_select':
      return { type, selected_conversations: touched ? list(value) : (element.initial_conversations ?? []) };
    case 'channels_select':
      return { type, selected_channel: chosen('initial_channel') };
    case 'multi_channels_select':
      return { type, selected_channels: touched ? list(value) : (element.initial_channels ?? []) };
    case 'datepicker':
      return { type, selected_date: chosen('initial_date') };
    case 'timepicker':
      return { type, selected_time: chosen('initial_time') };
    case 'datetimepicker':
      return { type, selected_date_time: chosen('initial_date_time') };
    default:
      if (touched) throw new Error(`sandbox: block ${blockId} holds a ${type}, which submitView cannot fill in`);
      return { type };
  }
}

const isEmptyState = (s: Obj): boolean =>
  Object.entries(s).every(([k, v]) => k === 'type' || v === null || (Array.isArray(v) && v.length === 0));

/**
 * Slack's view.state.values for a submission. Every input block appears; those not in `values` keep their
 * initial value (or an empty one). Unknown block ids, and a required input left empty (Slack's client would
 * refuse to submit), are test bugs and throw.
 */
export function viewStateValues(blocks: unknown, values: Record<string, unknown>): Record<string, Obj> {
  const inputs = (Array.isArray(blocks) ? blocks : []).filter((b): b is Obj => isObj(b) && b.type === 'input');
  for (const blockId of Object.keys(values)) {
    if (!inputs.some((b) => b.block_id === blockId)) {
      throw new Error(`sandbox: the view has no input block with block_id ${JSON.stringify(blockId)}`);
    }
  }
  const out: Record<string, Obj> = {};
  for (const block of inputs) {
    const blockId = String(block.block_id);
    const element = isObj(block.element) ? block.element : {};
    const touched = Object.hasOwn(values, blockId);
    const state = stateOf(element, values[blockId], touched, blockId);
    if (block.optional !== true && isEmptyState(state) && Object.keys(state).length > 1) {
      throw new Error(`sandbox: input block ${blockId} is required; Slack would not let the person submit it empty`);
    }
    const max = element.max_length;
    if (typeof max === 'number' && typeof state.value === 'string' && state.value.length > max) {
      throw new Error(`sandbox: input block ${blockId} takes at most ${max} characters; Slack would not submit`);
    }
    out[blockId] = { [String(element.action_id)]: state };
  }
  return out;
}
