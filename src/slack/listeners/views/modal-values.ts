// Reading values back from a submitted modal (view.state.values: block_id → action_id → value, §3.4).
import { z } from 'zod';

const Value = z
  .object({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_user: z.string().nullish(),
  })
  .partial();

const Values = z.record(z.string(), z.record(z.string(), Value));

/** A reader over one submission's values, where block_id = action_id (our convention). */
export const modalValues = (values: unknown) => {
  const parsed = Values.safeParse(values);
  const state = parsed.success ? parsed.data : {};
  const at = (id: string) => state[id]?.[id];
  return {
    /** Typed text, trimmed; null when empty. */
    text: (id: string): string | null => at(id)?.value?.trim() || null,
    /** The chosen option's value, or null. */
    choice: (id: string): string | null => at(id)?.selected_option?.value ?? null,
    /** The chosen person, or null. */
    user: (id: string): string | null => at(id)?.selected_user ?? null,
  };
};

/** The incident id a modal carries in private_metadata, or null when it is unreadable. */
export const incidentIdOf = (privateMetadata: string): number | null => {
  try {
    const parsed = z.object({ incidentId: z.number().int().positive() }).safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data.incidentId : null;
  } catch {
    return null;
  }
};
