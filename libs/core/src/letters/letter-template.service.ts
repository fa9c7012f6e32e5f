import { invalidInput } from '@gongkai/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform';
import { Clock } from '../platform';
import { Caller, StaffPrincipal, actorOf, assertCanAt } from '../platform';
import { AgencyEntity, agencyNotFound } from '../agencies';

import { LETTER_KINDS, LETTER_KIND_INFO, LetterKind } from './letter-kinds';
import { LetterTemplateEntity } from './letter.entities';
import { renderLetterHtml } from './letter-renderer';

/** Names of the editable slots, as the template page shows them. */
export const SLOT_LABELS: Record<string, string> = {
  contact: '联系与办理说明',
  howToCorrect: '补正方式',
  howToPay: '缴费方式',
};

/** Sample facts for previewing a template: plausible values for what any letter may show. */
const SAMPLE_FACTS: Record<string, unknown> = {
  address: '示范市示范区建设路 1 号',
  amountYuan: '100',
  answerDue: '2026年3月20日',
  answeredOn: '2026年3月10日',
  applicantType: '自然人',
  bands: [{ label: '超出部分（每件）', units: 10, unitYuan: '10', amountYuan: '100' }],
  basisLabel: '《中华人民共和国政府信息公开条例》第三十六条第（一）项',
  channel: '网上申请',
  contactPerson: '张××',
  deadline: '2026年3月20日',
  defects: ['所需信息的名称不明确', '缺少身份证明'],
  deliveryChannel: '电子邮件',
  disclosure: '予以公开',
  documents: '示范区人民政府关于××的通知',
  email: 'zh***@example.cn',
  formOfProvision: '电子文档',
  idNumber: '1101**********1234',
  items: [
    {
      position: 1,
      description: '2025 年示范区道路改造工程的批复文件',
      outcomeText: '经查，该信息予以公开，见附件。',
      provision: '',
      reasons: '',
      legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
    },
  ],
  newDue: '2026年4月10日',
  note: '',
  objection: '',
  openedOn: '2026年3月2日',
  payDue: '2026年4月1日',
  perRequest: false,
  periodDue: '2026年3月20日',
  periodWorkingDays: 20,
  phone: '138****0000',
  provisional: false,
  quantity: 1,
  question: '是否同意公开该信息',
  reason: '需要征求第三方意见',
  reasons: '申请内容较多，需要较长时间检索',
  replyDue: '2026年3月20日',
  servedBy: '李××',
  servedOn: '2026年3月11日',
  signedBy: '王××',
  standard: '按件计收',
  subject: '道路改造',
  summary: '申请公开道路改造工程的批复文件',
  text: '',
  trackingNumber: 'EMS 1234567890',
  workingDays: 20,
  topic: '是否属于过程性信息',
  meetingOn: '2026年3月12日',
  convenedBy: '王××',
  participants: [{ name: '业务科室', kindLabel: '业务部门', opinion: '属于内部研究材料。' }],
  conclusion: '按过程性信息不予公开，并告知理由。',
};

export interface TemplateView {
  kind: LetterKind;
  title: string;
  version: number;
  slots: Record<string, string>;
  defaults: Record<string, string>;
}

/**
 * Per-agency wording of the editable slots of each template. Each change is a new version (never
 * an edit), audited; the legal wording stays locked in code.
 */
