// What Slack's own client checks before it lets a person submit a modal: required inputs filled in, text
// within min_length/max_length. The UI shows these under the field, as Slack does, and nothing reaches the bot.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const INITIAL_KEYS = [
  'initial_value',
  'initial_option',
  'initial_options',
  'initial_user',
  'initial_users',
  'initial_conversation',
  'initial_conversations',
  'initial_channel',
  'initial_channels',
  'initial_date',
  'initial_time',
  'initial_date_time',
];

const initialOf = (element: Obj): unknown => {
  for (const key of INITIAL_KEYS) if (element[key] !== undefined) return element[key];
  return undefined;
};

const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** A block's label as people read it. */
const labelOf = (block: Obj): string => {
  const label = isObj(block.label) ? block.label.text : undefined;
  return typeof label === 'string' && label !== '' ? label : String(block.block_id);
};

/** One problem per input block, keyed by block_id, with the sentence the summary uses. */
export interface FormProblem {
  blockId: string;
  /** Shown under the field. */
  inline: string;
  /** Shown in "Slack would not submit: …". */
  summary: string;
}

/** Problems Slack's client would refuse to submit with; empty when the form can go. */
export function formProblems(view: Obj, values: Obj): FormProblem[] {
  const blocks = Array.isArray(view.blocks) ? view.blocks.filter(isObj) : [];
  const problems: FormProblem[] = [];
  for (const block of blocks) {
    if (block.type !== 'input') continue;
    const blockId = String(block.block_id);
    const element = isObj(block.element) ? block.element : {};
    const value = Object.hasOwn(values, blockId) ? values[blockId] : initialOf(element);
    const label = labelOf(block);
    if (isEmpty(value)) {
      if (block.optional !== true)
        problems.push({ blockId, inline: 'Please complete this required field.', summary: `${label} is required` });
      continue;
    }
    if (typeof value !== 'string') continue;
    const max = element.max_length;
    const min = element.min_length;
    if (typeof max === 'number' && value.length > max) {
      problems.push({
        blockId,
        inline: `Enter ${max} characters or fewer (${value.length} now).`,
        summary: `${label} is longer than ${max} characters`,
      });
    } else if (typeof min === 'number' && value.length < min) {
      problems.push({
        blockId,
        inline: `Enter at least ${min} characters.`,
        summary: `${label} is shorter than ${min} characters`,
      });
    }
  }
  return problems;
}
