// Slack fills in a block_id for every block and an action_id for every element that lacks one, and
// sends those generated ids back in payloads; doing the same keeps clickButton/submitView faithful.
import { generatedBlockId } from './ids.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const withActionId = (element: unknown): unknown =>
  isObject(element) && element.type !== 'image' && element.action_id === undefined
    ? { ...element, action_id: generatedBlockId() }
    : element;

/** A copy of the blocks with Slack's generated block_id/action_id where the sender left them out. */
export function withGeneratedIds(blocks: unknown[]): unknown[] {
  return structuredClone(blocks).map((block) => {
    if (!isObject(block)) return block;
    const b: Record<string, unknown> = { ...block };
    if (b.block_id === undefined) b.block_id = generatedBlockId();
    if (b.type === 'actions' && Array.isArray(b.elements)) b.elements = b.elements.map(withActionId);
    if (b.type === 'input' && b.element !== undefined) b.element = withActionId(b.element);
    if (b.type === 'section' && b.accessory !== undefined) b.accessory = withActionId(b.accessory);
    return b;
  });
}
