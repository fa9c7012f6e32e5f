import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@gongkai/domain';
import { SystemAlertRepository, WORKER_JOBS, WorkerHeartbeats } from '@gongkai/core/alerts';
import { OutboxMonitor } from '@gongkai/core/notifications';
import { Access, Clock, StaffCaller } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { Pages } from '@gongkai/web';

const CHANNEL_LABELS: Record<string, string> = { in_app: '站内', sms: '短信', email: '电子邮件' };
const RECIPIENT_LABELS: Record<string, string> = {
  citizen: '公众用户',
  applicant: '申请人',
  staff: '工作人员',
};

function ago(from: Date, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
  if (s < 90) {
    return `${s} 秒前`;
  }
  if (s < 5400) {
    return `${Math.round(s / 60)} 分钟前`;
  }
  if (s < 129_600) {
    return `${Math.round(s / 3600)} 小时前`;
  }
  return `${Math.round(s / 86_400)} 天前`;
}

/**
 * 系统运行状况: the open system alerts, each scheduled job of the worker (when it last ran and whether
 * it is late or failing, per instance), and the notification outbox (pending, late, failed) with a
 * retry for a failed delivery.
 */
@ApiExcludeController()
@Controller('admin/system')
export class SystemPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly alerts: SystemAlertRepository,
    private readonly heartbeats: WorkerHeartbeats,
    private readonly outbox: OutboxMonitor,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access('system.monitor')
  async page(@Req() req: Request, @Res() res: Response) {
    const now = this.clock.now();
    const [alerts, beats, summary, problems] = await Promise.all([
      this.alerts.open(),
      this.heartbeats.list(),
      this.outbox.summary(),
      this.outbox.problems(),
    ]);
    const jobs = WORKER_JOBS.map((j) => {
      const mine = beats.filter((b) => b.job === j.job);
      const last = mine[0] ?? null;
      // Late: no run for three of its intervals (and at least two minutes).
      const lateAfter = Math.max(3 * j.everySeconds, 120) * 1000;
      const late = !last || now.getTime() - last.lastRunAt.getTime() > lateAfter;
      const failing = !!last?.lastError;
      return {
        label: j.label,
        every:
          j.everySeconds >= 3600
            ? `每 ${j.everySeconds / 3600} 小时`
            : j.everySeconds >= 60
              ? `每 ${j.everySeconds / 60} 分钟`
              : `每 ${j.everySeconds} 秒`,
        state: !last ? '从未运行' : late ? '已超时未运行' : failing ? '最近一次出错' : '正常',
        ok: !late && !failing,
        lastRun: last ? `${ago(last.lastRunAt, now)}` : '—',
        error: last?.lastError ?? null,
        instances: mine.map((b) => ({
          instance: b.instance,
          lastRun: ago(b.lastRunAt, now),
          lastOk: b.lastOkAt ? ago(b.lastOkAt, now) : '—',
        })),
      };
    });
    return this.pages.render(
      req,
      res,
      'admin/system',
      {
        alerts,
        jobs,
        jobsOk: jobs.every((j) => j.ok),
        summary: {
          ...summary,
          oldestDue: summary.oldestDueAt ? ago(summary.oldestDueAt, now) : '—',
        },
        problems: problems.map((p) => ({
          ...p,
          channelLabel: CHANNEL_LABELS[p.channel] ?? p.channel,
          recipientLabel: RECIPIENT_LABELS[p.recipientType] ?? p.recipientType,
          statusLabel: p.status === 'failed' ? '发送失败' : '逾时未发送',
          due: ago(p.nextAttemptAt, now),
        })),
        done: req.query.done === 'retried',
        message: req.query.error === 'not-failed' ? '该通知不是发送失败的状态，无需重试。' : null,
      },
      { title: '系统运行状况', active: '/admin/system' },
    );
  }

  @Post('notifications/:id/retry')
  @Access('system.monitor')
  async retry(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const id = String(req.params.id);
    if (!/^\d{1,18}$/.test(id)) {
      throw new DomainError('NOTIFICATION.NOT_FOUND', 'not_found', '找不到该通知。');
    }
    try {
      await this.outbox.retry(c, id);
      return res.redirect(303, '/admin/system?done=retried#outbox-title');
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'conflict') {
        return res.redirect(303, '/admin/system?error=not-failed#outbox-title');
      }
      throw e;
    }
  }
}
