import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { textSimilarity } from '../../platform';
import type { Caller, StaffPrincipal } from '../../platform';
import { RequestAccessService } from '../../request-record';

/** Items this alike (0 … 1) make an earlier request a likely repeat. */
export const REPEAT_SIMILARITY = 0.6;

export interface RepeatHint {
  id: string;
  number: string;
  receivedOn: string;
  concludedOn: string;
  disposition: string | null;
  /** This request's item and the earlier item it resembles. */
  position: number;
  earlierPosition: number;
  earlierDescription: string;
  similarity: number;
}

export interface FrequentHint {
  /** The applicant's requests to the agency in the window, this one included. */
  count: number;
  days: number;
  threshold: number;
}

export interface RequestHints {
  repeats: RepeatHint[];
  frequent: FrequentHint | null;
}

interface Row {
  id: string;
  number: string;
  received_on: string;
  concluded_on: string;
  disposition: string | null;
  position: number;
  description: string;
}

/**
 * What the handler should know before answering, from the same applicant's other requests to the same
 * agency (matched on the blind applicant key, or the citizen account where there is none): earlier concluded requests
 * asking for the same information (a likely repeat, Art. 36(5)), and whether the applicant's requests
 * in the agency's window reach its threshold (the Art. 35 ask-reasons step as a suggestion). Counts
 * and numbers only: no other person's data.
 */
@Injectable()
export class RequestHintsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: RequestAccessService,
  ) {}

  /** The hints for a request the member of staff may read. */
  async hintsForStaff(caller: Caller<StaffPrincipal>, requestId: string): Promise<RequestHints> {
    await this.access.forStaff(caller, requestId);
    return this.hints(requestId);
  }

  async hints(requestId: string): Promise<RequestHints> {
    const [r] = await this.dataSource.query<
      {
        agency_id: string;
        applicant_key: string | null;
        citizen_id: string | null;
        received_on: string;
        excessive_count: number;
        excessive_days: number;
      }[]
    >(
      `SELECT r.agency_id, r.applicant_key, r.citizen_id, r.received_on::text, a.excessive_count, a.excessive_days
         FROM request r JOIN agency a ON a.id = r.agency_id WHERE r.id = $1`,
      [requestId],
    );
    if (!r || (!r.applicant_key && !r.citizen_id)) {
      return { repeats: [], frequent: null };
    }
    // The applicant is the person named (the blind key of their ID); an account is only the fallback,
    // since one account may apply for several people.
    const same = `r.agency_id = $1 AND (r.applicant_key = $2 OR ($2::text IS NULL AND r.citizen_id = $3))`;
    const params = [r.agency_id, r.applicant_key, r.citizen_id];
    const [items, earlier, [{ n }]] = await Promise.all([
      this.dataSource.query<{ position: number; description: string }[]>(
        `SELECT position, description FROM request_item WHERE request_id = $1 ORDER BY position`,
        [requestId],
      ),
      this.dataSource.query<Row[]>(
        `SELECT r.id, r.number, r.received_on::text, r.concluded_on::text, r.disposition, i.position, i.description
           FROM request r JOIN request_item i ON i.request_id = r.id
          WHERE ${same} AND r.id <> $4 AND r.concluded_on IS NOT NULL AND r.received_on <= $5
          ORDER BY r.received_on DESC, r.number LIMIT 300`,
        [...params, requestId, r.received_on],
      ),
      this.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM request r
          WHERE ${same} AND r.received_on BETWEEN $4::date - ($5::int - 1) AND $4::date`,
        [...params, r.received_on, r.excessive_days],
      ),
    ]);
    const best = new Map<string, RepeatHint>();
    for (const item of items) {
      for (const e of earlier) {
        const similarity = textSimilarity(item.description, e.description);
        if (similarity >= REPEAT_SIMILARITY && similarity > (best.get(e.id)?.similarity ?? 0)) {
          best.set(e.id, {
            id: e.id,
            number: e.number,
            receivedOn: e.received_on,
            concludedOn: e.concluded_on,
            disposition: e.disposition,
            position: item.position,
            earlierPosition: e.position,
            earlierDescription: e.description,
            similarity: Math.round(similarity * 100) / 100,
          });
        }
      }
    }
    return {
      repeats: [...best.values()].sort((a, b) => b.similarity - a.similarity).slice(0, 5),
      frequent:
        n >= r.excessive_count ? { count: n, days: r.excessive_days, threshold: r.excessive_count } : null,
    };
  }
}
