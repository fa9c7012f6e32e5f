import { DynamicModule, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

export class RefuseDemoData {
  constructor(readonly value: boolean) {}
}

/**
 * In production an app will not start on a database that holds the demo data: its accounts have
 * passwords printed in the README.
 */
@Injectable()
export class DemoDataGuard implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly refuse: RefuseDemoData,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.refuse.value) {
      return;
    }
    const rows = await this.dataSource.query<{ name: string }[]>(
      `SELECT name FROM seed_history WHERE name LIKE 'demo-%'`,
    );
    if (rows.length > 0) {
      throw new Error(
        `refusing to start in production: this database holds demo data (${rows.map((r) => r.name).join(', ')}) ` +
          'whose accounts have published passwords; use a fresh database',
      );
    }
  }
}

@Module({})
export class DatabaseModule {
  /** `production`: refuse to start on a database holding the demo data. */
  static forRoot(databaseUrl: string, opts: { production?: boolean } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), retryAttempts: 3, retryDelay: 1000 }),
      ],
      providers: [
        { provide: RefuseDemoData, useValue: new RefuseDemoData(opts.production ?? false) },
        DemoDataGuard,
      ],
    };
  }
}
