import { Controller, Get, Inject, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@gongkai/domain';
import { SessionService } from '@gongkai/core/identity';
import { JointConsultationService, REMINDER_KINDS, SupervisionService } from '@gongkai/core/handling';
import type { ReminderKind } from '@gongkai/core/handling';
import { NotificationQueryService } from '@gongkai/core/notifications';
import { APP_CONFIG, Access, AuditService, StaffCaller, uuidPipe } from '@gongkai/core/platform';
import type { AppConfig, Caller, StaffPrincipal } from '@gongkai/core/platform';
import { WorklistService } from '@gongkai/core/requests/queries';
import { Pages, text } from '@gongkai/web';

/**
 * The desk around the cases: my notifications (read and unread), my signed-in sessions, and 督办,
 * an office head's view of the subtree's agencies with reminders to whoever holds late work.
 */
@ApiExcludeController()
@Controller()
export class DeskPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly notifications: NotificationQueryService,
    private readonly sessions: SessionService,
    private readonly worklists: WorklistService,
    private readonly supervision: SupervisionService,
    private readonly joint: JointConsultationService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('notifications')
  @Access('staff')
  async notificationsPage(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const unreadOnly = req.query.show === 'unread';
    const list = await this.notifications.list('staff', c.principal.userId, unreadOnly);
    const unread = await this.notifications.unreadCount('staff', c.principal.userId);
    return this.pages.render(
      req,
      res,
      'notifications',
      { list, unread, unreadOnly, marked: req.query.marked === '1' },
      { title: '我的通知', active: '/notifications' },
    );
  }

  @Post('notifications/read-all')
  @Access('staff')
  async readAll(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    await this.notifications.markAllRead('staff', c.principal.userId);
    res.redirect(303, '/notifications?marked=1');
  }

  /** Marks one read and opens what it is about (its request, or the list). */
  @Post('notifications/:id/read')
  @Access('staff')
  async readOne(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', ParseIntPipe) id: number,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    await this.notifications.markRead('staff', c.principal.userId, String(id));
    const requestId = text(req.body, 'requestId', 40);
    res.redirect(303, /^[0-9a-f-]{36}$/.test(requestId) ? `/requests/${requestId}` : '/notifications');
  }

  @Get('account/sessions')
  @Access('staff')
  async sessionsPage(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const rows = await this.sessions.listFor(c.principal.userId);
    return this.pages.render(
      req,
      res,
      'sessions',
      {
        sessions: rows.map((s) => ({
          id: s.id,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          ip: s.ip,
          userAgent: s.userAgent.slice(0, 120),
          current: s.id === c.principal.sessionId,
        })),
        ended: req.query.ended === '1',
      },
      { title: '我的登录会话', active: '/account/sessions' },
    );
  }

  /** Ends one of my other sessions (a browser left signed in elsewhere). */
  @Post('account/sessions/:id/end')
  @Access('staff')
  async endSession(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    const mine = (await this.sessions.listFor(c.principal.userId)).some((s) => s.id === id);
    if (!mine) {
      throw new DomainError('SESSION.NOT_FOUND', 'not_found', '会话不存在或已结束。', { id });
    }
    await this.sessions.revoke(null, { id }, 'ended_by_user');
    await this.audit.record(null, {
      actor: c.principal.login,
      ip: c.ip,
      action: 'session.ended',
      objectType: 'session',
      objectId: id,
      result: 'success',
    });
    res.redirect(303, id === c.principal.sessionId ? '/login' : '/account/sessions?ended=1');
  }

  @Get('supervision')
  @Access('request.approve')
  async supervisionPage(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    const withinDays = this.config.dueSoonWorkingDays;
    const [summary, joints] = await Promise.all([
      this.worklists.summary(c, undefined, withinDays),
      this.joint.open(c),
    ]);
    const link = (queue: string, agencyId: string, extra = '') =>
      `/worklist?queue=${queue}&agencyId=${agencyId}&scope=agency${extra}`;
    const reminded =
      typeof req.query.reminded === 'string' ? req.query.reminded.split(',').map(Number) : null;
    return this.pages.render(
      req,
      res,
      'supervision',
      {
        withinDays,
        reminded: reminded && reminded.length === 2 ? { requests: reminded[0], people: reminded[1] } : null,
        totals: summary.totals,
        agencies: summary.agencies.map((a) => ({
          ...a,
          dueSoonHref: link('due_soon', a.id),
          overdueHref: link('overdue', a.id),
          lateHref: link('all', a.id, '&late=1'),
        })),
        joints,
        jointsOverdue: joints.filter((j) => j.overdue).length,
      },
      { title: '督办', active: '/supervision' },
    );
  }

  @Post('supervision/remind')
  @Access('request.approve')
  async remind(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const kind = text(req.body, 'kind', 20);
    const agencyId = text(req.body, 'agencyId', 40);
    if (!(REMINDER_KINDS as readonly string[]).includes(kind) || !/^[0-9a-f-]{36}$/.test(agencyId)) {
      throw new DomainError('VALIDATION.FAILED', 'invalid_input', '督办对象有误。', [
        { field: 'kind', code: 'invalid', message: '督办对象有误' },
      ]);
    }
    const done = await this.supervision.remind(c, agencyId, kind as ReminderKind);
    res.redirect(303, `/supervision?reminded=${done.requests},${done.people}`);
  }
}
