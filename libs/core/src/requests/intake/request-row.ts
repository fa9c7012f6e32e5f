import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  IntakeChannel,
  deriveRequestClock,
  isOrganization,
  maskAddress,
  maskIdNumber,
  maskPhone,
} from '@gongkai/domain';
import type { AgencyEntity } from '../../agencies';
import type { PersonalDataCipher } from '../../platform';
import type { RequestEntity } from '../../request-record';
import type { ApplicationDto } from './application.dto';

/**
 * The request row of a submission: personal data encrypted under the request's data key (and masked for
 * lists), the applicant's
 * blind key for finding earlier requests, the receipt date and the first deadlines.
 */
export function requestRow(
  dto: ApplicationDto,
  keys: {
    /** The keyring: the applicant's blind key. */
    ring: PersonalDataCipher;
    /** The request's own data key: its personal data (erased with the key at the end of retention). */
    dataKey: { id: string; cipher: PersonalDataCipher };
  },
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
  const cipher = keys.dataKey.cipher;
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
    idNumberEnc: idNumber ? cipher.encrypt(idNumber) : null,
    idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
    applicantKey: identity
      ? keys.ring.blindIndex(`${dto.applicantType === 'natural_person' ? 'id' : 'org'}:${identity}`)
      : null,
    creditCode: isOrganization(dto.applicantType) ? (applicant.creditCode?.toUpperCase() ?? null) : null,
    contactPerson: applicant.contactPerson?.trim() ?? null,
    phoneEnc: cipher.encrypt(dto.phone.trim()),
    phoneMasked: maskPhone(dto.phone.trim()),
    email: dto.email?.trim().toLowerCase() ?? null,
    addressEnc: dto.address ? cipher.encrypt(dto.address.trim()) : null,
    addressMasked: dto.address ? maskAddress(dto.address.trim()) : null,
    postalCode: dto.postalCode ?? null,
    agent: dto.agent
      ? {
          name: dto.agent.name.trim(),
          idType: dto.agent.idType,
          idNumberEnc: cipher.encrypt(dto.agent.idNumber.trim().toUpperCase()),
          idNumberMasked: maskIdNumber(dto.agent.idNumber.trim().toUpperCase()),
          phoneEnc: cipher.encrypt(dto.agent.phone.trim()),
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
    dataKeyId: keys.dataKey.id,
    version: 1,
    createdAt: r.now,
  };
}
