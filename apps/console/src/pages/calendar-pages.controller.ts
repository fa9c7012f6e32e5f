import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, validationFailed } from '@gongkai/domain';
import type { FieldError } from '@gongkai/domain';
import { CalendarService, NATIONAL } from '@gongkai/core/calendar';
import { CalendarAdminService } from '@gongkai/core/deadlines/calendar-publishing';
import { Access, Clock, StaffCaller } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { NO_ERRORS, Pages, formErrors, problemsOf, text } from '@gongkai/web';
import type { FormErrors } from '@gongkai/web';

const KIND_WORDS: Record<string, string> = { holiday: '休', makeup_workday: '班' };
const KIND_INPUT: Record<string, 'holiday' | 'makeup_workday'> = {
  休: 'holiday',
  holiday: 'holiday',
  班: 'makeup_workday',
  makeup_workday: 'makeup_workday',
};
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** The special days as the form writes them: one a line, `2027-02-06 休 春节` or `2027-02-14 班 春节调休`. */
export function parseSpecialDays(textarea: string): {
  days: { date: string; kind: 'holiday' | 'makeup_workday'; name: string }[];
  problems: FieldError[];
} {
  const days: { date: string; kind: 'holiday' | 'makeup_workday'; name: string }[] = [];
  const problems: FieldError[] = [];
  textarea
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, i) => {
      const [date, kind, ...name] = line.split(/\s+/);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '') || !KIND_INPUT[kind ?? ''] || name.length === 0) {
        problems.push({
          field: 'days',
          code: 'days.line',
          message: `第 ${i + 1} 行格式应为“2027-02-06 休 春节”或“2027-02-14 班 春节调休”`,
        });
        return;
      }
      days.push({ date, kind: KIND_INPUT[kind], name: name.join(' ') });
    });
  return { days, problems };
}

/**
 * 工作日历: a region's year as a month grid (休 and 班 written in the cells, never by colour alone),
 * its publication and history; editing the special days with the notice reference, a preview of how
 * many open requests would get a new statutory date, and publishing only after that confirmation.
 */
@ApiExcludeController()
@Controller('admin/calendar')
export class CalendarPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly calendars: CalendarService,
    private readonly admin: CalendarAdminService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access('calendar.manage')
  show(@Req() req: Request, @Res() res: Response) {
    return this.render(req, res, this.choice(req.query), {});
  }

  /** Preview (nothing written) or publish (after the preview), by the button pressed. */
  @Post()
  @Access('calendar.manage')
  async submit(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const b = req.body as Record<string, unknown>;
    const choice = this.choice(b);
    const noticeRef = text(b, 'noticeRef', 100);
    const daysText = text(b, 'days', 20_000);
    const publish = text(b, 'step', 10) === 'publish';
    try {
      await this.admin.assertMayManage(c.principal, choice.region);
      const { days, problems } = parseSpecialDays(daysText);
      if (noticeRef.length < 2) {
        problems.unshift({ field: 'noticeRef', code: 'required', message: '请填写发布依据（通知文号）' });
      }
      if (problems.length) {
        throw validationFailed(problems);
      }
      const input = { region: choice.region, year: choice.year, noticeRef, days };
      if (publish) {
        const done = await this.admin.publishYear(input, c.principal.login);
        return res.redirect(
          303,
          `/admin/calendar?region=${encodeURIComponent(choice.region)}&year=${choice.year}&published=${done.recomputedRequests}`,
        );
      }
      const preview = await this.admin.previewYear(input, c.principal.login);
      return this.render(req, res, choice, { preview, values: { noticeRef, days: daysText } });
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) {
        if (e instanceof DomainError && e.kind === 'invalid_input') {
          res.status(400);
          return this.render(req, res, choice, {
            message: e.message,
            values: { noticeRef, days: daysText },
          });
        }
        throw e;
      }
      res.status(400);
      return this.render(req, res, choice, {
        errors: formErrors(
          problems.map((p) => ({ ...p, field: p.field.startsWith('days') ? 'days' : p.field })),
        ),
        values: { noticeRef, days: daysText },
      });
    }
  }

  private choice(q: Record<string, unknown>) {
    const region = typeof q.region === 'string' && /^[a-z0-9_-]{1,40}$/.test(q.region) ? q.region : NATIONAL;
    const thisYear = Number(this.clock.today().slice(0, 4));
    const year = Number.parseInt(typeof q.year === 'string' ? q.year : '', 10);
    return { region, year: year >= 2000 && year <= thisYear + 2 ? year : thisYear + 1 };
  }

  private async render(
    req: Request,
    res: Response,
    choice: { region: string; year: number },
    state: {
      preview?: { recomputedRequests: number; action: string };
      errors?: FormErrors;
      values?: { noticeRef: string; days: string };
      message?: string;
    },
  ) {
    const [overview, calendar, history] = await Promise.all([
      this.admin.overview(),
      this.calendars.calendarFor(choice.region),
      this.admin.history(choice.region, choice.year),
    ]);
    const region = overview.find((r) => r.code === choice.region);
    const published = region?.years.find((y) => y.year === choice.year) ?? null;
    const special: string[] = [];
    const months = Array.from({ length: 12 }, (_, m) => {
      const first = new Date(Date.UTC(choice.year, m, 1));
      const lead = (first.getUTCDay() + 6) % 7;
      const length = new Date(Date.UTC(choice.year, m + 1, 0)).getUTCDate();
      const cells: ({ day: number; mark: string; off: boolean; name: string } | null)[] = Array.from(
        { length: lead },
        () => null,
      );
      for (let d = 1; d <= length; d++) {
        const iso = `${choice.year}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const info = calendar.dayInfo(iso);
        if (info.kind === 'holiday' || info.kind === 'makeup_workday') {
          special.push(`${iso} ${KIND_WORDS[info.kind]} ${info.name ?? ''}`.trim());
        }
        cells.push({ day: d, mark: KIND_WORDS[info.kind] ?? '', off: !info.working, name: info.name ?? '' });
      }
      const weeks: (typeof cells)[] = [];
      for (let i = 0; i < cells.length; i += 7) {
        weeks.push(cells.slice(i, i + 7));
      }
      return { label: `${m + 1} 月`, weeks };
    });
    return this.pages.render(
      req,
      res,
      'admin/calendar',
      {
        choice: { ...choice, year: String(choice.year) },
        regions: overview.map((r) => ({ value: r.code, label: r.name })),
        years: Array.from({ length: 4 }, (_, i) =>
          String(Number(this.clock.today().slice(0, 4)) - 1 + i),
        ).map((y) => ({ value: y, label: `${y} 年` })),
        published,
        history,
        months,
        weekdays: WEEKDAYS,
        values: state.values ?? { noticeRef: published?.noticeRef ?? '', days: special.join('\n') },
        preview: state.preview ?? null,
        errors: state.errors ?? NO_ERRORS,
        message: state.message ?? null,
        done: typeof req.query.published === 'string' ? req.query.published : null,
      },
      { title: '工作日历', active: '/admin/calendar' },
    );
  }
}
