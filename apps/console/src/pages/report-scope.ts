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

/** A listed request with its applicant type and outcome in words. */
export function requestRowWords<T extends { applicantType: string; disposition: string | null }>(r: T) {
  return {
    ...r,
    applicantTypeLabel: APPLICANT_TYPE_LABELS[r.applicantType as ApplicantType] ?? r.applicantType,
    dispositionLabel:
      r.disposition && isDispositionCode(r.disposition) ? DISPOSITION_INFO[r.disposition].label : '—',
  };
}
