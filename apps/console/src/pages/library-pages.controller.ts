import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, StaffCaller, hasPermission, uuidPipe } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { CURATED_KINDS, CaseLibraryService, LIBRARY_KINDS, LIBRARY_KIND_LABELS } from '@gongkai/core/reports';
import type { CuratedInput, CuratedKind, LibraryKind } from '@gongkai/core/reports';
import { NO_ERRORS, Pages, formErrors, problemsOf, text, ticked } from '@gongkai/web';
import type { FormErrors } from '@gongkai/web';

const PAGE_SIZE = 20;

/** The curated entry form's values from a posted body. */
function curatedInput(body: unknown): CuratedInput {
  return {
    kind: text(body, 'kind', 20) as CuratedKind,
    title: text(body, 'title', 200),
    body: text(body, 'body', 100_000),
    tags: text(body, 'tags', 1000)
      .split(/[，,、\s]+/)
      .map((t) => t.trim())
      .filter(Boolean),
    source: text(body, 'source', 500),
  };
}

/**
 * 案例库: search (Chinese full text, the matching passage marked), an entry with its items, outcomes,
 * bases, letter text and commentary, 典型案例 marking with a commentary, and curated entries.
 */
@ApiExcludeController()
@Controller('library')
export class LibraryPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly library: CaseLibraryService,
  ) {}

  @Get()
  @Access('request.read')
  async search(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const q = text(req.query, 'q', 200);
    const kindRaw = text(req.query, 'kind', 20);
    const kind = (LIBRARY_KINDS as readonly string[]).includes(kindRaw) ? (kindRaw as LibraryKind) : '';
    const typicalOnly = ticked(req.query, 'typical');
    const page = Math.max(1, Math.min(Number(text(req.query, 'page', 4)) || 1, 500));
    const found = await this.library.search(c, { q, kind, typicalOnly, page });
    const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    const link = (p: number) =>
      `/library?${new URLSearchParams({ q, kind, ...(typicalOnly ? { typical: 'yes' } : {}), page: String(p) }).toString()}`;
    return this.pages.render(
      req,
      res,
      'library/search',
      {
        q,
        kind,
        typicalOnly,
        kinds: [
          { value: '', label: '全部' },
          ...LIBRARY_KINDS.map((k) => ({ value: k, label: LIBRARY_KIND_LABELS[k] })),
        ],
        found,
        searched: q.length > 0 || kind !== '' || typicalOnly,
        page,
        pages,
        start: (page - 1) * PAGE_SIZE + 1,
        prev: page > 1 ? link(page - 1) : null,
        next: page < pages ? link(page + 1) : null,
        mayCurate: hasPermission(c.principal, 'library.curate'),
        done: text(req.query, 'done', 20),
      },
      { title: '案例库', active: '/library' },
    );
  }

  @Get('new')
  @Access('library.curate')
  newEntry(@Req() req: Request, @Res() res: Response) {
    return this.renderForm(req, res, null, { kind: 'policy' }, NO_ERRORS);
  }

  @Post('new')
  @Access('library.curate')
  async add(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const input = curatedInput(req.body);
    try {
      const { id } = await this.library.add(c, input);
      return res.redirect(303, `/library/${id}?done=added`);
    } catch (e) {
      return this.formRefused(req, res, null, input, e);
    }
  }

  @Get(':id')
  @Access('request.read')
  async entry(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.renderEntry(c, id, req, res, NO_ERRORS, {});
  }

  @Get(':id/edit')
  @Access('library.curate')
  async edit(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const e = await this.library.entry(c, id);
    if (e.kind === 'case' || !e.mayCurate) {
      return res.redirect(303, `/library/${id}`);
    }
    return this.renderForm(
      req,
      res,
      id,
      { kind: e.kind, title: e.title, body: e.body, tags: e.tags.join('、'), source: e.source ?? '' },
      NO_ERRORS,
    );
  }

  @Post(':id/edit')
  @Access('library.curate')
  async update(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    const input = curatedInput(req.body);
    try {
      await this.library.update(c, id, input);
      return res.redirect(303, `/library/${id}?done=changed`);
    } catch (e) {
      return this.formRefused(req, res, id, input, e);
    }
  }

  @Post(':id/typical')
  @Access('library.curate')
  async typical(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    const typical = text(req.body, 'typical', 5) !== 'no';
    const commentary = text(req.body, 'commentary', 10_000);
    try {
      await this.library.markTypical(c, id, { typical, commentary });
      return res.redirect(303, `/library/${id}?done=${typical ? 'typical' : 'untypical'}`);
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) {
        throw e;
      }
      res.status(400);
      return this.renderEntry(
        c,
        id,
        req,
        res,
        formErrors(problems, (f) => f, 'typical'),
        { commentary },
      );
    }
  }

  private formRefused(req: Request, res: Response, id: string | null, input: CuratedInput, e: unknown) {
    const problems = problemsOf(e);
    if (!problems) {
      throw e;
    }
    res.status(400);
    return this.renderForm(
      req,
      res,
      id,
      { ...input, tags: (input.tags ?? []).join('、'), source: input.source ?? '' },
      formErrors(problems, (f) => f, 'entry'),
    );
  }

  private renderForm(
    req: Request,
    res: Response,
    id: string | null,
    values: Record<string, unknown>,
    errors: FormErrors,
  ) {
    return this.pages.render(
      req,
      res,
      'library/entry-form',
      {
        id,
        values,
        errors,
        kinds: CURATED_KINDS.map((k) => ({ value: k, label: LIBRARY_KIND_LABELS[k] })),
      },
      { title: id ? '修改案例库条目' : '添加案例库条目', active: '/library' },
    );
  }

  private async renderEntry(
    c: Caller<StaffPrincipal>,
    id: string,
    req: Request,
    res: Response,
    errors: FormErrors,
    values: Record<string, string>,
  ) {
    const e = await this.library.entry(c, id);
    const done = text(req.query, 'done', 20);
    return this.pages.render(
      req,
      res,
      'library/entry',
      {
        e,
        errors,
        values: { commentary: values.commentary ?? e.commentary ?? '' },
        done:
          {
            added: '已添加。',
            changed: '已保存修改。',
            typical: '已标记为典型案例。',
            untypical: '已取消典型案例标记。',
          }[done] ?? null,
      },
      { title: e.title, active: '/library' },
    );
  }
}
