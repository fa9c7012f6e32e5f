import type { AgencyService } from '@gongkai/core/agencies';
import { scopesFor } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { APPLICANT_TYPE_LABELS, DISPOSITION_INFO, isDispositionCode } from '@gongkai/domain';
import type { ApplicantType } from '@gongkai/domain';
import { UUID } from '@gongkai/web';

/** The agencies whose reports the caller may read, as select options. */
export async function reportAgencyOptions(agencies: AgencyService, c: Caller<StaffPrincipal>) {
  return (await agencies.subtree(scopesFor(c.principal, 'report.read'))).map((a) => ({
    value: a.id,
    label: a.name,
  }));
}

/** The agency asked for when it is a well-formed id, else the first the caller may read. */
export function chosenAgency(raw: string, options: { value: string }[]): string {
  return UUID.test(raw) ? raw : (options[0]?.value ?? '');
}

/**
 * The agency and period a report-reader page asks about: the agency when well formed (else the caller's
 * first), the dates as given or from `defaultFrom` to today. `raw` reads the page's other values the same way.
 */
export async function agencyPeriod(
  agencies: AgencyService,
  c: Caller<StaffPrincipal>,
  q: Record<string, unknown>,
  today: string,
  defaultFrom: string,
) {
  const options = await reportAgencyOptions(agencies, c);
  const raw = (k: string) => (typeof q[k] === 'string' ? q[k].slice(0, 40) : '');
  return {
    options,
    raw,
    period: {
      agencyId: chosenAgency(raw('agencyId'), options),
      from: raw('from') || defaultFrom,
      to: raw('to') || today,
    },
  };
}

/** A listed request with its applicant type and outcome in words. */
export function requestRowWords<T extends { applicantType: string; disposition: string | null }>(r: T) {
  return {
    ...r,
    applicantTypeLabel: APPLICANT_TYPE_LABELS[r.applicantType as ApplicantType] ?? r.applicantType,
    dispositionLabel:
      r.disposition && isDispositionCode(r.disposition) ? DISPOSITION_INFO[r.disposition].label : '—',
  };
}
