import { DispositionCode } from './codes';

/** When a reply must go through legal review (docs/domain-rules.md "Legal review rules"), per agency. */
export interface ReviewRules {
  /** Codes, or `group.*` prefixes, whose replies are reviewed. */
  codes: readonly string[];
  thirdPartyObjection: boolean;
  sensitive: boolean;
  priorRemedy: boolean;
}

export interface ReviewFacts {
  /** The reply's code as it will be sent. */
  code: DispositionCode;
  /** The code the items derive (rule P3); a reply sent with another code was overridden. */
  derived?: DispositionCode;
  /** Every item's own outcome: a refused item is reviewed whatever the overall code says. */
  itemOutcomes?: readonly DispositionCode[];
  /** A consulted third party objected to disclosure. */
  thirdPartyObjection: boolean;
  /** A handler flagged the request sensitive. */
  sensitive: boolean;
  /** The applicant has had a reconsideration or lawsuit against the agency before. */
  priorRemedy: boolean;
}

export function codeMatches(code: string, pattern: string): boolean {
  return pattern.endsWith('.*') ? code.startsWith(pattern.slice(0, -1)) : code === pattern;
}

/**
 * The reasons a reply needs legal review; empty when it goes straight to the signer. They follow from
 * the facts, never from the drafter's say: the reviewed codes are checked against the reply's code,
 * the derived code and every item's outcome, and an overridden code is always reviewed.
 */
export function reviewReasons(facts: ReviewFacts, rules: ReviewRules): string[] {
  const reasons: string[] = [];
  const codes = [facts.code, ...(facts.derived ? [facts.derived] : []), ...(facts.itemOutcomes ?? [])];
  if (codes.some((c) => rules.codes.some((p) => codeMatches(c, p)))) {
    reasons.push('code');
  }
  if (facts.derived && facts.derived !== facts.code) {
    reasons.push('override');
  }
  if (rules.thirdPartyObjection && facts.thirdPartyObjection) {
    reasons.push('third_party_objection');
  }
  if (rules.sensitive && facts.sensitive) {
    reasons.push('sensitive');
  }
  if (rules.priorRemedy && facts.priorRemedy) {
    reasons.push('prior_remedy');
  }
  return reasons;
}
