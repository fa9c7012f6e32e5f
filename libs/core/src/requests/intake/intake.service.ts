import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  APPLICANT_TYPE_LABELS,
  applicationProblems,
  DomainError,
  formatRequestNumber,
  INTAKE_CHANNEL_LABELS,
  IntakeChannel,
  assertReceiptDate,
  deriveRequestClock,
  invalidInput,
  isOrganization,
  maskAddress,
  maskIdNumber,
  maskPhone,
  validationFailed,
} from '@gongkai/domain';
import { AgencyEntity } from '../../agencies';
import { agencyNotFound } from '../../agencies';
import { AttachmentService } from '../../attachments';
import { AuditService } from '../../platform';
import { CalendarService } from '../../calendar';
import { Clock } from '../../platform';
import { PersonalDataCipher } from '../../platform';
import { actorOf, assertCanAt, Caller, CitizenPrincipal, StaffPrincipal } from '../../platform';
import { chineseDate } from '../../letters';
import { LetterService } from '../../letters';
import { ApplicationDto, RegistrationDto } from './application.dto';
import { appendRequestEvent } from '..';
import { IdempotencyKeyEntity, RequestEntity, RequestItemEntity } from '..';

/** What a submission answers: the numbered request and its acknowledgement of receipt (接收回执). */
export interface IntakeResult {
  id: string;
  number: string;
  agencyId: string;
  agencyName: string;
  status: string;
  receivedOn: string;
  replyDue: string | null;
  replyDueProvisional: boolean;
  /** The 接收回执, also issued as a stored, numbered letter the applicant can download. */
  acknowledgement: { title: string; text: string; letterId: string; letterNumber: string };
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** The body's fingerprint: the same Idempotency-Key with a different body is a client error. */
function bodyHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/**
 * Intake: an online application by a citizen, or a registration by a clerk, becomes one or more
 * numbered requests with their receipt event, deadline and acknowledgement, all in one
 * transaction (an acknowledged submission is committed).
 */
@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarService,
    private readonly cipher: PersonalDataCipher,
    private readonly attachments: AttachmentService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly letters: LetterService,
  ) {}

  /** `POST /api/portal/requests`: the receipt date is the day the system confirms it (Art. 31). */
  async applyOnline(
    caller: Caller<CitizenPrincipal>,
    dto: ApplicationDto,
    idempotencyKey: string | undefined,
  ): Promise<{ result: IntakeResult; replayed: boolean }> {
    this.check(dto);
    const scope = `citizen:${caller.principal.citizenId}`;
    const out = await this.idempotent(scope, idempotencyKey, dto, async (em) => {
      const agency = await this.agency(em, dto.agencyId);
      if (!agency.acceptsApplications) {
        throw new DomainError('AGENCY.NOT_ACCEPTING', 'rule_violation', '该机关暂不接受网上申请。', {
          field: 'agencyId',
        });
      }
      const [result] = await this.create(em, caller, agency, dto, {
        channel: 'online',
        receivedOn: this.clock.today(),
        arrivedOn: null,
        groups: [dto.items.map((_, i) => i)],
        citizenId: caller.principal.citizenId,
        registeredById: null,
      });
      return [result];
    });
    return { result: out.results[0], replayed: out.replayed };
  }

  /** `POST /api/console/requests`: a registrar enters the true receipt date and may split the application. */
  async register(
    caller: Caller<StaffPrincipal>,
    dto: RegistrationDto,
    idempotencyKey: string | undefined,
  ): Promise<{ results: IntakeResult[]; replayed: boolean }> {
    this.check(dto);
    assertReceiptDate({
      channel: dto.channel,
      receivedOn: dto.receivedOn,
      arrivedOn: dto.arrivedOn,
      today: this.clock.today(),
    });
    const groups = this.groups(dto);
    return this.idempotent(`staff:${caller.principal.userId}`, idempotencyKey, dto, async (em) => {
      const agency = await this.agency(em, dto.agencyId);
      assertCanAt(caller.principal, 'request.register', agency.path);
      return this.create(em, caller, agency, dto, {
        channel: dto.channel,
        receivedOn: dto.receivedOn,
        arrivedOn: dto.arrivedOn ?? null,
        groups,
        citizenId: null,
        registeredById: caller.principal.userId,
      });
    });
  }

  private check(dto: ApplicationDto): void {
    const problems = applicationProblems(dto);
    if (problems.length > 0) {
      throw validationFailed(problems);
    }
  }

  /** The split groups must partition the items: each item in exactly one non-empty group. */
  private groups(dto: RegistrationDto): number[][] {
    if (!dto.groups) {
      return [dto.items.map((_, i) => i)];
    }
    const seen = dto.groups.flat();
    const valid =
      dto.groups.every((g) => g.length > 0 && g.every((i) => Number.isInteger(i))) &&
      seen.length === dto.items.length &&
      new Set(seen).size === seen.length &&
      seen.every((i) => i >= 0 && i < dto.items.length);
    if (!valid) {
      throw invalidInput('groups', 'groups.partition', '拆分方案须把每个事项恰好分入一组（序号从 0 起）');
    }
    return dto.groups;
  }

  private async agency(em: EntityManager, id: string): Promise<AgencyEntity> {
    const agency = await em.getRepository(AgencyEntity).findOneBy({ id, active: true });
    if (!agency) {
      throw agencyNotFound(id);
    }
    return agency;
  }

  /**
   * Runs `work` at most once per (scope, key): a retry with the same key and body answers the
   * first result; concurrent retries wait on the key's row until the first commits.
   */
  private async idempotent(
    scope: string,
    key: string | undefined,
    body: unknown,
    work: (em: EntityManager) => Promise<IntakeResult[]>,
  ): Promise<{ results: IntakeResult[]; replayed: boolean }> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw invalidInput(
        'Idempotency-Key',
        'idempotencyKey.format',
        '幂等键须为 8–100 位字母、数字或 _ . : -',
      );
    }
    const hash = bodyHash(body);
    return this.dataSource.transaction(async (em) => {
      if (key !== undefined) {
        const inserted = await em.query<unknown[]>(
          `INSERT INTO idempotency_key (scope, key, body_hash, response, created_at)
           VALUES ($1, $2, $3, NULL, $4) ON CONFLICT DO NOTHING RETURNING key`,
          [scope, key, hash, this.clock.now()],
        );
        if (inserted.length === 0) {
          const prior = await em.getRepository(IdempotencyKeyEntity).findOneByOrFail({ scope, key });
          if (prior.bodyHash !== hash) {
            throw new DomainError(
              'IDEMPOTENCY.KEY_REUSED',
              'rule_violation',
              '该幂等键已用于另一份不同的提交。',
              { header: 'Idempotency-Key' },
            );
          }
          return { results: (prior.response as { results: IntakeResult[] }).results, replayed: true };
        }
      }
      const results = await work(em);
      if (key !== undefined) {
        await em.update(IdempotencyKeyEntity, { scope, key }, { response: { results } });
      }
      return { results, replayed: false };
    });
  }

  private async create(
    em: EntityManager,
    caller: Caller,
    agency: AgencyEntity,
    dto: ApplicationDto,
    intake: {
      channel: IntakeChannel;
      receivedOn: string;
      arrivedOn: string | null;
      groups: number[][];
      citizenId: string | null;
      registeredById: string | null;
    },
  ): Promise<IntakeResult[]> {
    const calendar = await this.calendars.calendarFor(agency.calendarRegion);
    const clock = deriveRequestClock([{ type: 'received', on: intake.receivedOn }], calendar);
    const attachmentIds = [...(dto.attachmentIds ?? [])];
    if (
      dto.agent?.powerOfAttorneyAttachmentId &&
      !attachmentIds.includes(dto.agent.powerOfAttorneyAttachmentId)
    ) {
      attachmentIds.push(dto.agent.powerOfAttorneyAttachmentId);
    }
    const now = this.clock.now();
    const applicationId = randomUUID();
    const year = Number(intake.receivedOn.slice(0, 4));
    const results: IntakeResult[] = [];
    for (const [g, group] of intake.groups.entries()) {
      const seq = await this.nextSeq(em, agency.id, year);
      const number = formatRequestNumber(agency.numberPattern, { agencyShort: agency.shortName, year, seq });
      const id = randomUUID();
      // insert, not save: save() would first SELECT to see whether the id exists.
      await em
        .createQueryBuilder()
        .insert()
        .into(RequestEntity)
        .values(this.row(dto, { id, agency, number, year, seq, applicationId, now, intake, clock }))
        .execute();
      const items = group.map((itemIndex, position) => ({
        requestId: id,
        position: position + 1,
        description: dto.items[itemIndex].description.trim(),
        documentNumber: dto.items[itemIndex].documentNumber?.trim() || null,
      }));
      await em.insert(RequestItemEntity, items);
      if (g === 0 && attachmentIds.length > 0) {
        // The application's files stay with the first request; split siblings share the application id.
        await this.attachments.linkToRequest(em, caller, attachmentIds, id);
      }
      const result = this.acknowledge(dto, agency, { id, number, intake, clock });
      const received = await appendRequestEvent(em, this.audit, caller, {
        requestId: id,
        type: 'received',
        onDate: intake.receivedOn,
        at: now,
        data: {
          channel: intake.channel,
          number,
          applicationId,
          ...(intake.groups.length > 1 ? { splitPart: g + 1, splitOf: intake.groups.length } : {}),
          ...(intake.arrivedOn ? { arrivedOn: intake.arrivedOn } : {}),
          acknowledgement: result.acknowledgement.text,
        },
      });
      const letter = await this.letters.issue(em, {
        request: {
          id,
          agencyId: agency.id,
          number,
          receivedOn: intake.receivedOn,
          applicantName: dto.applicant.name.trim(),
        },
        loaded: { agency, items },
        kind: 'acknowledgement',
        recipient: 'applicant',
        facts: {
          replyDue: chineseDate(clock.reply.due!),
          provisional: clock.reply.provisional,
        },
        on: this.clock.today(),
        at: now,
        issuedBy: actorOf(caller.principal),
        eventId: received.id,
      });
      results.push({
        ...result,
        acknowledgement: { ...result.acknowledgement, letterId: letter.id, letterNumber: letter.number },
      });
    }
    return results;
  }

  /** The next number of the agency's year: the counter row stays locked until commit, so no gaps. */
  private async nextSeq(em: EntityManager, agencyId: string, year: number): Promise<number> {
    const rows = await em.query<{ last_seq: number }[]>(
      `INSERT INTO request_counter (agency_id, year, last_seq) VALUES ($1, $2, 1)
       ON CONFLICT (agency_id, year) DO UPDATE SET last_seq = request_counter.last_seq + 1
       RETURNING last_seq`,
      [agencyId, year],
    );
    return rows[0].last_seq;
  }

  private row(
    dto: ApplicationDto,
    r: {
      id: string;
      agency: AgencyEntity;
      number: string;
      year: number;
      seq: number;
      applicationId: string;
      now: Date;
      intake: {
        channel: IntakeChannel;
        receivedOn: string;
        arrivedOn: string | null;
        citizenId: string | null;
        registeredById: string | null;
      };
      clock: ReturnType<typeof deriveRequestClock>;
    },
  ): QueryDeepPartialEntity<RequestEntity> {
    const { applicant } = dto;
    const idNumber = applicant.idNumber?.trim().toUpperCase();
    const identity = isOrganization(dto.applicantType) ? applicant.creditCode?.toUpperCase() : idNumber;
    return {
      id: r.id,
      status: 'registered',
      agencyId: r.agency.id,
      handlingAgencyId: r.agency.id,
      assigneeId: null,
      number: r.number,
      year: r.year,
      seq: r.seq,
      applicationId: r.applicationId,
      channel: r.intake.channel,
      arrivedOn: r.intake.arrivedOn,
      citizenId: r.intake.citizenId,
      registeredById: r.intake.registeredById,
      applicantType: dto.applicantType,
      applicantName: applicant.name.trim(),
      idType: idNumber ? (applicant.idType ?? null) : null,
      idNumberEnc: idNumber ? this.cipher.encrypt(idNumber) : null,
      idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
      applicantKey: identity
        ? this.cipher.blindIndex(`${dto.applicantType === 'natural_person' ? 'id' : 'org'}:${identity}`)
        : null,
      creditCode: isOrganization(dto.applicantType) ? (applicant.creditCode?.toUpperCase() ?? null) : null,
      contactPerson: applicant.contactPerson?.trim() ?? null,
      phoneEnc: this.cipher.encrypt(dto.phone.trim()),
      phoneMasked: maskPhone(dto.phone.trim()),
      email: dto.email?.trim().toLowerCase() ?? null,
      addressEnc: dto.address ? this.cipher.encrypt(dto.address.trim()) : null,
      addressMasked: dto.address ? maskAddress(dto.address.trim()) : null,
      postalCode: dto.postalCode ?? null,
      agent: dto.agent
        ? {
            name: dto.agent.name.trim(),
            idType: dto.agent.idType,
            idNumberEnc: this.cipher.encrypt(dto.agent.idNumber.trim().toUpperCase()),
            idNumberMasked: maskIdNumber(dto.agent.idNumber.trim().toUpperCase()),
            phoneEnc: this.cipher.encrypt(dto.agent.phone.trim()),
            phoneMasked: maskPhone(dto.agent.phone.trim()),
            powerOfAttorneyAttachmentId: dto.agent.powerOfAttorneyAttachmentId ?? '',
          }
        : null,
      formOfProvision: dto.formOfProvision,
      deliveryChannel: dto.deliveryChannel,
      disposition: null,
      receivedOn: r.intake.receivedOn,
      concludedOn: null,
      calendarRegion: r.agency.calendarRegion,
      replyDue: r.clock.reply.due,
      replyDueProvisional: r.clock.reply.provisional,
      correctionNoticeDue: r.clock.correctionNotice.due,
      version: 1,
      createdAt: r.now,
    };
  }

  /** The acknowledgement of receipt (接收回执): number, receipt date and the statutory reply date. */
  private acknowledge(
    dto: ApplicationDto,
    agency: AgencyEntity,
    r: {
      id: string;
      number: string;
      intake: { channel: IntakeChannel; receivedOn: string };
      clock: ReturnType<typeof deriveRequestClock>;
    },
  ): Omit<IntakeResult, 'acknowledgement'> & { acknowledgement: { title: string; text: string } } {
    const due = r.clock.reply.due;
    const text =
      `${dto.applicant.name.trim()}（${APPLICANT_TYPE_LABELS[dto.applicantType]}）：` +
      `本机关于 ${r.intake.receivedOn} 收到您以“${INTAKE_CHANNEL_LABELS[r.intake.channel]}”方式提出的政府信息公开申请，` +
      `申请编号 ${r.number}。根据《中华人民共和国政府信息公开条例》第三十三条，本机关将自收到申请之日起 20 个工作日内` +
      `（即 ${due} 前）予以答复；需要延长答复期限的，将另行告知，延长期限最长不超过 20 个工作日。` +
      (r.clock.reply.provisional
        ? '（该日期按尚未公布的节假日安排暂算，公布后如有变化将以系统显示为准。）'
        : '') +
      `${agency.letterHeader}，联系电话：${agency.phone || '—'}。`;
    return {
      id: r.id,
      number: r.number,
      agencyId: agency.id,
      agencyName: agency.name,
      status: 'registered',
      receivedOn: r.intake.receivedOn,
      replyDue: due,
      replyDueProvisional: r.clock.reply.provisional,
      acknowledgement: { title: '政府信息公开申请接收回执', text },
    };
  }
}
