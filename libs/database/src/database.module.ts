import { DynamicModule, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { ReadDatabase } from '@gongkai/core/platform';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { roleCanRewriteAudit } from './database-roles';

/** What a start refuses: a database holding the demo data (production), a role that could rewrite history. */
export class StartChecks {
  constructor(
    readonly refuseDemoData: boolean,
    readonly refuseOwnerRole: boolean,
  ) {}
}

/**
 * The database checks of a start, one after the other (Nest runs bootstrap hooks side by side, so two
 * guards would race to be the refusal shown):
 * 1. where the role check is on (by default in production), not as a role that could rewrite the audit
 *    trail — a superuser, or the owner of the audit log, who can switch its triggers off; the apps run as
 *    their own role and the owner only migrates (docs/operations.md "Database roles");
 * 2. in production, not on a database that holds the demo data: its accounts have passwords printed in
 *    the README.
 */
@Injectable()
export class StartGuard implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checks: StartChecks,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.checks.refuseOwnerRole) {
      const role = await roleCanRewriteAudit((sql) => this.dataSource.query(sql));
      if (role.superuser || role.owner) {
        throw new Error(
          `refusing to start: the database role ${role.superuser ? 'is a superuser' : 'owns the audit log'}, so it ` +
            'could switch off the triggers that keep the audit log, letters and case files unchanged; run the apps ' +
            'as their own role (APP_DB_ROLE, granted by the migration) and keep the owner for migrations',
        );
      }
    }
    if (this.checks.refuseDemoData) {
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
}

@Module({})
export class DatabaseModule {
  /**
   * `production`: refuse to start on a database holding the demo data; `roleCheck`: refuse to run as a
   * role that owns the audit log or is a superuser.
   */
  static forRoot(
    databaseUrl: string,
    opts: { production?: boolean; roleCheck?: boolean; readUrl?: string } = {},
  ): DynamicModule {
    const read = opts.readUrl
      ? TypeOrmModule.forRoot({
          name: 'read',
          ...dataSourceOptions(opts.readUrl, { poolSize: 5 }),
          retryAttempts: 3,
          retryDelay: 1000,
        })
      : null;
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), retryAttempts: 3, retryDelay: 1000 }),
        ...(read ? [read] : []),
      ],
      exports: [ReadDatabase],
      providers: [
        // Reads that may be seconds old go to the replica of DATABASE_READ_URL, else to the primary.
        {
          provide: ReadDatabase,
          useFactory: (ds: DataSource) => new ReadDatabase(ds, read !== null),
          inject: [getDataSourceToken(read ? 'read' : undefined)],
        },
        {
          provide: StartChecks,
          useValue: new StartChecks(opts.production ?? false, opts.roleCheck ?? false),
        },
        StartGuard,
      ],
    };
  }
}
