import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  applicationProblems,
  DomainError,
  formatRequestNumber,
  IntakeChannel,
  assertReceiptDate,
  deriveRequestClock,
  invalidInput,
  validationFailed,
} from '@gongkai/domain';
import { AgencyEntity } from '../../agencies';
import { agencyNotFound } from '../../agencies';
import { AttachmentService } from '../../attachments';
import { AuditService } from '../../platform';
import { CalendarService } from '../../calendar';
import { Clock, nextGapFree } from '../../platform';
import { DataKeys, PersonalDataCipher } from '../../platform';
import { actorOf, assertCanAt, Caller, CitizenPrincipal, StaffPrincipal } from '../../platform';
import { chineseDate } from '../../letters';
import { LetterService } from '../../letters';
import { acknowledgement } from './acknowledgement';
import { ApplicationDto, RegistrationDto } from './application.dto';
import { IdempotencyRepository } from './idempotency.repository';
import type { IntakeResult } from './intake-result';
import { requestRow } from './request-row';
import { appendRequestEvent } from '../../request-record';
import { RequestEntity, RequestItemEntity } from '../../request-record';

/** What a submission answers: the numbered request and its acknowledgement of receipt (接收回执). */
/**
 * Intake: an online application by a citizen, or a registration by a clerk, becomes one or more
 * numbered requests with their receipt event, deadline and acknowledgement, all in one
 * transaction (an acknowledged submission is committed).
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly idempotency: IdempotencyRepository,
    private readonly calendars: CalendarService,
    private readonly cipher: PersonalDataCipher,
    private readonly dataKeys: DataKeys,
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
    const out = await this.idempotency.once(scope, idempotencyKey, dto, async (em) => {
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
    return this.idempotency.once(`staff:${caller.principal.userId}`, idempotencyKey, dto, async (em) => {
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
      const id = randomUUID();
      // The request, its items and files go in first under a placeholder number (negative, from a
      // sequence, so never a real one); the agency's gap-free counter is taken only after them, and held
      // from there to the commit for as little as possible: the number, the received event, the letter.
      const [{ placeholder }] = await em.query<{ placeholder: string }[]>(
        `SELECT -nextval('request_placeholder_seq') AS placeholder`,
      );
      // insert, not save: save() would first SELECT to see whether the id exists.
      await em
        .createQueryBuilder()
        .insert()
        .into(RequestEntity)
        .values(
          requestRow(
            dto,
            { ring: this.cipher, dataKey: await this.dataKeys.create(em) },
            {
              id,
              agency,
              number: `待编号${placeholder}`,
              year,
              seq: Number(placeholder),
              applicationId,
              now,
              intake,
              clock,
            },
          ),
        )
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
      const seq = await nextGapFree(em, { table: 'request_counter', key: { agency_id: agency.id, year } });
      const number = formatRequestNumber(agency.numberPattern, { agencyShort: agency.shortName, year, seq });
      await em.query('UPDATE request SET seq = $2, number = $3 WHERE id = $1', [id, seq, number]);
      const result = acknowledgement(dto, agency, { id, number, intake, clock });
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
          ...(dto.acceptOtherForms !== undefined ? { acceptOtherForms: dto.acceptOtherForms } : {}),
          ...(dto.privacyNoticeVersion ? { privacyNoticeVersion: dto.privacyNoticeVersion } : {}),
          acknowledgement: result.acknowledgement.text,
        },
      });
      // Numbered and dated now; rendered (HTML and DOCX, hashed) right after the commit.
      const letter = await this.letters.reserve(em, {
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
}
