import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, invalidInput } from '@gongkai/domain';
import type { FieldError } from '@gongkai/domain';
import { AgencyEntity, agencyNotFound } from '../../agencies';
import { chineseDate, LetterService } from '../../letters';
import { Clock, canAt, scopesFor } from '../../platform';
import type { Caller, StaffPrincipal } from '../../platform';
import { RequestClockService } from '../../deadlines';
import { ActionView, RequestActionRunner } from '../../requests/moves';
import {
  JOINT_PARTICIPANT_KINDS,
  JOINT_PARTICIPANT_LABELS,
  JointConsultationEntity,
  JointParticipantKind,
} from './joint-consultation.entity';

export interface ConveneJointInput {
  topic: string;
  meetingOn: string;
  /** When the conclusion is due; three working days after the meeting when not given. */
  concludeBy?: string;
  participants: { kind: JointParticipantKind; name: string }[];
  version?: number;
}

export interface JointOpinionInput {
  jointConsultationId: string;
  /** The participant's position in the list (from 0). */
  participant: number;
  opinion: string;
  version?: number;
}

export interface ConcludeJointInput {
  jointConsultationId: string;
  conclusion: string;
  version?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Working days after the meeting by which the conclusion is due when the convener gives no date. */
const DEFAULT_CONCLUDE_WORKING_DAYS = 3;

export interface OpenJointConsultationRow {
  id: string;
  requestId: string;
  number: string;
  topic: string;
  meetingOn: string;
  concludeBy: string;
  replyDue: string | null;
  agencyName: string;
  assignee: string | null;
  overdue: boolean;
}

/**
 * 会商 (重大问题会商、联审联办): the handler or the office head convenes departments, the legal office
 * and leaders on a difficult request; each participant's opinion and the conclusion are recorded as
 * events, and the conclusion issues the minutes (会商纪要) as a document of the case file. It is an
 * internal step: the request stays where it is and its reply clock runs on (none of its events is a
 * clock event).
 */
@Injectable()
export class JointConsultationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: RequestActionRunner,
    private readonly clocks: RequestClockService,
    private readonly letters: LetterService,
    private readonly clock: Clock,
  ) {}

  convene(caller: Caller<StaffPrincipal>, id: string, input: ConveneJointInput): Promise<ActionView> {
    return this.runner.staff(
      caller,
      id,
      'convene-joint-consultation',
      'request.handle',
      input.version,
      async (ctx) => {
        const problems: FieldError[] = [];
        const topic = (input.topic ?? '').trim();
        if (topic.length < 2) {
          problems.push({ field: 'topic', code: 'topic.required', message: '请填写会商事项' });
        }
        if (!DATE.test(input.meetingOn ?? '') || input.meetingOn < ctx.request.receivedOn) {
          problems.push({
            field: 'meetingOn',
            code: 'meetingOn.invalid',
            message: `会商日期格式应为 2026-01-01，且不早于收到申请之日（${ctx.request.receivedOn}）`,
          });
        }
        const participants = (input.participants ?? [])
          .map((p) => ({ kind: p.kind, name: (p.name ?? '').trim().slice(0, 100) }))
          .filter((p) => p.name.length > 0);
        if (participants.length === 0) {
          problems.push({
            field: 'participants',
            code: 'participants.required',
            message: '请至少填写一个参加会商的部门或人员',
          });
        } else if (
          participants.some((p) => !(JOINT_PARTICIPANT_KINDS as readonly string[]).includes(p.kind))
        ) {
          problems.push({ field: 'participants', code: 'participants.kind', message: '参加方的类别无效' });
        }
        let concludeBy = input.concludeBy?.trim() || '';
        if (
          concludeBy &&
          (!DATE.test(concludeBy) || (DATE.test(input.meetingOn) && concludeBy < input.meetingOn))
        ) {
          problems.push({
            field: 'concludeBy',
            code: 'concludeBy.invalid',
            message: '结论期限格式应为 2026-01-01，且不早于会商日期',
          });
        }
        if (problems.length) {
          throw new DomainError('VALIDATION.FAILED', 'invalid_input', '请修改以下内容。', problems);
        }
        if (!concludeBy) {
          const { calendar } = await this.clocks.clockIn(ctx.em, ctx.request);
          concludeBy = calendar.addWorkingDays(input.meetingOn, DEFAULT_CONCLUDE_WORKING_DAYS);
        }
        const row: JointConsultationEntity = {
          id: randomUUID(),
          requestId: ctx.request.id,
          topic: topic.slice(0, 500),
          meetingOn: input.meetingOn,
          concludeBy,
          participants: participants.map((p) => ({
            ...p,
            opinion: null,
            recordedOn: null,
            recordedBy: null,
          })),
          convenedBy: caller.principal.login,
          convenedOn: ctx.today,
          conclusion: null,
          concludedOn: null,
          concludedBy: null,
          minutesLetterId: null,
        };
        return {
          type: 'joint_consultation_convened',
          data: {
            jointConsultationId: row.id,
            topic: row.topic,
            meetingOn: row.meetingOn,
            concludeBy,
            participants: participants.map((p) => p.name),
          },
          after: async () => {
            await ctx.em.insert(JointConsultationEntity, row);
            return { jointConsultationId: row.id, concludeBy };
          },
        };
      },
    );
  }

  private async openOne(
    em: EntityManager,
    requestId: string,
    jointId: string,
  ): Promise<JointConsultationEntity> {
    const row = await em.getRepository(JointConsultationEntity).findOneBy({ id: jointId, requestId });
    if (!row || row.concludedOn) {
      throw invalidInput('jointConsultationId', 'joint_consultation.not_open', '没有进行中的该项会商');
    }
    return row;
  }

  recordOpinion(caller: Caller<StaffPrincipal>, id: string, input: JointOpinionInput): Promise<ActionView> {
    return this.runner.staff(
      caller,
      id,
      'record-joint-opinion',
      'request.handle',
      input.version,
      async (ctx) => {
        const row = await this.openOne(ctx.em, ctx.request.id, input.jointConsultationId);
        const p = row.participants[input.participant];
        if (!p) {
          throw invalidInput('participant', 'participant.unknown', '请选择参加会商的部门或人员');
        }
        const opinion = (input.opinion ?? '').trim();
        if (opinion.length < 2) {
          throw invalidInput('opinion', 'opinion.required', '请填写该方的意见');
        }
        const participants = row.participants.map((x, i) =>
          i === input.participant
            ? {
                ...x,
                opinion: opinion.slice(0, 5000),
                recordedOn: ctx.today,
                recordedBy: caller.principal.login,
              }
            : x,
        );
        return {
          type: 'joint_opinion_recorded',
          data: {
            jointConsultationId: row.id,
            participant: p.name,
            opinion: opinion.slice(0, 5000),
            replaced: !!p.opinion,
          },
          after: async () => {
            await ctx.em.update(JointConsultationEntity, { id: row.id }, { participants });
            return { jointConsultationId: row.id };
          },
        };
      },
    );
  }

  conclude(caller: Caller<StaffPrincipal>, id: string, input: ConcludeJointInput): Promise<ActionView> {
    return this.runner.staff(
      caller,
      id,
      'conclude-joint-consultation',
      'request.handle',
      input.version,
      async (ctx) => {
        const row = await this.openOne(ctx.em, ctx.request.id, input.jointConsultationId);
        const conclusion = (input.conclusion ?? '').trim();
        if (conclusion.length < 4) {
          throw invalidInput('conclusion', 'conclusion.required', '请填写会商结论');
        }
        if (row.meetingOn > ctx.today) {
          throw invalidInput(
            'jointConsultationId',
            'joint_consultation.not_held',
            `会商定于 ${row.meetingOn} 召开，尚不能形成结论`,
          );
        }
        return {
          type: 'joint_consultation_concluded',
          data: { jointConsultationId: row.id, conclusion: conclusion.slice(0, 10_000) },
          after: async (eventId, moved) => {
            const letter = await this.letters.issueFor(ctx, eventId, moved, {
              kind: 'joint_consultation_minutes',
              recipient: 'agency',
              to: ctx.scoped?.handlingAgency.name ?? '',
              facts: {
                topic: row.topic,
                meetingOn: chineseDate(row.meetingOn),
                convenedBy: row.convenedBy,
                participants: row.participants.map((p) => ({
                  name: p.name,
                  kindLabel: JOINT_PARTICIPANT_LABELS[p.kind],
                  opinion: p.opinion,
                })),
                conclusion: conclusion.slice(0, 10_000),
                replyDue: moved.replyDue ? chineseDate(moved.replyDue) : '（见案件页）',
              },
            });
            await ctx.em.update(
              JointConsultationEntity,
              { id: row.id },
              {
                conclusion: conclusion.slice(0, 10_000),
                concludedOn: ctx.today,
                concludedBy: caller.principal.login,
                minutesLetterId: letter.id,
              },
            );
            return { jointConsultationId: row.id, letterId: letter.id, letterNumber: letter.number };
          },
        };
      },
    );
  }

  /** A request's 会商, oldest first (the caller has already been let see the request). */
  list(requestId: string): Promise<JointConsultationEntity[]> {
    return this.dataSource
      .getRepository(JointConsultationEntity)
      .find({ where: { requestId }, order: { convenedOn: 'ASC', id: 'ASC' } });
  }

  /**
   * 督办: the 会商 still open on requests of an agency's subtree (or everywhere the caller supervises),
   * overdue ones first (past the day their conclusion was due).
   */
  async open(caller: Caller<StaffPrincipal>, agencyId?: string): Promise<OpenJointConsultationRow[]> {
    let scopes = scopesFor(caller.principal, 'request.approve');
    if (agencyId) {
      const agency = await this.dataSource.getRepository(AgencyEntity).findOneBy({ id: agencyId });
      if (!agency || !canAt(caller.principal, 'request.approve', agency.path)) {
        throw agencyNotFound(agencyId);
      }
      scopes = [agency.path];
    }
    if (scopes.length === 0) {
      return [];
    }
    const rows = await this.dataSource.query<OpenJointConsultationRow[]>(
      `SELECT j.id, j.request_id AS "requestId", r.number, j.topic, j.meeting_on::text AS "meetingOn",
              j.conclude_by::text AS "concludeBy", r.reply_due::text AS "replyDue", a.name AS "agencyName",
              u.display_name AS assignee, j.conclude_by < $2 AS overdue
         FROM joint_consultation j JOIN request r ON r.id = j.request_id
         JOIN agency a ON a.id = r.handling_agency_id LEFT JOIN staff_user u ON u.id = r.assignee_id
        WHERE j.concluded_on IS NULL AND a.path LIKE ANY ($1::text[])
        ORDER BY overdue DESC, j.conclude_by, r.number LIMIT 500`,
      [scopes.map((s) => `${s}%`), this.clock.today()],
    );
    return rows;
  }
}
