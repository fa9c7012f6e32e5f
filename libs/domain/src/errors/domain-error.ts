/**
 * The kinds of failure the domain can report. The HTTP layer maps each kind to one status
 * (see the global exception filter); the domain itself never speaks HTTP.
 */
export type ErrorKind =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rule_violation'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

/** One field-level problem, as shown to the user next to the field. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * An error with a stable string code (e.g. `CALENDAR.YEAR_NOT_PUBLISHED`) and a Chinese message
 * meant for the person using the system. Codes are part of the public API: never rename one.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: Record<string, unknown> | FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The one refusal of bad input: every problem named at its field, nothing changed. */
export function validationFailed(problems: FieldError[]): DomainError {
  return new DomainError('VALIDATION.FAILED', 'invalid_input', '输入有误，请检查标出的字段。', problems);
}

/** One field-level problem as a validation error. */
export function invalidInput(field: string, code: string, message: string): DomainError {
  return validationFailed([{ field, code, message }]);
}

/** A move the rules of the Regulations or the workflow do not allow in this case. */
export function ruleViolation(
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): DomainError {
  return new DomainError(code, 'rule_violation', message, details);
}

export function assertDomain(condition: unknown, error: () => DomainError): asserts condition {
  if (!condition) {
    throw error();
  }
}
