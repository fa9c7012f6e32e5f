import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_CLOCK_POLICY, invalidInput } from '@gongkai/domain';
import { DataSource, IsNull } from 'typeorm';
import { AgencyEntity } from '../../agencies';
import { Caller, DataKeys, StaffPrincipal } from '../../platform';
import { LetterService } from '../../letters';
import { chineseDate } from '../../letters';
import { ActionView, RequestActionRunner } from '../../requests/moves';
import { RequestClockService } from '../../deadlines';
import { RequestEntity } from '../../request-record';
import { ConsultationAnswer, ConsultationEntity, ConsultationParty } from './consultation.entity';
import { assertPastDate } from '../handling-support';

export interface OpenConsultationInput {
  party: ConsultationParty;
  partyName: string;
  partyAddress?: string;
  subject: string;
  version?: number;
}

export interface ConsultationAnswerInput {
  consultationId: string;
  answer: ConsultationAnswer;
  reasons?: string;
  answeredOn: string;
  version?: number;
}

/**
 * Art. 32 (third parties) and Art. 33 ¶2 … 34 (other agencies): the consultation letter pauses the
 * reply clock until the answer or the end of 15 working days. Disclosing over an objection needs the
 * written notice to the third party first (notify-third-party). Assistance letters (协办函) go to a
 * department inside the agency's tree.
 */
@Injectable()
export class ConsultationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: RequestActionRunner,
    private readonly clocks: RequestClockService,
    private readonly letters: LetterService,
    private readonly dataKeys: DataKeys,
  ) {}

  open(caller: Caller<StaffPrincipal>, id: string, input: OpenConsultationInput): Promise<ActionView> {
    return this.runner.staff(
      caller,
      id,
      'open-consultation',
      'request.handle',
      input.version,
      async (ctx) => {
        const { calendar } = await this.clocks.clockIn(ctx.em, ctx.request);
        const consultation: ConsultationEntity = {
          id: randomUUID(),
          requestId: ctx.request.id,
          party: input.party,
          partyName: input.partyName,
          // A third party's address is personal data: kept encrypted (the letter carries it in clear).
          partyAddress: input.partyAddress
            ? (await this.dataKeys.forRequest(ctx.em, ctx.request.id)).encrypt(input.partyAddress)
            : null,
          subject: input.subject,
          openedOn: ctx.today,
          // Art. 32, 33 ¶2: 15 working days to answer, the same period the clock pauses for.
          answerDue: calendar.addWorkingDays(ctx.today, DEFAULT_CLOCK_POLICY.consultationWorkingDays),
          closedOn: null,
          answer: null,
          reasons: null,
          letterId: null,
        };
        return {
          to: 'consulting',
          type: 'consultation_opened',
          data: { consultationId: consultation.id, party: input.party, partyName: input.partyName },
          after: async (eventId, moved) => {
            const letter = await this.letters.issueFor(ctx, eventId, moved, {
              kind: input.party === 'third_party' ? 'third_party_consultation' : 'inter_agency_consultation',
              recipient: input.party === 'third_party' ? 'third_party' : 'agency',
              to: input.partyName,
              facts: { subject: input.subject, answerDue: chineseDate(consultation.answerDue) },
            });
            await ctx.em.insert(ConsultationEntity, { ...consultation, letterId: letter.id });
            return {
              consultationId: consultation.id,
              answerDue: consultation.answerDue,
              letterId: letter.id,
            };
          },
        };
      },
    );
  }

  answer(caller: Caller<StaffPrincipal>, id: string, input: ConsultationAnswerInput): Promise<ActionView> {
    return this.runner.staff(
      caller,
      id,
      'record-consultation-answer',
      'request.handle',
      input.version,
      async (ctx) => {
        const repo = ctx.em.getRepository(ConsultationEntity);
        const c = await repo.findOneBy({
          id: input.consultationId,
          requestId: ctx.request.id,
          closedOn: IsNull(),
        });
        if (!c) {
          throw invalidInput('consultationId', 'consultation.not_open', '没有等待答复的该项征求意见');
        }
        assertPastDate('answeredOn', input.answeredOn, ctx.today, c.openedOn);
        if (input.answer === 'objection' && !input.reasons?.trim()) {
          throw invalidInput('reasons', 'required', '不同意公开的，须登记其理由');
        }
        await repo.update(
          { id: c.id },
          { closedOn: input.answeredOn, answer: input.answer, reasons: input.reasons ?? null },
        );
        const stillOpen = await repo.countBy({ requestId: ctx.request.id, closedOn: IsNull() });
        return {
          to: stillOpen > 0 ? 'consulting' : 'in_progress',
          type: 'consultation_answered',
          onDate: input.answeredOn,
          data: {
            consultationId: c.id,
            party: c.party,
            answer: input.answer,
            reasons: input.reasons ?? null,
          },
        };
      },
    );
  }

  /** Art. 32: before disclosing over an objection, tell the third party what will be disclosed and why. */
  notifyThirdParty(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: { consultationId: string; disclosure: string; reasons: string; version?: number },
  ): Promise<ActionView> {
    return this.runner.staff(
      caller,
      id,
      'notify-third-party',
      'request.handle',
      input.version,
      async (ctx) => {
        const c = await ctx.em
          .getRepository(ConsultationEntity)
          .findOneBy({ id: input.consultationId, requestId: ctx.request.id });
        if (!c || c.party !== 'third_party' || c.answer !== 'objection') {
          throw invalidInput(
            'consultationId',
            'consultation.no_objection',
            '只有第三方提出不同意公开意见时才需发出处理告知书',
          );
        }
        return {
          type: 'third_party_notified',
          data: { consultationId: c.id, disclosure: input.disclosure, reasons: input.reasons },
          after: async (eventId, moved) => {
            const letter = await this.letters.issueFor(ctx, eventId, moved, {
              kind: 'third_party_disclosure_notice',
              recipient: 'third_party',
              to: c.partyName,
              facts: {
                openedOn: chineseDate(c.openedOn),
                answeredOn: chineseDate(c.closedOn ?? c.openedOn),
                objection: c.reasons,
                disclosure: input.disclosure,
                reasons: input.reasons,
              },
            });
            return { letterId: letter.id };
          },
        };
      },
    );
  }

  /** 协办函: asks a department in the agency's tree to search for the information. */
  requestAssistance(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: { agencyId: string; question: string; version?: number },
  ): Promise<ActionView> {
    return this.runner.staff(
      caller,
      id,
      'request-assistance',
      'request.handle',
      input.version,
      async (ctx) => {
        const target = await ctx.em
          .getRepository(AgencyEntity)
          .findOneBy({ id: input.agencyId, active: true });
        if (!target || !ctx.scoped || !target.path.startsWith(ctx.scoped.agency.path)) {
          throw invalidInput('agencyId', 'agency.out_of_scope', '只能向本机关及其下属部门发出协办函');
        }
        return {
          type: 'assistance_requested',
          data: { agencyId: target.id, question: input.question },
          after: async (eventId, moved: RequestEntity) => {
            const letter = await this.letters.issueFor(ctx, eventId, moved, {
              kind: 'assistance_letter',
              recipient: 'agency',
              to: target.name,
              facts: {
                question: input.question,
                replyDue: moved.replyDue ? chineseDate(moved.replyDue) : '（期限中止）',
              },
            });
            return { letterId: letter.id };
          },
        };
      },
    );
  }

  /** Consultations of a request, for the case view. */
  list(requestId: string): Promise<ConsultationEntity[]> {
    return this.dataSource
      .getRepository(ConsultationEntity)
      .find({ where: { requestId }, order: { openedOn: 'ASC' } });
  }
}
