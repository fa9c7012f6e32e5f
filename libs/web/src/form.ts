import type { FieldError } from '@gongkai/domain';
import { DomainError } from '@gongkai/domain';
import { fieldId } from './helpers';

/** A form's problems: one message per field, and the summary shown at the top of the page. */
export interface FormErrors {
  fields: Record<string, string>;
  summary: { href: string; text: string }[];
}

export const NO_ERRORS: FormErrors = { fields: {}, summary: [] };

/** Field problems as the page shows them; `rename` maps a problem's field to the form's field. */
export function formErrors(
  problems: FieldError[],
  rename: (field: string) => string = (f) => f,
  idPrefix?: string,
): FormErrors {
  const fields: Record<string, string> = {};
  for (const p of problems) {
    const name = rename(p.field);
    fields[name] ??= p.message;
  }
  return {
    fields,
    summary: Object.entries(fields).map(([name, text]) => ({ href: `#${fieldId(name, idPrefix)}`, text })),
  };
}

/** The field problems of a refused input, or null when the error is of another kind. */
export function problemsOf(error: unknown): FieldError[] | null {
  if (error instanceof DomainError && error.kind === 'invalid_input' && Array.isArray(error.details)) {
    return error.details;
  }
  return null;
}

/** A UUID as ids appear in the pages' paths and queries (lower case). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A text field of a url-encoded form: trimmed, capped, never an array or object. */
export function text(body: unknown, name: string, max = 5000): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v.trim().slice(0, max) : '';
}

/** Whether a check box of the form was ticked. */
export function ticked(body: unknown, name: string): boolean {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return v === 'on' || v === 'yes' || v === 'true' || v === '1';
}
