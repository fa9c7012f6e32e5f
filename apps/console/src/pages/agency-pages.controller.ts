import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DISPOSITION_INFO, DomainError } from '@gongkai/domain';
import { AGENCY_KINDS, AgencyService, RETENTION_CLASSES } from '@gongkai/core/agencies';
import type { AgencyEntity, AgencyKind, RetentionClass } from '@gongkai/core/agencies';
import { Access, StaffCaller, createValidationPipe, scopesFor } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { formErrors, NO_ERRORS, Pages, problemsOf, text, ticked, UUID } from '@gongkai/web';
import type { FormErrors } from '@gongkai/web';
import { AgencySettingsDto, CreateAgencyDto, MoveAgencyDto } from '../agencies/agency.dto';

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  government: '人民政府',
  general_office: '政府办公室（厅）',
  department: '政府部门',
  dispatched_body: '派出机关',
  street_office: '街道办事处、乡镇人民政府',
};

const RETENTION_LABELS: Record<RetentionClass, string> = {
  permanent: '永久',
  '30y': '30 年',
  '10y': '10 年',
};

/** The settings form's text fields, in the order they are shown. */
const TEXT_FIELDS = [
  ['name', '机关名称', 100],
  ['shortName', '简称（用于申请编号和文书编号）', 20],
  ['letterHeader', '文书版头', 100],
  ['sealText', '印章文字', 100],
  ['address', '地址', 200],
  ['postalCode', '邮政编码', 6],
  ['phone', '联系电话', 40],
  ['email', '电子邮箱', 200],
  ['officeHours', '办公时间', 100],
  ['reconsiderationBody', '复议机关（救济告知）', 100],
  ['court', '管辖法院（救济告知）', 100],
  ['numberPattern', '申请编号格式', 60],
] as const;

/** How the settings form groups its text fields (every field of TEXT_FIELDS in one group). */
const FIELD_GROUPS = [
  { legend: '名称与编号', hint: '', names: ['name', 'shortName', 'numberPattern'] },
  { legend: '文书版头与印章', hint: '出现在本机关发出的每一份文书上。', names: ['letterHeader', 'sealText'] },
  {
    legend: '联系方式',
    hint: '写在文书末尾和公众门户的机关指南中。',
    names: ['address', 'postalCode', 'phone', 'email', 'officeHours'],
  },
  {
    legend: '救济途径',
    hint: '答复告知书据此告知申请人申请行政复议、提起行政诉讼的机关。',
    names: ['reconsiderationBody', 'court'],
  },
] as const;

// A text field left out of the groups would silently disappear from the form.
const GROUPED: readonly string[] = FIELD_GROUPS.flatMap((g) => g.names);
for (const [name] of TEXT_FIELDS) {
  if (!GROUPED.includes(name)) {
    throw new Error(`agency settings: the field ${name} is in no group of the form`);
  }
}

type Settings = Record<string, unknown>;

/** The settings form as the DTO reads it: text fields, the legal-review rules, the choices and ticks. */
function settingsInput(b: Record<string, unknown>): Settings {
  const out: Settings = {};
  for (const [name, , max] of TEXT_FIELDS) {
    out[name] = text(b, name, max + 50);
  }
  out.legalReview = {
    codes: text(b, 'reviewCodes', 2000)
      .split(/[\s,，、]+/)
      .filter(Boolean),
    thirdPartyObjection: ticked(b, 'reviewThirdParty'),
    sensitive: ticked(b, 'reviewSensitive'),
    priorRemedy: ticked(b, 'reviewPriorRemedy'),
    timeLimitWorkingDays: Number.parseInt(text(b, 'reviewDays', 4), 10),
  };
  out.retentionClass = text(b, 'retentionClass', 20);
  out.calendarRegion = text(b, 'calendarRegion', 40);
  out.acceptsApplications = ticked(b, 'acceptsApplications');
  out.excessiveCount = Number.parseInt(text(b, 'excessiveCount', 5), 10);
  out.excessiveDays = Number.parseInt(text(b, 'excessiveDays', 4), 10);
  return out;
}

/** Field names of the nested legal-review rules, as the form names them. */
const FORM_FIELD: Record<string, string> = {
  'legalReview.codes': 'reviewCodes',
  'legalReview.timeLimitWorkingDays': 'reviewDays',
};

function formProblems(e: unknown) {
  const problems = problemsOf(e);
  return problems?.map((p) => ({ ...p, field: FORM_FIELD[p.field] ?? p.field })) ?? null;
}

