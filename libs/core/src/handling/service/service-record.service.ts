import { Injectable } from '@nestjs/common';
import { DeliveryChannel, DomainError, ruleViolation, invalidInput } from '@gongkai/domain';
import { AttachmentService } from '../../attachments';
import { Caller, StaffPrincipal } from '../../platform';
import { LetterEntity } from '../../letters';
import { LetterService } from '../../letters';
import { chineseDate } from '../../letters';
import { ActionContext, ActionView, RequestActionRunner } from '../../requests/moves';
import { EmailProvider } from '../../notifications';
import type { MailAcceptance } from '../../notifications';
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
    private readonly email: EmailProvider,
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
      // By e-mail the system serves the letter itself, today; the server's acceptance is the proof.
      const servedOn = input.channel === 'email' ? ctx.today : input.servedOn;
      assertPastDate('servedOn', servedOn, ctx.today, concluding.issuedOn);
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
      const mailed = input.channel === 'email' ? await this.mailLetter(ctx, concluding) : null;
      return {
        type: 'served',
        onDate: servedOn,
        data: {
          channel: input.channel,
          letterId: concluding.id,
          trackingNumber: input.trackingNumber ?? null,
          signedBy: input.signedBy ?? null,
          proofAttachmentIds: proof,
          ...(mailed ? { email: mailed } : {}),
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
              servedOn: chineseDate(servedOn),
              signedBy: input.signedBy,
              servedBy: ctx.actor,
              note: mailed
                ? `邮件服务器已于 ${mailed.acceptedAt} 接受送达邮件（邮件标识：${mailed.messageId}），附件为文书全文。${input.note ?? ''}`
                : input.note,
            },
          });
          return { letterId: receipt.id, servedOn, ...(mailed ? { email: mailed } : {}) };
        },
      };
    });
  }

  /**
   * Sends the issued letter itself to the applicant's e-mail address: DOCX and HTML attached, its
   * number and hashes in the text. Sent inside the move, so a refusal by the mail server changes
   * nothing; the server's acceptance (message id, time) is recorded as the proof of service.
   */
  private async mailLetter(
    ctx: ActionContext,
    letter: LetterEntity,
  ): Promise<{ messageId: string; response: string; acceptedAt: string; to: string; htmlSha256: string }> {
    const to = ctx.request.email;
    if (!to) {
      throw invalidInput('channel', 'email.missing', '申请人没有留电子邮箱，不能以电子邮件送达');
    }
    const full = await ctx.em
      .getRepository(LetterEntity)
      .createQueryBuilder('l')
      .addSelect(['l.html', 'l.docx'])
      .where('l.id = :id', { id: letter.id })
      .getOneOrFail();
    const name = `${full.title}-${full.number}`;
    const html = await this.letters.opened(full.html, ctx.em);
    const docx = await this.letters.opened(full.docx, ctx.em);
    let accepted: MailAcceptance | void;
    try {
      accepted = await this.email.send({
        to,
        subject: `${full.title}（${full.number}）`,
        body: [
          `您好：`,
          `现将${full.title}（${full.number}，${chineseDate(full.issuedOn)}）送达给您，全文见附件。`,
          `附件 SHA-256：DOCX ${full.docxSha256}；HTML ${full.htmlSha256}。`,
          `您也可以登录政府信息公开申请平台，或凭申请编号和查询码查看。`,
        ].join('\n'),
        key: `service:${letter.id}`,
        attachments: [
          {
            filename: `${name}.docx`,
            content: docx,
            contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          },
          { filename: `${name}.html`, content: Buffer.from(html, 'utf8'), contentType: 'text/html' },
        ],
      });
    } catch (e) {
      throw new DomainError(
        'SERVICE.MAIL_REFUSED',
        'unavailable',
        '邮件服务器未接受送达邮件，未登记送达，请稍后重试或改用其他方式送达。',
        { reason: e instanceof Error ? e.message.slice(0, 200) : 'unknown' },
      );
    }
    return {
      messageId: accepted?.messageId ?? '',
      response: accepted?.response ?? '',
      acceptedAt: ctx.now.toISOString(),
      to: to.replace(/^(.).*(@.*)$/, '$1***$2'),
      htmlSha256: full.htmlSha256,
    };
  }
}
