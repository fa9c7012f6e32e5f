import { Controller, Get, Logger, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { applicationProblems } from '@gongkai/domain';
import type { ApplicationFacts, FieldError } from '@gongkai/domain';
import { AgencyService } from '@gongkai/core/agencies';
import { AttachmentService, UPLOAD_LIMITS, uploadedFile } from '@gongkai/core/attachments';
import type { UploadedFileLike } from '@gongkai/core/attachments';
import { EmailProvider, SmsProvider } from '@gongkai/core/notifications';
import { Access, CitizenCaller, RateLimiter, createValidationPipe } from '@gongkai/core/platform';
import type { Caller, CitizenPrincipal } from '@gongkai/core/platform';
import { ApplicationDraftService, ApplicationDto, IntakeService } from '@gongkai/core/requests/intake';
import { TrackingService } from '@gongkai/core/requests/tracking';
import { NO_ERRORS, Pages, formErrors, problemsOf, ticked } from '@gongkai/web';
import { PORTAL_LIMITS } from '../../portal-limits';
import {
  ApplicationDraft,
  CHOICES,
  FILE_KIND_LABELS,
  FileKind,
  STEPS,
  emptyDraft,
  formField,
  onStep,
  readStep,
  stepOf,
  toApplication,
} from './application-form';
import { checkAnswers, privacyNotice, PRIVACY_NOTICE_VERSION } from './check-answers';
import { QUERY_CODE_COOKIE } from './receipt';

type StoredDraft = ApplicationDraft & { submittedRequestId?: string };
const FILE_FIELDS: FileKind[] = ['identity', 'licence', 'power_of_attorney', 'other'];
const GENERIC_CODES = new Set(['isNotEmpty', 'isUuid', 'isIn', 'isString', 'matches']);
const PAGE_MESSAGES: Record<string, string> = {
  agencyId: '请选择受理机关',
  applicantType: '请选择申请人类型',
  'applicant.name': '请填写申请人姓名或名称',
  phone: '请填写正确的联系电话',
  formOfProvision: '请选择获取信息的形式',
  deliveryChannel: '请选择获取信息的方式',
  'agent.name': '请填写代理人姓名',
  'agent.phone': '请填写正确的代理人联系电话',
};

/** 申请公开: the step-by-step application form, check your answers, submission and the receipt. */
@ApiExcludeController()
@Controller('apply')
export class ApplyPagesController {
  private readonly logger = new Logger(ApplyPagesController.name);
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly pages: Pages,
    private readonly drafts: ApplicationDraftService,
    private readonly intake: IntakeService,
    private readonly tracking: TrackingService,
    private readonly agencies: AgencyService,
    private readonly attachments: AttachmentService,
    private readonly limiter: RateLimiter,
    private readonly sms: SmsProvider,
    private readonly email: EmailProvider,
  ) {}

  @Get()
  @Access('citizen')
  async start(@CitizenCaller() c: Caller<CitizenPrincipal>, @Res() res: Response): Promise<void> {
    const draft = await this.drafts.load<StoredDraft>(c.principal.citizenId);
    if (draft?.content.submittedRequestId) {
      await this.drafts.discard(c.principal.citizenId);
    }
    res.redirect(303, '/apply/agency');
  }

  @Get('check')
  @Access('citizen')
  async check(@CitizenCaller() c: Caller<CitizenPrincipal>, @Req() req: Request, @Res() res: Response) {
    const draft = await this.draft(c);
    if (draft.submittedRequestId) {
      return res.redirect(303, `/requests/${draft.submittedRequestId}/receipt`);
    }
    await this.renderCheck(req, res, draft, NO_ERRORS, { privacy: false, declaration: false });
  }

  @Post('submit')
  @Access('citizen')
  async submit(@CitizenCaller() c: Caller<CitizenPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const stored = await this.drafts.load<StoredDraft>(c.principal.citizenId);
    if (stored?.content.submittedRequestId) {
      return res.redirect(303, `/requests/${stored.content.submittedRequestId}/receipt`);
    }
    if (!stored) {
      return res.redirect(303, '/apply');
    }
    const draft = stored.content;
    const ticks = { privacy: ticked(req.body, 'privacy'), declaration: ticked(req.body, 'declaration') };
    const refusals: FieldError[] = [];
    if (!ticks.privacy) {
      refusals.push({ field: 'privacy', code: 'required', message: '请阅读个人信息处理告知，并勾选确认' });
    }
    if (!ticks.declaration) {
      refusals.push({ field: 'declaration', code: 'required', message: '请勾选申请人声明' });
    }
    const { dto, problems } = await this.validate(draft);
    if (problems.length > 0 || refusals.length > 0 || !dto) {
      const all = [...problems.map((p) => ({ ...p, field: formField(p.field) })), ...refusals];
      res.status(400);
      return this.renderCheck(req, res, draft, formErrors(all), ticks, problems);
    }
    await this.limiter.hit(PORTAL_LIMITS.applyAccount, c.principal.citizenId);
    await this.limiter.hit(PORTAL_LIMITS.applyIp, req.ip ?? '');
    dto.privacyNoticeVersion = PRIVACY_NOTICE_VERSION;
    const { result, replayed } = await this.intake.applyOnline(c, dto, `portal-draft-${stored.id}`);
    await this.drafts.save(c.principal.citizenId, { ...draft, submittedRequestId: result.id });
    if (!replayed) {
      const code = await this.tracking.issueCode(result.id);
      if (code) {
        res.cookie(QUERY_CODE_COOKIE, `${result.id}:${code}`, {
          httpOnly: true,
          sameSite: 'strict',
          secure: req.secure,
          path: `/requests/${result.id}/receipt`,
          maxAge: 10 * 60 * 1000,
        });
        this.sendCode(dto, result.number, code);
      }
    }
    res.redirect(303, `/requests/${result.id}/receipt`);
  }

  @Get(':step')
  @Access('citizen')
  async showStep(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Param('step') slug: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const found = stepOf(slug);
    if (!found) {
      return res.redirect(303, '/apply/agency');
    }
    const draft = await this.draft(c);
    if (draft.submittedRequestId) {
      return res.redirect(303, `/requests/${draft.submittedRequestId}/receipt`);
    }
    await this.renderStep(req, res, found.index, draft, NO_ERRORS);
  }

  @Post(':step')
  @Access('citizen')
  @UseInterceptors(
    FileFieldsInterceptor(
      FILE_FIELDS.map((k) => ({ name: `file_${k}`, maxCount: 1 })),
      { limits: { ...UPLOAD_LIMITS, files: FILE_FIELDS.length, fields: 40 } },
    ),
  )
  async saveStep(
    @CitizenCaller() c: Caller<CitizenPrincipal>,
    @Param('step') slug: string,
    @Req() req: Request & { files?: Record<string, UploadedFileLike[]> },
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    const found = stepOf(slug);
    if (!found) {
      return res.redirect(303, '/apply/agency');
    }
    const { index, step } = found;
    let draft = readStep(step.slug, req.body, await this.draft(c));
    const action =
      typeof (req.body as Record<string, unknown>).action === 'string'
        ? String((req.body as Record<string, unknown>).action)
        : '';
    if (step.slug === 'items' && action === 'add' && draft.items.length < 50) {
      draft.items.push({ description: '', documentNumber: '' });
      await this.drafts.save(c.principal.citizenId, draft);
      return this.renderStep(
        req,
        res,
        index,
        draft,
        NO_ERRORS,
        `items[${draft.items.length - 1}].description`,
      );
    }
    const remove = /^remove-(\d+)$/.exec(action);
    if (step.slug === 'items' && remove) {
      draft.items.splice(Number(remove[1]), 1);
      if (draft.items.length === 0) {
        draft.items.push({ description: '', documentNumber: '' });
      }
      await this.drafts.save(c.principal.citizenId, draft);
      return this.renderStep(req, res, index, draft, NO_ERRORS);
    }
    const fileProblems: FieldError[] = [];
    if (step.slug === 'files' || step.slug === 'agent') {
      const uploads = await this.upload(c, req.files ?? {}, draft);
      draft = uploads.draft;
      fileProblems.push(...uploads.problems);
      const removeFile = /^remove-file-(\w+)$/.exec(action);
      if (removeFile) {
        draft.files = draft.files.filter((f) => f.kind !== removeFile[1]);
        await this.drafts.save(c.principal.citizenId, draft);
        return this.renderStep(req, res, index, draft, NO_ERRORS);
      }
    }
    await this.drafts.save(c.principal.citizenId, draft);
    const stepProblems = [
      ...(await this.validate(draft)).problems.filter((p) => onStep(step, p.field)),
      ...fileProblems,
    ];
    if (step.slug === 'agent' && !draft.hasAgent) {
      stepProblems.push({ field: 'hasAgent', code: 'required', message: '请选择是否委托代理人' });
    }
    if (stepProblems.length > 0) {
      res.status(400);
      return this.renderStep(
        req,
        res,
        index,
        draft,
        formErrors(stepProblems.map((p) => ({ ...p, field: formField(p.field) }))),
      );
    }
    const next =
      (req.body as Record<string, unknown>).returnTo === 'check' || index === STEPS.length - 1
        ? '/apply/check'
        : `/apply/${STEPS[index + 1].slug}`;
    res.redirect(303, next);
  }

  private async draft(c: Caller<CitizenPrincipal>): Promise<StoredDraft> {
    const found = await this.drafts.load<StoredDraft>(c.principal.citizenId);
    if (found) {
      return { ...emptyDraft(), ...found.content };
    }
    const phone = /^1\d{10}$/.test(c.principal.login) ? c.principal.login : '';
    const email = c.principal.login.includes('@') ? c.principal.login : '';
    return { ...emptyDraft(), phone, email };
  }

  /** Every problem of the draft as an application: field checks, then the rules of Art. 29. */
  private async validate(
    draft: ApplicationDraft,
  ): Promise<{ dto: ApplicationDto | null; problems: FieldError[] }> {
    const plain = toApplication(draft);
    let dto: ApplicationDto | null = null;
    let problems: FieldError[] = [];
    try {
      dto = (await this.pipe.transform(plain, {
        type: 'body',
        metatype: ApplicationDto,
        data: '',
      })) as ApplicationDto;
    } catch (e) {
      problems = problemsOf(e) ?? [];
      if (problems.length === 0) {
        throw e;
      }
    }
    const seen = new Set(problems.map((p) => p.field));
    // Until the type is chosen, the identity rules are those of a natural person (the form asks the type first).
    const facts = {
      ...plain,
      applicantType: draft.applicantType ?? 'natural_person',
    } as unknown as ApplicationFacts;
    for (const p of applicationProblems(facts)) {
      if (!seen.has(p.field)) {
        problems.push(p);
        seen.add(p.field);
      }
    }
    draft.items.forEach((item, i) => {
      if (
        item.description === '' &&
        !seen.has(`items.${i}.description`) &&
        (i === 0 || item.documentNumber !== '')
      ) {
        problems.push({
          field: `items.${i}.description`,
          code: 'required',
          message: '请填写所需信息的名称、文号或内容描述',
        });
      }
    });
    // The generic messages of type checks read better as what to do on this page.
    const friendly = problems.map((p) =>
      PAGE_MESSAGES[p.field] && GENERIC_CODES.has(p.code) ? { ...p, message: PAGE_MESSAGES[p.field] } : p,
    );
    return { dto: problems.length === 0 ? dto : null, problems: friendly };
  }

  private async upload(
    c: Caller<CitizenPrincipal>,
    files: Record<string, UploadedFileLike[]>,
    draft: ApplicationDraft,
  ): Promise<{ draft: ApplicationDraft; problems: FieldError[] }> {
    const problems: FieldError[] = [];
    const next = structuredClone(draft);
    for (const kind of FILE_FIELDS) {
      const file = files[`file_${kind}`]?.[0];
      if (!file || file.buffer.length === 0) {
        continue;
      }
      try {
        await this.limiter.hit(PORTAL_LIMITS.uploadAccount, c.principal.citizenId);
        const view = await this.attachments.upload(
          c,
          uploadedFile(file),
          kind === 'power_of_attorney' ? 'power_of_attorney' : kind === 'other' ? 'application' : 'identity',
        );
        next.files = [
          ...next.files.filter((f) => f.kind !== kind),
          { kind, attachmentId: view.id, name: view.fileName },
        ];
      } catch (e) {
        const p = problemsOf(e);
        if (!p) {
          throw e;
        }
        problems.push(...p.map((x) => ({ ...x, field: `files.${kind}` })));
      }
    }
    return { draft: next, problems };
  }

  private async renderStep(
    req: Request,
    res: Response,
    index: number,
    draft: ApplicationDraft,
    errors: ReturnType<typeof formErrors>,
    focus?: string,
  ): Promise<void> {
    const step = STEPS[index];
    const agencies = step.slug === 'agency' ? await this.agencies.acceptingApplications() : [];
    const file = (kind: FileKind) => draft.files.find((f) => f.kind === kind)?.name;
    await this.pages.render(
      req,
      res,
      `apply/${step.slug}`,
      {
        draft,
        errors,
        step: { number: index + 1, total: STEPS.length, slug: step.slug },
        back: index === 0 ? '/' : `/apply/${STEPS[index - 1].slug}`,
        returnTo: typeof req.query.change === 'string' ? 'check' : '',
        choices: CHOICES,
        agencies: agencies.map((a) => ({ value: a.id, label: a.name })),
        organization: draft.applicantType !== undefined && draft.applicantType !== 'natural_person',
        items: draft.items.map((item, i) => ({
          ...item,
          index: i,
          number: i + 1,
          removable: draft.items.length > 1,
        })),
        focus,
        files: FILE_FIELDS.map((kind) => ({ kind, label: FILE_KIND_LABELS[kind], current: file(kind) })),
        agentFile: file('power_of_attorney'),
      },
      { title: `${step.title}（第 ${index + 1} 步，共 ${STEPS.length} 步）`, active: '/apply' },
    );
  }

  private async renderCheck(
    req: Request,
    res: Response,
    draft: ApplicationDraft,
    errors: ReturnType<typeof formErrors>,
    ticks: { privacy: boolean; declaration: boolean },
    problems: FieldError[] = [],
  ): Promise<void> {
    const agency = draft.agencyId ? await this.agencies.find(draft.agencyId) : null;
    await this.pages.render(
      req,
      res,
      'apply/check',
      {
        errors,
        ticks,
        incomplete: problems.length > 0,
        sections: checkAnswers(draft, agency?.name ?? ''),
        notice: agency ? privacyNotice(agency) : null,
        noticeVersion: PRIVACY_NOTICE_VERSION,
      },
      { title: '核对申请内容并提交', active: '/apply' },
    );
  }

  /** The 查询码 also goes by SMS (and e-mail where given); a failed send is logged, never lost silently. */
  private sendCode(dto: ApplicationDto, number: string, code: string): void {
    const body = `您的政府信息公开申请已提交，申请编号 ${number}，查询码 ${code}。凭编号和查询码可在网站查询办理进度，请妥善保管。`;
    const key = `query-code:${number}`;
    this.sms.send({ to: dto.phone, subject: '政府信息公开', body, key }).catch((e: unknown) => {
      this.logger.warn({ err: e }, `query code SMS for ${number} not sent`);
    });
    if (dto.email) {
      this.email
        .send({ to: dto.email, subject: `政府信息公开申请 ${number} 的查询码`, body, key })
        .catch((e: unknown) => {
          this.logger.warn({ err: e }, `query code e-mail for ${number} not sent`);
        });
    }
  }
}
