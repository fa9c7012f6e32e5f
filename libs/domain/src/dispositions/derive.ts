import { DomainError } from '../errors/domain-error';
import { DISPOSITION_CODES, DispositionGroup, ReplyCode, groupOf } from './codes';

/** Policy (docs/domain-rules.md P3, "configurable order"): which kind of non-provision names a mixed reply. */
export const DEFAULT_NON_PROVISION_ORDER: readonly DispositionGroup[] = [
  'withhold',
  'unavailable',
  'not_processed',
];

function provides(code: ReplyCode): boolean {
  return groupOf(code) === 'disclose';
}

/**
 * Rule P3: derives the request's code from its items' outcomes.
 * - all items alike → that code;
 * - something provided (fully or in part) and something not → `disclose.partial` (V2: counted only there);
 * - nothing provided and mixed → the first group present in `order`, and within it the first code in
 *   table order.
 */
export function deriveDisposition(
  outcomes: readonly ReplyCode[],
  order: readonly DispositionGroup[] = DEFAULT_NON_PROVISION_ORDER,
): ReplyCode {
  if (outcomes.length === 0) {
    throw new DomainError('REPLY.NO_ITEMS', 'invalid_input', '答复须逐项给出处理结果。', {});
  }
  const distinct = [...new Set(outcomes)];
  if (distinct.length === 1) {
    return distinct[0];
  }
  if (distinct.some(provides)) {
    return 'disclose.partial';
  }
  for (const group of order) {
    const first = DISPOSITION_CODES.find((c) => groupOf(c) === group && distinct.includes(c as ReplyCode));
    if (first) {
      return first as ReplyCode;
    }
  }
  // Every code belongs to a group of the order; reaching here means the order omitted one.
  return distinct.sort((a, b) => DISPOSITION_CODES.indexOf(a) - DISPOSITION_CODES.indexOf(b))[0];
}
