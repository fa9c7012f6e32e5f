import { randomInt, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { RequestClockService } from '../../deadlines';
import { AuditService, Clock, PersonalDataCipher } from '../../platform';
import { RequestEntity, publicHistory, stateView } from '../../request-record';
import { RequestReadRepository } from '../queries';

/** Letters, digits and no look-alikes (0/O, 1/I/L): easy to read out and type from an SMS. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const QUERY_CODE_LENGTH = 8;

/**
 * The 查询码: a one-time secret given to an online applicant, with which the request can be tracked
 * without signing in. Only a keyed hash is stored; every lookup is audited, found or not.
 */
@Injectable()
export class TrackingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: RequestReadRepository,
    private readonly clocks: RequestClockService,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Gives the request its code, once: null when it already has one (a replayed submission). */
  async issueCode(requestId: string): Promise<string | null> {
    const code = Array.from({ length: QUERY_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(
      '',
    );
    const result = await this.dataSource
      .getRepository(RequestEntity)
      .update({ id: requestId, queryCodeHash: IsNull() }, { queryCodeHash: this.hash(requestId, code) });
    return result.affected === 1 ? code : null;
  }

  /** The request with this number and code, or null; audited either way (never with the code). */
  async find(number: string, code: string, meta: { ip?: string }): Promise<string | null> {
    const normalized = code.replace(/[\s-]/g, '').toUpperCase();
    const candidates = await this.dataSource
      .getRepository(RequestEntity)
      .find({ select: { id: true, queryCodeHash: true }, where: { number: number.trim() } });
    const match = candidates.find(
      (r) => r.queryCodeHash && equal(r.queryCodeHash, this.hash(r.id, normalized)),
    );
    await this.audit.record(null, {
      actor: 'anonymous',
      ip: meta.ip,
      action: 'request.tracked',
      objectType: 'request',
      objectId: match?.id,
      result: match ? 'success' : 'failure',
      details: { number: number.trim().slice(0, 60) },
    });
    return match?.id ?? null;
  }

  /** What the applicant sees without an account: status in words, dates, "why this date", history, letters. */
  async publicView(requestId: string) {
    const today = this.clock.today();
    const { request: r, clock, status, events } = await this.clocks.clockOf(requestId, today);
    const [agency, letters] = await Promise.all([
      this.reads.agency(r.agencyId),
      this.reads.applicantLetters(requestId),
    ]);
    return {
      id: r.id,
      number: r.number,
      ...stateView(r.status),
      agency: {
        id: agency.id,
        name: agency.name,
        phone: agency.phone,
        address: agency.address,
        email: agency.email,
      },
      receivedOn: r.receivedOn,
      concludedOn: r.concludedOn,
      today,
      deadline: status,
      clock,
      history: publicHistory(events),
      letters,
    };
  }

  private hash(requestId: string, code: string): string {
    return this.cipher.blindIndex(`query-code:${requestId}:${code}`);
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
