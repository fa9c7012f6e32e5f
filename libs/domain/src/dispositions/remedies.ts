import { IsoDate } from '../time/shanghai';
import { DispositionCode, isRefusal } from './codes';

/** Reconsideration Law (2023 revision) in force: from then on refusals go to reconsideration first (Art. 23). */
export const RECONSIDERATION_FIRST_FROM: IsoDate = '2024-01-01';

export interface Remedies {
  /** Reconsideration Law Art. 20: within 60 days of knowing of the act. */
  reconsiderationDays: 60;
  /** Litigation Law Art. 46: within 6 months; null when reconsideration must come first. */
  litigationMonths: 6 | null;
  reconsiderationFirst: boolean;
}

/**
 * The remedies a letter must state (docs/domain-rules.md, "Remedies"). A refusal to
 * disclose issued since 2024-01-01 must go to reconsideration first and must not offer direct
 * litigation; every other letter offers both.
 */
export function remediesFor(code: DispositionCode, issuedOn: IsoDate): Remedies {
  const first = isRefusal(code) && issuedOn >= RECONSIDERATION_FIRST_FROM;
  return { reconsiderationDays: 60, litigationMonths: first ? null : 6, reconsiderationFirst: first };
}
