import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';

/** "up" when every migration this build knows of has been applied to the database. */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isCurrent(key: string) {
    const check = this.indicators.check(key);
    try {
      const pending = await this.dataSource.showMigrations();
      return pending
        ? check.down({ message: 'pending migrations: run `npm run migration:run`' })
        : check.up();
    } catch (err) {
      return check.down({ message: err instanceof Error ? err.message : 'unknown error' });
    }
  }
}
