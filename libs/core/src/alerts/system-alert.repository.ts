import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { SystemAlertEntity } from './system-alert.entity';

/** Warnings for administrators: raised once per (kind, subject), resolved when the cause is gone. */
@Injectable()
export class SystemAlertRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  open(): Promise<SystemAlertEntity[]> {
    return this.dataSource
      .getRepository(SystemAlertEntity)
      .find({ where: { resolvedAt: IsNull() }, order: { id: 'ASC' } });
  }

  /** Raises the alert unless it exists already (several workers may try at once); true when new. */
  async raise(kind: string, subject: string, message: string, at: Date): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `INSERT INTO system_alert (kind, subject, message, raised_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, subject) DO NOTHING RETURNING id`,
      [kind, subject, message, at],
    );
    return rows.length > 0;
  }

  /** Resolves the open alerts of a kind whose subject is among `subjects`; answers how many. */
  async resolve(kind: string, subjects: string[], at: Date): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(SystemAlertEntity)
      .set({ resolvedAt: at })
      .where('kind = :kind AND subject IN (:...subjects) AND resolved_at IS NULL', {
        kind,
        subjects: subjects.length ? subjects : ['-'],
      })
      .execute();
    return result.affected ?? 0;
  }
}
