import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AesGcmCipher, DEVELOPMENT_PERSONAL_DATA_KEY } from '@gongkai/core/platform';
import { AgencyEntity, DEFAULT_LEGAL_REVIEW_RULES } from '@gongkai/core/agencies';
import { RequestEntity, RequestEventEntity } from '@gongkai/core/request-record';
import { loadCalendars } from '@gongkai/core/calendar';
import { ClockEvent, RequestState, deriveRequestClock, maskPhone } from '@gongkai/domain';

const cipher = new AesGcmCipher(Buffer.from(DEVELOPMENT_PERSONAL_DATA_KEY, 'base64'));

/** A bare agency for tests that need one (code unique per call). */
export async function insertAgency(
  ds: DataSource,
  opts: { parentId?: string | null; code?: string; name?: string; region?: string } = {},
): Promise<AgencyEntity> {
  const id = randomUUID();
  const parent = opts.parentId
    ? await ds.getRepository(AgencyEntity).findOneByOrFail({ id: opts.parentId })
    : null;
  const name = opts.name ?? `测试机关${id.slice(0, 4)}`;
  const now = new Date('2026-01-01T00:00:00Z');
  return ds.getRepository(AgencyEntity).save({
    id,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    code: opts.code ?? `test-${id.slice(0, 8)}`,
    kind: parent ? 'department' : 'government',
    name,
    shortName: name,
    letterHeader: name,
    sealText: `${name}（印章）`,
    reconsiderationBody: '示范市人民政府',
    court: '示范区人民法院',
    numberPattern: '{agencyShort}依申〔{year}〕{seq:4}号',
    legalReview: DEFAULT_LEGAL_REVIEW_RULES,
    calendarRegion: opts.region ?? 'national',
    createdAt: now,
    updatedAt: now,
  });
}

let seq = 0;

/**
 * Inserts a request with its clock events straight into the database, its cached deadline
 * computed as the system would. For tests of the clock and calendar that need no intake.
 */
export async function insertRequest(
  ds: DataSource,
  opts: {
    receivedOn: string;
    events?: ClockEvent[];
    region?: string;
    concludedOn?: string;
    status?: RequestState;
    agencyId?: string;
  },
): Promise<string> {
  const id = randomUUID();
  const events: ClockEvent[] = [{ type: 'received', on: opts.receivedOn }, ...(opts.events ?? [])];
  const calendars = await loadCalendars(ds.manager);
  const region = opts.region ?? 'national';
  const { reply, correctionNotice } = deriveRequestClock(events, calendars.get(region)!);
  const agencyId = opts.agencyId ?? (await insertAgency(ds, { region })).id;
  const n = ++seq;
  await ds.transaction(async (em) => {
    await em.save(
      em.create(RequestEntity, {
        id,
        status: opts.status ?? (opts.concludedOn ? 'replied' : 'in_progress'),
        agencyId,
        handlingAgencyId: agencyId,
        assigneeId: null,
        number: `TEST-${n}-${id.slice(0, 6)}`,
        year: Number(opts.receivedOn.slice(0, 4)),
        seq: 100000 + n,
        applicationId: id,
        channel: 'in_person',
        applicantType: 'natural_person',
        applicantName: '测试申请人',
        phoneEnc: cipher.encrypt('13800000000'),
        phoneMasked: maskPhone('13800000000'),
        formOfProvision: 'electronic',
        deliveryChannel: 'email',
        receivedOn: opts.receivedOn,
        concludedOn: opts.concludedOn ?? null,
        calendarRegion: region,
        replyDue: reply.due,
        replyDueProvisional: reply.provisional,
        correctionNoticeDue: correctionNotice.due,
        version: 1,
        createdAt: new Date(`${opts.receivedOn}T09:00:00+08:00`),
      }),
    );
    for (const e of events) {
      const { type, on, ...data } = e;
      await em.save(
        em.create(RequestEventEntity, {
          requestId: id,
          type,
          onDate: on,
          at: new Date(`${on}T10:00:00+08:00`),
          actor: 'test',
          data,
        }),
      );
    }
  });
  return id;
}
