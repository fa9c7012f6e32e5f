import { invalidInput } from '../errors/domain-error';
import { DISPOSITION_INFO, ReplyCode } from './codes';

/** One item of a reply as the handler gives it. */
export interface DraftItemInput {
  position: number;
  outcome: ReplyCode;
  reasons?: string;
  legalBasis?: string;
  notResponsible?: boolean;
  responsibleAgency?: string;
  provision?: string;
  /** A repeat request (Art. 36(6)): the number of the earlier request already answered. */
  earlierRequest?: string;
}

/** One item of a reply as stored in the draft and written into the letter. */
export interface DraftItem {
  position: number;
  outcome: ReplyCode;
  reasons: string | null;
  legalBasis: string;
  responsibleAgency: string | null;
  /** Art. 36(5): not this agency's responsibility (then the responsible agency is named). */
  notResponsible: boolean;
  /** What is provided or where to find it (disclosed items). */
  provision: string | null;
  /** For a repeat request: the earlier request of the same applicant, already answered. */
  earlierRequest?: string | null;
}

/** What the request's history says, for the outcomes that need an earlier step. */
export interface ReplyItemFacts {
  /** The request's item positions. */
  positions: readonly number[];
  /** A correction was received (Art. 30). */
  correctionReceived: boolean;
  /** The applicant's reasons under Art. 35 were refused. */
  art35Refused: boolean;
  /** The numbers of the same applicant's earlier requests that are concluded (for a repeat). */
  concludedEarlier?: ReadonlySet<string>;
}

/**
 * The checks of each item of a reply (docs/domain-rules.md, "The reply"): every item of the request
 * gets exactly one outcome (Art. 36); anything but full disclosure gives its reasons; "not this
 * agency's" names the responsible agency (Art. 36(5)); "still unclear after correction" needs a
 * correction first (Art. 30); "excessive" needs the Art. 35 decision first; a repeat names the same
 * applicant's earlier request, which must be concluded (Art. 36(6)). The legal basis defaults
 * to the outcome's article.
 */
export function checkDraftItems(input: readonly DraftItemInput[], facts: ReplyItemFacts): DraftItem[] {
  const positions = input.map((i) => i.position).sort((a, b) => a - b);
  const expected = [...facts.positions].sort((a, b) => a - b);
  if (positions.join() !== expected.join()) {
    throw invalidInput(
      'items',
      'items.mismatch',
      `须对申请的每一项（共 ${expected.length} 项）各给出一个处理结果`,
    );
  }
  return input.map((i, n) => {
    const field = `items[${n}]`;
    if (i.outcome !== 'disclose.full' && !i.reasons?.trim()) {
      throw invalidInput(
        `${field}.reasons`,
        'required',
        '不予公开、无法提供、不予处理或部分公开的，须说明理由',
      );
    }
    if (i.notResponsible && (i.outcome !== 'unavailable.not_held' || !i.responsibleAgency?.trim())) {
      throw invalidInput(
        `${field}.responsibleAgency`,
        'required',
        '不属于本机关负责公开的，须告知负责公开的机关',
      );
    }
    if (i.outcome === 'unavailable.unclear_after_correction' && !facts.correctionReceived) {
      throw invalidInput(
        `${field}.outcome`,
        'outcome.needs_correction',
        '只有补正后申请内容仍不明确的，才能以此答复（条例第三十条）',
      );
    }
    if (i.outcome === 'not_processed.repeat') {
      const earlier = i.earlierRequest?.trim();
      if (!earlier) {
        throw invalidInput(
          `${field}.earlierRequest`,
          'required',
          '以重复申请不予处理的，须写明此前已答复的申请编号',
        );
      }
      if (!facts.concludedEarlier?.has(earlier)) {
        throw invalidInput(
          `${field}.earlierRequest`,
          'earlierRequest.unknown',
          '没有找到同一申请人此前已办结的这件申请，请核对申请编号',
        );
      }
    }
    if (i.outcome === 'not_processed.excessive' && !facts.art35Refused) {
      throw invalidInput(
        `${field}.outcome`,
        'outcome.needs_art35',
        '须先按条例第三十五条要求说明理由并作出不予处理决定',
      );
    }
    return {
      position: i.position,
      outcome: i.outcome,
      reasons: i.reasons?.trim() || null,
      legalBasis: i.legalBasis?.trim() || DISPOSITION_INFO[i.outcome].basis,
      notResponsible: i.notResponsible ?? false,
      responsibleAgency: i.responsibleAgency?.trim() || null,
      provision: i.provision?.trim() || null,
      ...(i.outcome === 'not_processed.repeat' ? { earlierRequest: i.earlierRequest?.trim() ?? null } : {}),
    };
  });
}
