import {
  APPLICANT_TYPE_LABELS,
  INTAKE_CHANNEL_LABELS,
  IntakeChannel,
  deriveRequestClock,
} from '@gongkai/domain';
import type { AgencyEntity } from '../../agencies';
import type { ApplicationDto } from './application.dto';
import type { IntakeResult } from './intake-result';

/** The acknowledgement of receipt (接收回执): number, receipt date and the statutory reply date. */
export function acknowledgement(
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
