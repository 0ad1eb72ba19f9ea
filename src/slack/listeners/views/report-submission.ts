// Reads the report modal's submission (view.state.values, §3.4) into a draft, or inline errors.
import { z } from 'zod';
import { type DomainError, type IncidentDraft, isKind, isSeverity, TITLE_MAX } from '../../../domain/index.ts';
import type { ReportContext } from '../../blocks/report-modal.ts';
import { REPORT_MODAL as ID } from '../../ids.ts';

const input = z.object({ value: z.string().nullish() }).nullish();
const choice = z.object({ selected_option: z.object({ value: z.string() }).nullish() }).nullish();
const person = z.object({ selected_user: z.string().nullish() }).nullish();
const block = <T extends z.ZodTypeAny>(action: string, schema: T) =>
  z
    .object({ [action]: schema })
    .partial()
    .nullish();

const Values = z.object({
  [ID.title]: block(ID.title, input),
  [ID.kind]: block(ID.kind, choice),
  [ID.summary]: block(ID.summary, input),
  [ID.impact]: block(ID.impact, input),
  [ID.lead]: block(ID.lead, person),
  [ID.severity]: block(ID.severity, choice),
});

const Context = z.object({
  channelId: z.string().nullable().catch(null),
  responseUrl: z.string().nullable().catch(null),
});

/** A readable submission, or the message to show under each input block that needs fixing. */
export type ReportSubmission =
  | { readonly ok: true; readonly draft: IncidentDraft; readonly context: ReportContext }
  | { readonly ok: false; readonly errors: Record<string, string> };

const text = (value: { value?: string | null | undefined } | null | undefined) => value?.value?.trim() || null;

/** Parses the state values of a report modal submission. */
export const readReportSubmission = (values: unknown, privateMetadata: string): ReportSubmission => {
  const parsed = Values.safeParse(values);
  if (!parsed.success) return { ok: false, errors: { [ID.title]: 'The form came back unreadable. Please try again.' } };
  const v = parsed.data;
  const title = text(v[ID.title]?.[ID.title]) ?? '';
  const severity = v[ID.severity]?.[ID.severity]?.selected_option?.value ?? null;
  const kind = v[ID.kind]?.[ID.kind]?.selected_option?.value ?? 'live';
  const errors: Record<string, string> = {};
  if (!title) errors[ID.title] = 'Give the incident a title: what is going wrong, in a sentence.';
  else if (title.length > TITLE_MAX)
    errors[ID.title] = `Keep the title to ${TITLE_MAX} characters (it has ${title.length}).`;
  if (severity !== null && !isSeverity(severity)) errors[ID.severity] = 'Choose Critical, Major, Minor or Trivial.';
  if (!isKind(kind)) errors[ID.kind] = 'Choose whether the incident is live or a report.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  let context: ReportContext = { channelId: null, responseUrl: null };
  try {
    context = Context.parse(JSON.parse(privateMetadata || '{}'));
  } catch {
    // Without the context only the thanks goes by DM instead of where the command was typed.
  }
  return {
    ok: true,
    context,
    draft: {
      title,
      kind: isKind(kind) ? kind : 'live',
      summary: text(v[ID.summary]?.[ID.summary]),
      impact: text(v[ID.impact]?.[ID.impact]),
      leadId: v[ID.lead]?.[ID.lead]?.selected_user ?? null,
      severity: severity !== null && isSeverity(severity) ? severity : null,
    },
  };
};

// Domain fields to the modal's blocks, for rules the domain checks (lengths of summary and impact).
const FIELD_BLOCKS: Record<string, string> = {
  title: ID.title,
  summary: ID.summary,
  impact: ID.impact,
  severity: ID.severity,
  kind: ID.kind,
  leadId: ID.lead,
};

/** The inline error for a domain rule the submission broke, under the block to fix. */
export const inlineError = (error: DomainError): Record<string, string> => ({
  [FIELD_BLOCKS[error.field ?? ''] ?? ID.title]: error.message,
});
