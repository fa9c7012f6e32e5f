import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AgencyService } from '@gongkai/core/agencies';
import { Access, Clock, StaffCaller, hasPermission } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { DisclosureService } from '@gongkai/core/reports';
import type { Candidate } from '@gongkai/core/reports';
import { NO_ERRORS, Pages, formErrors, problemsOf, text } from '@gongkai/web';
import type { FormErrors } from '@gongkai/web';
import { agencyPeriod } from './report-scope';

/**
 * 转主动公开: the groups of requests in a subtree and period that ask for the same information, each with
 * its size, agencies, number of applicants, dates, typical wording, key terms and outcomes; a report
 * publisher marks one as published proactively (title, URL, date), and later requests like it tell their
 * handler where it was published.
 */
@ApiExcludeController()
@Controller('analysis/disclosure')
export class DisclosurePagesController {
  constructor(
    private readonly pages: Pages,
    private readonly disclosure: DisclosureService,
    private readonly agencies: AgencyService,
    private readonly clock: Clock,
  ) {}

  private async query(c: Caller<StaffPrincipal>, q: Record<string, unknown>) {
    const today = this.clock.today();
    const { options, period } = await agencyPeriod(
      this.agencies,
      c,
      q,
      today,
      `${Number(today.slice(0, 4)) - 1}-01-01`,
    );
    return { options, query: period };
  }

  @Get()
  @Access('report.read')
  async page(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const { query, options } = await this.query(c, req.query);
    return this.render(c, req, res, query, options, NO_ERRORS, null, {});
  }

  private async render(
    c: Caller<StaffPrincipal>,
    req: Request,
    res: Response,
    query: { agencyId: string; from: string; to: string },
    options: { value: string; label: string }[],
    errors: FormErrors,
    failedKey: string | null,
    values: Record<string, string>,
  ) {
    let candidates: Candidate[] = [];
    let queryErrors = NO_ERRORS;
    try {
      candidates = await this.disclosure.candidates(c, query);
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) {
        throw e;
      }
      queryErrors = formErrors(problems);
      res.status(400);
    }
    const published = query.agencyId ? await this.disclosure.published(c, query.agencyId) : [];
    const may = hasPermission(c.principal, 'report.publish');
    return this.pages.render(
      req,
      res,
      'analysis/disclosure',
      {
        q: query,
        options,
        queryErrors,
        errors,
        mayMark: may,
        today: this.clock.today(),
        candidates: candidates.map((k, i) => ({
          ...k,
          n: i + 1,
          agenciesText: k.agencies.join('、'),
          failed: k.key === failedKey,
          values: k.key === failedKey ? values : {},
        })),
        published,
        done: req.query.done === 'marked',
      },
      { title: '转主动公开', active: '/analysis/disclosure' },
    );
  }

  @Post()
  @Access('report.publish')
  async mark(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const { query, options } = await this.query(c, req.body as Record<string, unknown>);
    const values = {
      title: text(req.body, 'title', 200),
      url: text(req.body, 'url', 500),
      publishedOn: text(req.body, 'publishedOn', 10),
    };
    const key = text(req.body, 'key', 100);
    try {
      await this.disclosure.mark(c, { ...query, key, ...values });
      const p = new URLSearchParams({ ...query, done: 'marked' });
      return res.redirect(303, `/analysis/disclosure?${p.toString()}`);
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) {
        throw e;
      }
      res.status(400);
      return this.render(c, req, res, query, options, formErrors(problems), key, values);
    }
  }
}