/**
 * 机关管理: the agency tree under the administrator, adding an agency, moving one (with its path
 * shown), deactivating it, and each disclosure office's settings — letter header, seal text,
 * contacts, the remedy bodies, the number pattern, the legal-review rules, retention, the
 * calendar region and whether it takes applications online.
 */
@ApiExcludeController()
@Controller('admin/agencies')
export class AgencyPagesController {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly pages: Pages,
    private readonly agencies: AgencyService,
  ) {}

  private async tree(c: Caller<StaffPrincipal>) {
    const rows = await this.agencies.subtree(scopesFor(c.principal, 'agency.manage'));
    const top = Math.min(...rows.map((a) => a.path.split('/').length));
    return rows.map((a) => ({ agency: a, depth: a.path.split('/').length - top }));
  }

  @Get()
  @Access('agency.manage')
  list(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    return this.renderList(c, req, res, NO_ERRORS, {});
  }

  private async renderList(
    c: Caller<StaffPrincipal>,
    req: Request,
    res: Response,
    errors: FormErrors,
    values: Record<string, string>,
  ) {
    const tree = await this.tree(c);
    return this.pages.render(
      req,
      res,
      'admin/agencies',
      {
        rows: tree.map(({ agency: a, depth }) => ({
          id: a.id,
          name: a.name,
          code: a.code,
          kind: AGENCY_KIND_LABELS[a.kind],
          active: a.active,
          acceptsApplications: a.acceptsApplications,
          indent: depth,
        })),
        parents: tree
          .filter((t) => t.agency.active)
          .map((t) => ({ value: t.agency.id, label: `${'　'.repeat(t.depth)}${t.agency.name}` })),
        kinds: AGENCY_KINDS.map((k) => ({ value: k, label: AGENCY_KIND_LABELS[k] })),
        errors,
        values,
        failed: errors.summary.length > 0,
        done: typeof req.query.done === 'string' ? req.query.done : null,
      },
      { title: '机关管理', active: '/admin/agencies' },
    );
  }

  @Post()
  @Access('agency.manage')
  async create(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const b = req.body as Record<string, unknown>;
    const values = {
      parentId: text(b, 'parentId', 40),
      code: text(b, 'code', 60),
      kind: text(b, 'kind', 30),
      name: text(b, 'name', 150),
      shortName: text(b, 'shortName', 70),
      reconsiderationBody: text(b, 'reconsiderationBody', 150),
      court: text(b, 'court', 150),
    };
    try {
      const dto = (await this.pipe.transform(values, {
        type: 'body',
        metatype: CreateAgencyDto,
        data: '',
      })) as CreateAgencyDto;
      const agency = await this.agencies.create(c, { ...dto, parentId: dto.parentId ?? null });
      return res.redirect(303, `/admin/agencies/${agency.id}?done=created`);
    } catch (e) {
      const problems =
        e instanceof DomainError && e.code === 'AGENCY.CODE_TAKEN'
          ? [{ field: 'code', code: 'code.taken', message: e.message }]
          : formProblems(e);
      if (!problems) {
        throw e;
      }
      res.status(400);
      return this.renderList(c, req, res, formErrors(problems), values);
    }
  }

  private async agencyOr404(c: Caller<StaffPrincipal>, id: string): Promise<AgencyEntity> {
    const found = UUID.test(id) ? (await this.tree(c)).find((t) => t.agency.id === id) : undefined;
    if (!found) {
      throw new DomainError('AGENCY.NOT_FOUND', 'not_found', '机关不存在或不在您的管理范围内。');
    }
    return found.agency;
  }

  @Get(':id')
  @Access('agency.manage')
  async settings(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const agency = await this.agencyOr404(c, String(req.params.id));
    return this.renderSettings(c, req, res, agency, NO_ERRORS, null);
  }

  private async renderSettings(
    c: Caller<StaffPrincipal>,
    req: Request,
    res: Response,
    agency: AgencyEntity,
    errors: FormErrors,
    posted: Settings | null,
    message: string | null = null,
  ) {
    const [trail, regions, tree] = await Promise.all([
      this.agencies.trail(agency.path),
      this.agencies.regions(),
      this.tree(c),
    ]);
    const v = (posted ?? agency) as unknown as Record<string, unknown>;
    const str = (x: unknown, fallback: string) => (typeof x === 'string' ? x : fallback);
    const review = (v.legalReview ?? agency.legalReview) as AgencyEntity['legalReview'];
    return this.pages.render(
      req,
      res,
      'admin/agency',
      {
        agency,
        trail: trail.join(' / '),
        kind: AGENCY_KIND_LABELS[agency.kind],
        // The text fields in groups a clerk looks for: name and numbering, letters, contacts, remedies.
        groups: FIELD_GROUPS.map((g) => ({
          legend: g.legend,
          hint: g.hint,
          fields: TEXT_FIELDS.filter(([name]) => (g.names as readonly string[]).includes(name)).map(
            ([name, label, max]) => ({
              name,
              label,
              max,
              value: str(v[name], ''),
              optional: ['address', 'postalCode', 'phone', 'email', 'officeHours'].includes(name),
              error: errors.fields[name] ?? null,
            }),
          ),
        })),
        review: {
          codes: review.codes.join('\n'),
          thirdPartyObjection: review.thirdPartyObjection,
          sensitive: review.sensitive,
          priorRemedy: review.priorRemedy,
          days: String(review.timeLimitWorkingDays),
        },
        codeHint: Object.keys(DISPOSITION_INFO).slice(0, 4).join('、'),
        retention: RETENTION_CLASSES.map((r) => ({ value: r, label: RETENTION_LABELS[r] })),
        retentionClass: str(v.retentionClass, agency.retentionClass),
        regions: regions.map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` })),
        calendarRegion: str(v.calendarRegion, agency.calendarRegion),
        acceptsApplications: Boolean(v.acceptsApplications),
        excessiveCount: Number.isFinite(v.excessiveCount) ? String(v.excessiveCount) : '',
        excessiveDays: Number.isFinite(v.excessiveDays) ? String(v.excessiveDays) : '',
        // Where it may move: any agency in reach outside its own subtree, with the path shown.
        parents: await Promise.all(
          tree
            .filter((t) => t.agency.active && !t.agency.path.startsWith(agency.path))
            .map(async (t) => ({
              value: t.agency.id,
              label: (await this.agencies.trail(t.agency.path)).join(' / '),
            })),
        ),
        isRoot: !agency.parentId,
        errors,
        message,
        done: typeof req.query.done === 'string' ? req.query.done : null,
      },
      { title: `${agency.name} · 机关设置`, active: '/admin/agencies' },
    );
  }

  @Post(':id/settings')
  @Access('agency.manage')
  async saveSettings(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const agency = await this.agencyOr404(c, String(req.params.id));
    const input = settingsInput(req.body as Record<string, unknown>);
    try {
      const dto = (await this.pipe.transform(input, {
        type: 'body',
        metatype: AgencySettingsDto,
        data: '',
      })) as AgencySettingsDto;
      await this.agencies.update(c, agency.id, dto);
      return res.redirect(303, `/admin/agencies/${agency.id}?done=saved`);
    } catch (e) {
      const problems = formProblems(e);
      if (!problems) {
        throw e;
      }
      res.status(400);
      return this.renderSettings(c, req, res, agency, formErrors(problems), input);
    }
  }

  @Post(':id/move')
  @Access('agency.manage')
  async move(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const agency = await this.agencyOr404(c, String(req.params.id));
    const input = { parentId: text(req.body, 'parentId', 40) };
    try {
      const dto = (await this.pipe.transform(input, {
        type: 'body',
        metatype: MoveAgencyDto,
        data: '',
      })) as MoveAgencyDto;
      await this.agencies.move(c, agency.id, dto.parentId);
      return res.redirect(303, `/admin/agencies/${agency.id}?done=moved`);
    } catch (e) {
      const problems = formProblems(e);
      if (problems) {
        res.status(400);
        return this.renderSettings(c, req, res, agency, formErrors(problems), null);
      }
      if (e instanceof DomainError && e.kind === 'conflict') {
        res.status(409);
        return this.renderSettings(c, req, res, agency, NO_ERRORS, null, e.message);
      }
      throw e;
    }
  }

  /** Deactivate (no new applications, kept for its history) or activate again. */
  @Post(':id/active')
  @Access('agency.manage')
  async setActive(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const agency = await this.agencyOr404(c, String(req.params.id));
    const active = text(req.body, 'active', 5) === 'yes';
    await this.agencies.update(c, agency.id, { active });
    return res.redirect(303, `/admin/agencies/${agency.id}?done=${active ? 'activated' : 'deactivated'}`);
  }
}
