import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sendLetter } from './letter-download';
import type { Response } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, DataKeys, personalDataErased } from '../platform';
import { DataSource, EntityManager } from 'typeorm';
import {
  APPLICANT_TYPE_LABELS,
  DELIVERY_CHANNEL_LABELS,
  DispositionCode,
  DomainError,
  FORM_OF_PROVISION_LABELS,
  INTAKE_CHANNEL_LABELS,
  groupOf,
  remediesFor,
} from '@gongkai/domain';
import { AgencyEntity } from '../agencies';
import { RequestEntity, RequestItemEntity } from '../request-record';
import { letterDocx } from './docx';
import { LETTER_KIND_INFO, LetterKind } from './letter-kinds';
import { LetterContext, chineseDate, renderLetterHtml } from './letter-renderer';
import { LetterEntity, LetterTemplateEntity, PendingLetterEntity } from './letter.entities';
import { nextGapFree, sha256Hex } from '../platform';

/** What a letter needs of its request. */
export type LetterRequest = Pick<
  RequestEntity,
  'id' | 'agencyId' | 'number' | 'receivedOn' | 'applicantName'
>;

export interface LetterInput {
  request: LetterRequest;
  /** Already loaded by the caller (intake): saves the lookups inside a hot transaction. */
  loaded?: {
    agency: AgencyEntity;
    items: Pick<RequestItemEntity, 'position' | 'description' | 'documentNumber'>[];
  };
  kind: LetterKind;
  recipient: LetterEntity['recipient'];
  /** The addressee's name; the applicant's by default. */
  to?: string;
  facts: Record<string, unknown>;
  /** The disposition whose remedies the letter states (replies, terminations); none otherwise. */
  remediesFor?: DispositionCode;
  on: string;
  at: Date;
  issuedBy: string;
  eventId: string | null;
}

/** What issuing a letter needs of the move being run (the runner's action context has it). */
export interface IssuingAction {
  em: EntityManager;
  today: string;
  now: Date;
  actor: string;
}

/** A letter without its renderings (those are read only when downloaded). */
export type LetterMeta = Omit<LetterEntity, 'html' | 'docx' | 'request'>;

export function letterNotFound(id: string): DomainError {
  return new DomainError('LETTER.NOT_FOUND', 'not_found', '文书不存在或无权查看。', { id });
}

/**
 * Renders, numbers, hashes and stores letters (docs/domain-rules.md "Documents"). An issued letter is never
 * changed: the table refuses UPDATE and DELETE, and its HTML and DOCX carry SHA-256 hashes.
 */
