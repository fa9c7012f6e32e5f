import { DISPOSITION_INFO, REPLY_CODES, groupOf } from '@gongkai/domain';
import { text, ticked } from '@gongkai/web';

/** Why a draft goes to legal review, as the reviewer and the handler read it. */
export const REVIEW_REASON_WORDS: Record<string, string> = {
  code: '该处理结果须经法制审核',
  override: '改变了按规则得出的处理结果',
  third_party_objection: '第三方不同意公开',
  sensitive: '敏感申请',
  prior_remedy: '申请人曾申请复议或提起诉讼',
};

/** The outcomes grouped as Table 3 names its rows. */
const GROUP_LABELS: Record<string, string> = {
  disclose: '予以公开、部分公开',
  withhold: '不予公开',
  unavailable: '无法提供',
  not_processed: '不予处理',
};

export function outcomeGroups(): { label: string; options: { value: string; label: string }[] }[] {
  return Object.entries(GROUP_LABELS).map(([group, label]) => ({
    label,
    options: REPLY_CODES.filter((c) => groupOf(c) === group).map((value) => ({
      value,
      label: DISPOSITION_INFO[value].label,
    })),
  }));
}

/** The legal bases the reply codes rest on: the picklist of articles a handler may cite. */
export function legalBases(): { value: string; label: string }[] {
  const bases = [...new Set(REPLY_CODES.map((c) => DISPOSITION_INFO[c].basis))];
  return [
    { value: '', label: '按处理结果的法定依据（默认）' },
    ...bases.map((b) => ({ value: b, label: b.replace('《中华人民共和国政府信息公开条例》', '条例') })),
  ];
}

/** The draft-reply form (fields `outcome_N`, `reasons_N`, … per item) as the API's input. */
export function draftReplyInput(body: Record<string, unknown>): Record<string, unknown> {
  const count = Math.min(Number(text(body, 'itemCount', 3)) || 0, 50);
  const optional = (name: string, max = 3000) => text(body, name, max) || undefined;
  return {
    version: Number(text(body, 'version', 12)) || undefined,
    items: Array.from({ length: count }, (_, i) => {
      const n = i + 1;
      const notResponsible = ticked(body, `notResponsible_${n}`);
      return {
        position: n,
        outcome: text(body, `outcome_${n}`, 60),
        reasons: optional(`reasons_${n}`),
        legalBasis: optional(`legalBasis_${n}`, 500),
        provision: optional(`provision_${n}`),
        earlierRequest: optional(`earlierRequest_${n}`, 60),
        ...(notResponsible
          ? { notResponsible: true, responsibleAgency: optional(`responsibleAgency_${n}`, 300) }
          : {}),
      };
    }),
    code: optional('code', 60),
    overrideReason: optional('overrideReason', 1000),
    summary: optional('summary'),
    topic: optional('topic', 50),
    sensitive: ticked(body, 'sensitive') || undefined,
    priorRemedy: ticked(body, 'priorRemedy') || undefined,
  };
}

/** An API error's field (`items[0].reasons`) as the draft form names it (`reasons_1`). */
export function draftField(field: string): string {
  const m = /^items(?:\[(\d+)\]|\.(\d+))\.(\w+)$/.exec(field);
  return m ? `${m[3]}_${Number(m[1] ?? m[2]) + 1}` : field;
}
