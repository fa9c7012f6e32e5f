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
  code: DispositionCode;
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

/** The reasons a reply needs legal review; empty when it goes straight to the signer. */
export function reviewReasons(facts: ReviewFacts, rules: ReviewRules): string[] {
  const reasons: string[] = [];
  if (rules.codes.some((p) => codeMatches(facts.code, p))) {
    reasons.push('code');
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
