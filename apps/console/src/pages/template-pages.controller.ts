import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@gongkai/domain';
import { AgencyService } from '@gongkai/core/agencies';
import {
  LETTER_KINDS,
  LETTER_KIND_INFO,
  LetterTemplateService,
  SLOT_LABELS,
  isLetterKind,
} from '@gongkai/core/letters';
import type { LetterKind } from '@gongkai/core/letters';
import { Access, StaffCaller, createValidationPipe, scopesFor } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { formErrors, NO_ERRORS, Pages, problemsOf, text, UUID } from '@gongkai/web';
import type { FormErrors } from '@gongkai/web';
import { TemplateSlotsDto } from '../handling/handling.dto';

function notFound(): DomainError {
  return new DomainError('TEMPLATE.NOT_FOUND', 'not_found', '找不到该文书模板。');
}

/** The slot texts of a posted form (`slot_<name>`), only the slots the kind has. */
function postedSlots(kind: LetterKind, body: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.keys(LETTER_KIND_INFO[kind].slots).map((name) => [name, text(body, `slot_${name}`, 600)]),
  );
}

/**
 * 文书模板: per agency and kind of letter, the editable slots with a preview on sample data (the
 * locked legal wording shown around them, never editable), saved as new versions with a reason,
 * and the history of versions.
 */
@ApiExcludeController()
@Controller('admin/templates')
export class TemplatePagesController {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly pages: Pages,
    private readonly templates: LetterTemplateService,
    private readonly agencies: AgencyService,
  ) {}

  private async agencyOptions(c: Caller<StaffPrincipal>) {
    return (await this.agencies.subtree(scopesFor(c.principal, 'template.manage'))).map((a) => ({
      value: a.id,
      label: a.name,
    }));
  }

  @Get()
  @Access('template.manage')
  async list(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const options = await this.agencyOptions(c);
    const wanted = typeof req.query.agencyId === 'string' ? req.query.agencyId : '';
    const agencyId = options.some((o) => o.value === wanted) ? wanted : (options[0]?.value ?? '');
    const views = agencyId ? await this.templates.list(c, agencyId) : [];
    return this.pages.render(
      req,
      res,
      'admin/templates',
      {
        agencyId,
        agencyOptions: options,
        rows: views.map((v) => ({
          kind: v.kind,
          title: v.title,
          version: v.version,
          slots: Object.keys(v.defaults).length,
          customised: Object.keys(v.defaults).filter((k) => v.slots[k] !== v.defaults[k]).length,
        })),
      },
      { title: '文书模板', active: '/admin/templates' },
    );
  }

  private kindOf(req: Request): { agencyId: string; kind: LetterKind } {
    const agencyId = String(req.params.agencyId);
    const kind = String(req.params.kind);
    if (!UUID.test(agencyId) || !isLetterKind(kind)) {
      throw notFound();
    }
    return { agencyId, kind };
  }

  @Get(':agencyId/:kind')
  @Access('template.manage')
  async edit(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const { agencyId, kind } = this.kindOf(req);
    return this.renderEdit(c, req, res, agencyId, kind, NO_ERRORS, null, '');
  }

  private async renderEdit(
    c: Caller<StaffPrincipal>,
    req: Request,
    res: Response,
    agencyId: string,
    kind: LetterKind,
    errors: FormErrors,
    posted: Record<string, string> | null,
    reason: string,
  ) {
    const [views, history, options] = await Promise.all([
      this.templates.list(c, agencyId),
      this.templates.history(c, agencyId, kind),
      this.agencyOptions(c),
    ]);
    const view = views.find((v) => v.kind === kind)!;
    const base = `/admin/templates/${agencyId}/${kind}`;
    return this.pages.render(
      req,
      res,
      'admin/template',
      {
        base,
        agencyId,
        agencyName: options.find((o) => o.value === agencyId)?.label ?? '',
        title: view.title,
        version: view.version,
        slots: Object.keys(view.defaults).map((name) => ({
          name: `slot_${name}`,
          label: SLOT_LABELS[name] ?? name,
          value: posted?.[name] ?? view.slots[name],
          defaultText: view.defaults[name],
          error: errors.fields[`slots.${name}`] ?? errors.fields[`slot_${name}`] ?? null,
        })),
        reason,
        errors,
        history: history.map((h) => ({
          ...h,
          changedLabels: h.changed.map((k) => SLOT_LABELS[k] ?? k).join('、') || '—',
        })),
        kinds: LETTER_KINDS.map((k) => ({ value: k, label: LETTER_KIND_INFO[k].title })),
        done: req.query.done === 'saved',
      },
      { title: `${view.title} · 文书模板`, active: '/admin/templates' },
    );
  }

  @Post(':agencyId/:kind')
  @Access('template.manage')
  async save(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const { agencyId, kind } = this.kindOf(req);
    const slots = postedSlots(kind, req.body);
    const reason = text(req.body, 'reason', 600);
    try {
      const dto = (await this.pipe.transform(
        { slots, reason },
        { type: 'body', metatype: TemplateSlotsDto, data: '' },
      )) as TemplateSlotsDto;
      await this.templates.update(c, agencyId, kind, dto);
      return res.redirect(303, `/admin/templates/${agencyId}/${kind}?done=saved`);
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) {
        throw e;
      }
      res.status(400);
      return this.renderEdit(c, req, res, agencyId, kind, formErrors(problems), slots, reason);
    }
  }

  /** The letter on sample data: GET with the saved wording, POST with the form's (nothing saved). */
  @Get(':agencyId/:kind/preview')
  @Access('template.manage')
  async previewSaved(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const { agencyId, kind } = this.kindOf(req);
    const view = (await this.templates.list(c, agencyId)).find((v) => v.kind === kind)!;
    return this.sendPreview(res, await this.templates.preview(c, agencyId, kind, view.slots));
  }

  @Post(':agencyId/:kind/preview')
  @HttpCode(200)
  @Access('template.manage')
  async previewPosted(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const { agencyId, kind } = this.kindOf(req);
    return this.sendPreview(
      res,
      await this.templates.preview(c, agencyId, kind, postedSlots(kind, req.body)),
    );
  }

  private sendPreview(res: Response, html: string) {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
    );
    res.end(html);
  }
}
