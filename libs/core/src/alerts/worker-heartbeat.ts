import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';

/** The worker's scheduled jobs, how often each runs, and what the health page calls them. */
export const WORKER_JOBS = [
  { job: 'outbox', label: '发送通知（短信、邮件）', everySeconds: 10 },
  { job: 'handling-sweep', label: '期限提醒和逾期检查', everySeconds: 60 },
  { job: 'audit-sequencer', label: '审计日志入链', everySeconds: 5 },
  { job: 'letter-outbox', label: '生成接收回执等文书', everySeconds: 5 },
  { job: 'audit-head', label: '审计日志链头备份', everySeconds: 300 },
  { job: 'case-library', label: '办结申请收入案例库', everySeconds: 300 },
  { job: 'calendar-watch', label: '工作日历发布检查', everySeconds: 600 },
  { job: 'upload-purge', label: '清理未使用的上传文件', everySeconds: 3600 },
  { job: 'retention', label: '保存期限届满删除个人信息', everySeconds: 3600 },
] as const;
export type WorkerJob = (typeof WORKER_JOBS)[number]['job'];

/** When a worker instance last ran a job, and how it went. */
@Entity('worker_heartbeat')
export class WorkerHeartbeatEntity {
  @PrimaryColumn({ type: 'text' })
  job!: string;

  @PrimaryColumn({ type: 'text' })
  instance!: string;

  @Column({ type: 'timestamptz' })
  lastRunAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastOkAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}

/** This process, as the health page names it. */
export const WORKER_INSTANCE = `${hostname()}:${process.pid}`;

/** The heartbeat each worker job leaves after every run, read by the console's health page. */
@Injectable()
export class WorkerHeartbeats {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs a job and records the run (and its error, which is then thrown on). */
  async track<T>(job: WorkerJob, at: () => Date, run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      await this.beat(job, at(), null);
      return result;
    } catch (e) {
      await this.beat(job, at(), e instanceof Error ? e.message : String(e)).catch(() => undefined);
      throw e;
    }
  }

  private async beat(job: string, at: Date, error: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO worker_heartbeat (job, instance, last_run_at, last_ok_at, last_error)
       VALUES ($1, $2, $3::timestamptz, CASE WHEN $4::text IS NULL THEN $3::timestamptz END, $4::text)
       ON CONFLICT (job, instance) DO UPDATE SET last_run_at = $3::timestamptz,
         last_ok_at = CASE WHEN $4::text IS NULL THEN $3::timestamptz ELSE worker_heartbeat.last_ok_at END,
         last_error = $4::text`,
      [job, WORKER_INSTANCE, at, error?.slice(0, 500) ?? null],
    );
  }

  list(): Promise<WorkerHeartbeatEntity[]> {
    return this.dataSource
      .getRepository(WorkerHeartbeatEntity)
      .find({ order: { job: 'ASC', lastRunAt: 'DESC' } });
  }
}