@Injectable()
export class LetterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly dataKeys: DataKeys,
  ) {}

  /** Issues one letter inside the caller's transaction. */
  async issue(em: EntityManager, input: LetterInput): Promise<LetterMeta> {
    const agency = await this.agencyOf(em, input);
    const number = await this.nextNumber(em, agency, input.kind, input.on);
    return this.store(em, agency, input, randomUUID(), number);
  }

  /** The agency a letter is issued in the name of (already loaded at intake). */
  private async agencyOf(em: EntityManager, input: LetterInput): Promise<AgencyEntity> {
    return (
      input.loaded?.agency ??
      (await em.getRepository(AgencyEntity).findOneByOrFail({ id: input.request.agencyId }))
    );
  }

  /** The letter's own document number: gap-free per agency, year and series. */
  private async nextNumber(em: EntityManager, agency: AgencyEntity, kind: LetterKind, on: string) {
    const info = LETTER_KIND_INFO[kind];
    const year = Number(on.slice(0, 4));
    const seq = await nextGapFree(em, {
      table: 'document_counter',
      key: { agency_id: agency.id, year, series: info.series },
    });
    return `${agency.shortName}依申${info.series}〔${year}〕${String(seq).padStart(4, '0')}号`;
  }

  /** Renders, hashes and stores a numbered letter under `id`. */
  private async store(
    em: EntityManager,
    agency: AgencyEntity,
    input: LetterInput,
    id: string,
    number: string,
  ): Promise<LetterMeta> {
    const { context, templateVersion } = await this.context(em, agency, input, number);
    const html = renderLetterHtml(input.kind, context);
    const docx = letterDocx(html);
    const meta: LetterMeta = {
      id,
      requestId: input.request.id,
      agencyId: agency.id,
      eventId: input.eventId,
      kind: input.kind,
      number,
      title: LETTER_KIND_INFO[input.kind].title,
      recipient: input.recipient,
      templateVersion,
      issuedOn: input.on,
      issuedAt: input.at,
      issuedBy: input.issuedBy,
      htmlSha256: sha256Hex(html),
      docxSha256: sha256Hex(docx),
    };
    // The letter names the applicant: stored under the request's data key, so it is erased with the rest
    // of its personal data when the retention period ends (docs/security.md "Retention"). The hashes are
    // of the letter itself.
    // (A request made before data keys: stored as it always was.)
    const cipher = await this.dataKeys.ofRequest(em, input.request.id);
    const sealed = cipher ? { html: cipher.encrypt(html), docx: cipher.encryptBytes(docx) } : { html, docx };
    await em
      .createQueryBuilder()
      .insert()
      .into(LetterEntity)
      .values({ ...meta, ...sealed })
      .execute();
    return meta;
  }

  /** A stored rendering in the clear: decrypted when under a data key, refused once that key is shredded. */
  async opened<T extends string | Buffer>(stored: T, em?: EntityManager): Promise<T> {
    const plain = await this.dataKeys.opened(stored, em);
    if (plain === null) {
      throw personalDataErased();
    }
    return plain;
  }

  /**
   * Numbers and dates a letter inside the caller's transaction and leaves its rendering for right after
   * the commit (the outbox, or the first download): the intake's hot path holds its agency's counter
   * only for the number. Answers the letter's id and number.
   */
  async reserve(em: EntityManager, input: LetterInput): Promise<{ id: string; number: string }> {
    const agency = await this.agencyOf(em, input);
    const number = await this.nextNumber(em, agency, input.kind, input.on);
    const id = randomUUID();
    const row: PendingLetterEntity = {
      id,
      requestId: input.request.id,
      agencyId: agency.id,
      eventId: input.eventId,
      kind: input.kind,
      number,
      title: LETTER_KIND_INFO[input.kind].title,
      recipient: input.recipient,
      toName: input.to ?? null,
      facts: input.facts,
      remediesFor: input.remediesFor ?? null,
      issuedOn: input.on,
      issuedAt: input.at,
      issuedBy: input.issuedBy,
    };
    // A jsonb column's type does not fit TypeORM's deep-partial insert type.
    await em.insert(PendingLetterEntity, row as never);
    return { id, number };
  }

  /**
   * Renders and stores reserved letters, exactly once each: the reserved row is locked (others skip
   * it), the letter stored under its id with its number and date, the row removed. `ids` limits it to
   * those letters; `requestId` to one request's. Answers how many it produced.
   */
  async produce(
    filter: { ids?: string[]; requestId?: string; limit?: number },
    em?: EntityManager,
  ): Promise<number> {
    if (!em) {
      return this.dataSource.transaction((tx) => this.produce(filter, tx));
    }
    const qb = em
      .getRepository(PendingLetterEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .orderBy('p.issued_at', 'ASC')
      .limit(filter.limit ?? 50);
    if (filter.ids) {
      qb.andWhere('p.id IN (:...ids)', { ids: filter.ids });
    }
    if (filter.requestId) {
      qb.andWhere('p.request_id = :requestId', { requestId: filter.requestId });
    }
    const pending = await qb.getMany();
    for (const p of pending) {
      const request = await em.getRepository(RequestEntity).findOneByOrFail({ id: p.requestId });
      const agency = await em.getRepository(AgencyEntity).findOneByOrFail({ id: p.agencyId });
      await this.store(
        em,
        agency,
        {
          request,
          kind: p.kind,
          recipient: p.recipient,
          ...(p.toName ? { to: p.toName } : {}),
          facts: p.facts,
          ...(p.remediesFor ? { remediesFor: p.remediesFor as DispositionCode } : {}),
          on: p.issuedOn,
          at: p.issuedAt,
          issuedBy: p.issuedBy,
          eventId: p.eventId,
        },
        p.id,
        p.number,
      );
      await em.delete(PendingLetterEntity, { id: p.id });
    }
    return pending.length;
  }

  /**
   * One reserved letter, rendered now if it is still waiting; when another process is rendering it,
   * waits for that to commit. Answers whether it exists (stored or reserved) at all.
   */
  private async produceNow(letterId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const [row] = await em.query<{ id: string }[]>(
        'SELECT id FROM letter_pending WHERE id = $1 FOR UPDATE',
        [letterId],
      );
      if (row) {
        await this.produce({ ids: [letterId] }, em);
      }
    });
  }

  /** Issues a letter for the action being run: dated today, by its actor, linked to its event. */
  issueFor(
    ctx: IssuingAction,
    eventId: string,
    request: RequestEntity,
    letter: Pick<LetterInput, 'kind' | 'recipient' | 'to' | 'facts' | 'remediesFor'>,
  ): Promise<LetterMeta> {
    return this.issue(ctx.em, {
      ...letter,
      request,
      on: ctx.today,
      at: ctx.now,
      issuedBy: ctx.actor,
      eventId,
    });
  }

  /** The letter as it would be issued now, unnumbered (draft replies, previews). */
  async preview(em: EntityManager, input: Omit<LetterInput, 'eventId' | 'issuedBy'>): Promise<string> {
    const agency = await em.getRepository(AgencyEntity).findOneByOrFail({ id: input.request.agencyId });
    const { context } = await this.context(
      em,
      agency,
      { ...input, eventId: null, issuedBy: '' },
      '（草稿，未编号）',
    );
    return renderLetterHtml(input.kind, context);
  }

  /**
   * The application form (申请登记表) as registered, rendered on demand (not a letter sent to anyone,
   * so it is not numbered or stored). Personal data appears masked, as in the case file view.
   */
  async applicationForm(request: RequestEntity): Promise<{ html: string; docx: Buffer }> {
    const em = this.dataSource.manager;
    const agency = await em.getRepository(AgencyEntity).findOneByOrFail({ id: request.agencyId });
    const facts = {
      channel: INTAKE_CHANNEL_LABELS[request.channel],
      applicantType: APPLICANT_TYPE_LABELS[request.applicantType],
      idNumber: request.idNumberMasked,
      creditCode: request.creditCode,
      contactPerson: request.contactPerson,
      phone: request.phoneMasked,
      address: request.addressMasked,
      email: request.email,
      formOfProvision: FORM_OF_PROVISION_LABELS[request.formOfProvision],
      deliveryChannel: DELIVERY_CHANNEL_LABELS[request.deliveryChannel],
    };
    const { context } = await this.context(
      em,
      agency,
      {
        request,
        kind: 'application_form',
        recipient: 'applicant',
        facts,
        on: request.receivedOn,
        at: request.createdAt,
        issuedBy: '',
        eventId: null,
      },
      request.number,
    );
    const html = renderLetterHtml('application_form', context);
    return { html, docx: letterDocx(html) };
  }

  async list(requestId: string, applicantOnly: boolean): Promise<LetterEntity[]> {
    // A letter reserved and not yet rendered is rendered now, so the list is whole.
    if (await this.dataSource.getRepository(PendingLetterEntity).existsBy({ requestId })) {
      await this.produceFor(requestId);
    }
    return this.dataSource.getRepository(LetterEntity).find({
      where: applicantOnly ? { requestId, recipient: 'applicant' } : { requestId },
      order: { issuedAt: 'ASC', number: 'ASC' },
    });
  }

  /** Renders every reserved letter of a request that is still waiting (waiting for one being rendered). */
  async produceFor(requestId: string): Promise<void> {
    const ids = await this.dataSource.query<{ id: string }[]>(
      'SELECT id FROM letter_pending WHERE request_id = $1',
      [requestId],
    );
    for (const { id } of ids) {
      await this.produceNow(id);
    }
  }

  /** One letter's stored rendering; 404 unless it belongs to the request (and, for citizens, to them). */
  async content(
    requestId: string,
    letterId: string,
    format: 'html' | 'docx',
    applicantOnly: boolean,
  ): Promise<{ letter: LetterEntity; body: string | Buffer }> {
    await this.produceNow(letterId);
    const letter = await this.dataSource
      .getRepository(LetterEntity)
      .createQueryBuilder('l')
      .addSelect(format === 'html' ? 'l.html' : 'l.docx')
      .where('l.id = :letterId AND l.request_id = :requestId', { letterId, requestId })
      .getOne();
    if (!letter || (applicantOnly && letter.recipient !== 'applicant')) {
      throw letterNotFound(letterId);
    }
    return { letter, body: await this.opened(format === 'html' ? letter.html : letter.docx) };
  }

  /** Sends one letter of the request (the caller has checked access to the request). */
  async send(
    res: Response,
    requestId: string,
    letterId: string,
    format: 'html' | 'docx',
    applicantOnly: boolean,
    /** A member of staff downloading from the case file: the download is audited. */
    staff?: { actor: string; ip: string },
  ): Promise<void> {
    const { letter, body } = await this.content(requestId, letterId, format, applicantOnly);
    if (staff) {
      await this.audit.record(null, {
        actor: staff.actor,
        ip: staff.ip,
        action: 'letter.downloaded',
        objectType: 'letter',
        objectId: letterId,
        result: 'success',
        details: { requestId, format, number: letter.number },
      });
    }
    sendLetter(res, letter, format, body);
  }

  private async context(
    em: EntityManager,
    agency: AgencyEntity,
    input: LetterInput,
    number: string,
  ): Promise<{ context: LetterContext; templateVersion: number }> {
    const info = LETTER_KIND_INFO[input.kind];
    const template = await em
      .getRepository(LetterTemplateEntity)
      .findOne({ where: { agencyId: agency.id, kind: input.kind }, order: { version: 'DESC' } });
    const items =
      input.loaded?.items ??
      (await em
        .getRepository(RequestItemEntity)
        .find({ where: { requestId: input.request.id }, order: { position: 'ASC' } }));
    const code = input.remediesFor;
    const remedies =
      code === undefined
        ? null
        : {
            ...remediesFor(code, input.on),
            alsoDisclosed: code === 'disclose.partial',
            body: agency.reconsiderationBody,
            court: agency.court,
          };
    return {
      templateVersion: template?.version ?? 0,
      context: {
        agency,
        letter: { title: info.title, number, date: chineseDate(input.on) },
        to: input.to ?? input.request.applicantName,
        request: {
          number: input.request.number,
          receivedOn: chineseDate(input.request.receivedOn),
          applicantName: input.request.applicantName,
          items: items.map((i) => ({
            position: i.position,
            description: i.description,
            documentNumber: i.documentNumber,
          })),
        },
        facts: input.facts,
        remedies,
        slots: { ...info.slots, ...template?.slots },
      },
    };
  }
}

/** The reply letter kind for a disposition group (one template per group, docs/domain-rules.md). */
export function replyLetterKind(code: DispositionCode): LetterKind {
  const group = groupOf(code);
  return group === 'other' ? 'termination_notice' : `reply_${group}`;
}