@Injectable()
export class LetterTemplateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller<StaffPrincipal>, agencyId: string): Promise<TemplateView[]> {
    await this.agencyFor(caller, agencyId);
    const rows = await this.dataSource
      .getRepository(LetterTemplateEntity)
      .find({ where: { agencyId }, order: { version: 'DESC' } });
    return LETTER_KINDS.map((kind) => {
      const latest = rows.find((r) => r.kind === kind);
      const defaults = LETTER_KIND_INFO[kind].slots;
      return {
        kind,
        title: LETTER_KIND_INFO[kind].title,
        version: latest?.version ?? 0,
        slots: { ...defaults, ...latest?.slots },
        defaults,
      };
    });
  }

  /** Every version of one template at an agency, newest first (who, when, why, what changed). */
  async history(caller: Caller<StaffPrincipal>, agencyId: string, kind: LetterKind) {
    await this.agencyFor(caller, agencyId);
    const rows = await this.dataSource
      .getRepository(LetterTemplateEntity)
      .find({ where: { agencyId, kind }, order: { version: 'DESC' } });
    return rows.map((r, i) => {
      const before = rows[i + 1]?.slots ?? LETTER_KIND_INFO[kind].slots;
      return {
        version: r.version,
        createdBy: r.createdBy,
        createdAt: r.createdAt,
        reason: r.reason,
        changed: Object.keys(r.slots).filter((k) => r.slots[k] !== before[k]),
      };
    });
  }

  /**
   * The letter as it would read with these slot texts, on sample data (nothing saved): the locked
   * legal wording around the agency's own.
   */
  async preview(
    caller: Caller<StaffPrincipal>,
    agencyId: string,
    kind: LetterKind,
    slots: Record<string, string>,
  ): Promise<string> {
    const agency = await this.agencyFor(caller, agencyId);
    const info = LETTER_KIND_INFO[kind];
    const allowed = Object.fromEntries(
      Object.keys(info.slots).map((k) => [
        k,
        typeof slots[k] === 'string' ? slots[k].slice(0, 500) : info.slots[k],
      ]),
    );
    return renderLetterHtml(kind, {
      agency,
      letter: {
        title: info.title,
        number: `${agency.shortName}依申${info.series}〔2026〕0001号`,
        date: '2026年3月10日',
      },
      to: '张××',
      request: {
        number: `${agency.shortName}依申〔2026〕0001号`,
        receivedOn: '2026年3月2日',
        applicantName: '张××',
        items: [{ position: 1, description: '2025 年示范区道路改造工程的批复文件', documentNumber: null }],
      },
      facts: SAMPLE_FACTS,
      remedies: {
        reconsiderationFirst: false,
        alsoDisclosed: false,
        body: agency.reconsiderationBody,
        court: agency.court,
      },
      slots: allowed,
    });
  }

  private async agencyFor(caller: Caller<StaffPrincipal>, agencyId: string): Promise<AgencyEntity> {
    const agency = await this.dataSource.getRepository(AgencyEntity).findOneBy({ id: agencyId });
    if (!agency) {
      throw agencyNotFound(agencyId);
    }
    assertCanAt(caller.principal, 'template.manage', agency.path);
    return agency;
  }

  async update(
    caller: Caller<StaffPrincipal>,
    agencyId: string,
    kind: LetterKind,
    input: { slots: Record<string, string>; reason: string },
  ): Promise<TemplateView> {
    const allowed = Object.keys(LETTER_KIND_INFO[kind].slots);
    for (const [name, text] of Object.entries(input.slots)) {
      if (!allowed.includes(name)) {
        throw invalidInput(
          `slots.${name}`,
          'slot.locked',
          `“${name}”不是可编辑的内容（可编辑：${allowed.join('、') || '无'}）`,
        );
      }
      if (typeof text !== 'string' || text.length > 500) {
        throw invalidInput(`slots.${name}`, 'slot.invalid', '可编辑内容须为不超过500字的文字');
      }
    }
    return this.dataSource.transaction(async (em) => {
      const agency = await em.getRepository(AgencyEntity).findOneBy({ id: agencyId });
      if (!agency) {
        throw invalidInput('agencyId', 'agency.unknown', '机关不存在');
      }
      assertCanAt(caller.principal, 'template.manage', agency.path);
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`letter_template:${agencyId}:${kind}`]);
      const latest = await em
        .getRepository(LetterTemplateEntity)
        .findOne({ where: { agencyId, kind }, order: { version: 'DESC' } });
      const row = {
        agencyId,
        kind,
        version: (latest?.version ?? 0) + 1,
        slots: { ...latest?.slots, ...input.slots },
        reason: input.reason,
        createdBy: actorOf(caller.principal),
        createdAt: this.clock.now(),
      };
      await em.insert(LetterTemplateEntity, row);
      await this.audit.record(em, {
        actor: actorOf(caller.principal),
        ip: caller.ip,
        action: 'letter_template.updated',
        objectType: 'agency',
        objectId: agencyId,
        result: 'success',
        details: {
          kind,
          version: row.version,
          before: latest?.slots ?? {},
          after: row.slots,
          reason: input.reason,
        },
      });
      return {
        kind,
        title: LETTER_KIND_INFO[kind].title,
        version: row.version,
        slots: { ...LETTER_KIND_INFO[kind].slots, ...row.slots },
        defaults: LETTER_KIND_INFO[kind].slots,
      };
    });
  }
}
