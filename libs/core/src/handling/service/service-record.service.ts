import { Injectable } from '@nestjs/common';
import { DeliveryChannel, ruleViolation, invalidInput } from '@gongkai/domain';
import { AttachmentService } from '../../attachments';
import { Caller, StaffPrincipal } from '../../platform';
import { LetterEntity } from '../../letters';
import { LetterService } from '../../letters';
import { chineseDate } from '../../letters';
import { ActionView, RequestActionRunner } from '../../requests/moves';
import { assertPastDate } from '../handling-support';

export interface ServiceInput {
  channel: DeliveryChannel;
  servedOn: string;
  /** Post: the tracking number (and the signed date as servedOn). */
  trackingNumber?: string;
  /** In person (or the post's signed receipt): who signed. */
  signedBy?: string;
  address?: string;
  /** The proof: signed receipt, postal return, the sent e-mail. */
  proofAttachmentIds?: string[];
  note?: string;
  version?: number;
}

const CHANNEL_LABELS: Record<DeliveryChannel, string> = {
  online: '在线送达（申请平台）',
  email: '电子邮件送达',
  post: '邮寄送达',
  in_person: '直接送达',
};

/** Service (送达, docs/domain-rules.md): by the applicant's channel, with proof; the 送达回证 goes in the case file. */
@Injectable()
export class ServiceRecordService {
  constructor(
    private readonly runner: RequestActionRunner,
    private readonly letters: LetterService,
    private readonly attachments: AttachmentService,
  ) {}

  record(caller: Caller<StaffPrincipal>, id: string, input: ServiceInput): Promise<ActionView> {
    return this.runner.staff(caller, id, 'record-service', 'request.handle', input.version, async (ctx) => {
      const concluding = await ctx.em.getRepository(LetterEntity).findOne({
        where: { requestId: ctx.request.id, recipient: 'applicant' },
        order: { issuedAt: 'DESC', number: 'DESC' },
      });
      if (!concluding) {
        throw ruleViolation('SERVICE.NOTHING_TO_SERVE', '没有需要送达的文书。');
      }
      assertPastDate('servedOn', input.servedOn, ctx.today, concluding.issuedOn);
      if (input.channel === 'post' && !input.trackingNumber?.trim()) {
        throw invalidInput('trackingNumber', 'required', '邮寄送达须填写邮件单号');
      }
      if (input.channel === 'in_person' && !input.signedBy?.trim()) {
        throw invalidInput('signedBy', 'required', '直接送达须填写签收人');
      }
      const proof = input.proofAttachmentIds ?? [];
      if ((input.channel === 'post' || input.channel === 'in_person') && proof.length === 0) {
        throw invalidInput('proofAttachmentIds', 'required', '须上传送达凭证（签收回执或邮件回执）');
      }
      if (proof.length > 0) {
        await this.attachments.linkToRequest(ctx.em, caller, proof, ctx.request.id, 'proofAttachmentIds');
      }
      return {
        type: 'served',
        onDate: input.servedOn,
        data: {
          channel: input.channel,
          letterId: concluding.id,
          trackingNumber: input.trackingNumber ?? null,
          signedBy: input.signedBy ?? null,
          proofAttachmentIds: proof,
        },
        after: async (eventId, moved) => {
          const receipt = await this.letters.issueFor(ctx, eventId, moved, {
            kind: 'service_receipt',
            recipient: 'agency',
            facts: {
              documents: `${concluding.title}（${concluding.number}）`,
              channel: CHANNEL_LABELS[input.channel],
              address: input.address,
              trackingNumber: input.trackingNumber,
              servedOn: chineseDate(input.servedOn),
              signedBy: input.signedBy,
              servedBy: ctx.actor,
              note: input.note,
            },
          });
          return { letterId: receipt.id, servedOn: input.servedOn };
        },
      };
    });
  }
}
