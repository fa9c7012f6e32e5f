import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@gongkai/domain';
import { AgencyEntity } from '../../agencies';
import { agencyNotFound } from '../../agencies';
import { AuditService, sha256Hex } from '../../platform';
import { Clock } from '../../platform';
import { Caller, StaffPrincipal, canAt } from '../../platform';
import { LedgerFileTooLarge, Sheet, XLSX_LIMITS, decodeCsv, parseCsv, parseXlsx } from './ledger-file';
import { LedgerProblem, LedgerRow, readLedger } from './ledger-rows';
import { LedgerEntryEntity, LedgerImportEntity, LedgerJobEntity } from '../report.entities';

export interface LedgerReport {
  importId: string | null;
  fileSha256: string;
  /** The same file was imported before: nothing changed. */
  replayed: boolean;
  dryRun: boolean;
  rows: number;
  accepted: number;
  rejected: number;
  problems: LedgerProblem[];
  /** How a CSV file was read (UTF-8, or GBK from older Excel); absent for XLSX. */
  encoding?: 'utf-8' | 'gbk';
}

export interface LedgerFile {
  originalName: string;
  bytes: Buffer;
}

/** A background check or import as the page shows it (the file's bytes left out). */
export interface LedgerJobView {
  id: string;
  agencyId: string;
  fileName: string;
  fileSha256: string;
  mode: 'check' | 'import';
  state: LedgerJobEntity['state'];
  rowsTotal: number;
  rowsDone: number;
  report: LedgerReport | null;
  error: { code: string; message: string } | null;
  importId: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** Checked, clean and not yet imported: the import may be started. */
  importable: boolean;
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Rows written per statement (and per progress step) when importing. */
const WRITE_BATCH = 500;
/** A job with no progress for this long was cut off (its process stopped): it is shown as failed. */
const STALE_MS = 2 * 60_000;

interface Read {
  format: 'csv' | 'xlsx';
  sheet: Sheet;
  encoding?: 'utf-8' | 'gbk';
}

/**
 * P9: an agency's earlier requests from its ledger (XLSX or CSV). Every row is checked and reported;
 * a file with any bad row imports nothing. Imported rows are read-only, marked as imported, and
 * count in Table 3. The same file again changes nothing. Through the JSON API a file is checked and
 * imported in one call; from the console page it runs in the background as a job whose progress
 * the page follows: first the check (dry run) with its report row by row, then, when clean, the import.
 */
@Injectable()
export class LedgerImportService {
  private readonly log = new Logger(LedgerImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async agencyFor(caller: Caller<StaffPrincipal>, agencyId: string): Promise<AgencyEntity> {
    const agency = await this.dataSource.getRepository(AgencyEntity).findOneBy({ id: agencyId });
    if (!agency || !canAt(caller.principal, 'ledger.import', agency.path)) {
      throw agencyNotFound(agencyId);
    }
    return agency;
  }

  private previous(agencyId: string, fileSha256: string) {
    return this.dataSource.getRepository(LedgerImportEntity).findOneBy({ agencyId, fileSha256 });
  }

  /** The file as rows: XLSX (bounded, see XLSX_LIMITS) or CSV in UTF-8 or GBK. */
  private async read(bytes: Buffer): Promise<Read> {
    const format = bytes.subarray(0, 4).equals(XLSX_MAGIC) ? 'xlsx' : 'csv';
    try {
      if (format === 'xlsx') {
        return { format, sheet: await parseXlsx(bytes) };
      }
      const { text, encoding } = decodeCsv(bytes);
      return { format, sheet: parseCsv(text), encoding };
    } catch (e) {
      if (e instanceof LedgerFileTooLarge) {
        throw new DomainError(
          'LEDGER.TOO_LARGE',
          'invalid_input',
          `文件超出处理上限（最多 ${XLSX_LIMITS.rows - 1} 行，解压后不超过 ${XLSX_LIMITS.totalBytes / 1024 / 1024} MB），请拆分后分别导入。`,
          { limit: e.what },
        );
      }
      throw new DomainError(
        'LEDGER.UNREADABLE',
        'invalid_input',
        '无法读取该文件，请上传 XLSX，或 UTF-8、GBK 编码的 CSV。',
      );
    }
  }

  /** Checks every row (and numbers already in Gongkai); the report lists each problem. */
  private async check(
    agencyId: string,
    fileSha256: string,
    read: Read,
    dryRun: boolean,
    em: EntityManager,
  ): Promise<{ rows: LedgerRow[]; report: LedgerReport }> {
    const { rows, problems } = readLedger(read.sheet, this.clock.today());
    const taken = new Set(
      (
        await em.query<{ number: string }[]>(
          `SELECT number FROM report_fact WHERE agency_id = $1 AND number = ANY($2)`,
          [agencyId, rows.map((r) => r.number)],
        )
      ).map((r) => r.number),
    );
    for (const row of rows.filter((r) => taken.has(r.number))) {
      problems.push({
        row: row.rowNo,
        field: 'number',
        code: 'number.exists',
        message: '该申请编号已在系统中',
      });
    }
    const badRows = new Set(problems.map((p) => p.row));
    const report: LedgerReport = {
      importId: null,
      fileSha256,
      replayed: false,
      dryRun,
      rows: Math.max(read.sheet.length - 1, 0),
      accepted: problems.length === 0 ? rows.length : 0,
      rejected: [...badRows].filter((r) => r > 0).length,
      problems: problems.sort((a, b) => a.row - b.row),
      ...(read.encoding ? { encoding: read.encoding } : {}),
    };
    return { rows, report };
  }

  private rowsInvalid(report: LedgerReport): DomainError {
    return new DomainError(
      'LEDGER.ROWS_INVALID',
      'invalid_input',
      '台账中有数据不符合要求，未导入任何数据。',
      {
        ...report,
      },
    );
  }

  /** Writes the checked rows, the import record and its audit entry (in the caller's transaction). */
  private async write(
    em: EntityManager,
    caller: Caller<StaffPrincipal>,
    agencyId: string,
    file: { fileName: string; fileSha256: string; format: 'csv' | 'xlsx' },
    rows: LedgerRow[],
    report: LedgerReport,
    progress: (done: number) => Promise<void> = () => Promise.resolve(),
  ): Promise<LedgerReport> {
    report.importId = randomUUID();
    await em.insert(LedgerImportEntity, {
      id: report.importId,
      agencyId,
      fileName: file.fileName.slice(0, 200),
      fileSha256: file.fileSha256,
      format: file.format,
      accepted: report.accepted,
      rejected: 0,
      report: { ...report },
      importedAt: this.clock.now(),
      importedBy: caller.principal.login,
    });
    for (let i = 0; i < rows.length; i += WRITE_BATCH) {
      await em.insert(
        LedgerEntryEntity,
        rows
          .slice(i, i + WRITE_BATCH)
          .map((r) => ({ id: randomUUID(), importId: report.importId!, agencyId, ...r })),
      );
      await progress(Math.min(i + WRITE_BATCH, rows.length));
    }
    await this.audit.record(em, {
      actor: caller.principal.login,
      ip: caller.ip,
      action: 'ledger.imported',
      objectType: 'agency',
      objectId: agencyId,
      result: 'success',
      details: {
        importId: report.importId,
        fileSha256: file.fileSha256,
        rows: report.accepted,
        fileName: file.fileName,
      },
    });
    return report;
  }

  /** The JSON API: check the file and, unless a dry run, import it, in one call. */
  async import(
    caller: Caller<StaffPrincipal>,
    agencyId: string,
    file: LedgerFile,
    dryRun: boolean,
  ): Promise<LedgerReport> {
    await this.agencyFor(caller, agencyId);
    const fileSha256 = sha256Hex(file.bytes);
    const previous = await this.previous(agencyId, fileSha256);
    if (previous) {
      return { ...(previous.report as LedgerReport), replayed: true, dryRun };
    }
    const read = await this.read(file.bytes);
    return this.dataSource.transaction(async (em) => {
      const { rows, report } = await this.check(agencyId, fileSha256, read, dryRun, em);
      if (report.problems.length > 0) {
        throw this.rowsInvalid(report);
      }
      if (dryRun) {
        return report;
      }
      return this.write(
        em,
        caller,
        agencyId,
        { fileName: file.originalName, fileSha256, format: read.format },
        rows,
        report,
      );
    });
  }

  list(agencyId: string) {
    return this.dataSource
      .getRepository(LedgerImportEntity)
      .find({ where: { agencyId }, order: { importedAt: 'DESC' } });
  }

  /** The imports of the agencies the caller may import for, newest first. */
  async listFor(caller: Caller<StaffPrincipal>, agencyId: string) {
    await this.agencyFor(caller, agencyId);
    return this.list(agencyId);
  }

  // ---- background jobs (the console page) ----

  /** Accepts a file and starts checking it in the background; answers the job's id at once. */
  async startCheck(caller: Caller<StaffPrincipal>, agencyId: string, file: LedgerFile): Promise<string> {
    await this.agencyFor(caller, agencyId);
    const id = randomUUID();
    const now = this.clock.now();
    await this.dataSource.getRepository(LedgerJobEntity).insert({
      id,
      agencyId,
      fileName: file.originalName.slice(0, 200),
      fileSha256: sha256Hex(file.bytes),
      bytes: file.bytes,
      mode: 'check',
      state: 'queued',
      rowsTotal: 0,
      rowsDone: 0,
      report: null,
      error: null,
      importId: null,
      createdBy: caller.principal.login,
      createdAt: now,
      updatedAt: now,
    });
    this.runInBackground(id, caller);
    return id;
  }

  /** Imports a checked, clean file in the background. */
  async startImport(caller: Caller<StaffPrincipal>, jobId: string): Promise<void> {
    const job = await this.jobEntity(caller, jobId);
    if (!this.view(job).importable) {
      throw new DomainError('LEDGER.NOT_IMPORTABLE', 'conflict', '该文件尚未通过检查，或已经导入。');
    }
    const moved = await this.dataSource
      .getRepository(LedgerJobEntity)
      .update(
        { id: jobId, mode: 'check', state: 'done' },
        { mode: 'import', state: 'queued', rowsDone: 0, updatedAt: this.clock.now() },
      );
    if (!moved.affected) {
      throw new DomainError('LEDGER.NOT_IMPORTABLE', 'conflict', '该文件已经开始导入。');
    }
    this.runInBackground(jobId, caller);
  }

  private async jobEntity(caller: Caller<StaffPrincipal>, jobId: string): Promise<LedgerJobEntity> {
    const job = await this.dataSource.getRepository(LedgerJobEntity).findOneBy({ id: jobId });
    if (job) {
      const agency = await this.dataSource.getRepository(AgencyEntity).findOneBy({ id: job.agencyId });
      if (agency && canAt(caller.principal, 'ledger.import', agency.path)) {
        return job;
      }
    }
    throw new DomainError('LEDGER.JOB_NOT_FOUND', 'not_found', '找不到该导入任务。');
  }

  async job(caller: Caller<StaffPrincipal>, jobId: string): Promise<LedgerJobView> {
    return this.view(await this.jobEntity(caller, jobId));
  }

  /** An agency's recent jobs, newest first. */
  async jobs(caller: Caller<StaffPrincipal>, agencyId: string, limit = 10): Promise<LedgerJobView[]> {
    await this.agencyFor(caller, agencyId);
    const rows = await this.dataSource
      .getRepository(LedgerJobEntity)
      .find({ where: { agencyId }, order: { createdAt: 'DESC' }, take: limit });
    return rows.map((j) => this.view(j));
  }

  private view(job: LedgerJobEntity): LedgerJobView {
    const running = !['done', 'failed'].includes(job.state);
    const stale = running && this.clock.now().getTime() - job.updatedAt.getTime() > STALE_MS;
    const report = job.report as LedgerReport | null;
    return {
      id: job.id,
      agencyId: job.agencyId,
      fileName: job.fileName,
      fileSha256: job.fileSha256,
      mode: job.mode,
      state: stale ? 'failed' : job.state,
      rowsTotal: job.rowsTotal,
      rowsDone: job.rowsDone,
      report,
      error: stale ? { code: 'LEDGER.INTERRUPTED', message: '处理中断，请重新上传该文件。' } : job.error,
      importId: job.importId,
      createdBy: job.createdBy,
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      importable:
        job.mode === 'check' &&
        job.state === 'done' &&
        !!report &&
        report.problems.length === 0 &&
        !report.replayed &&
        report.accepted > 0,
    };
  }

  private runInBackground(jobId: string, caller: Caller<StaffPrincipal>): void {
    setImmediate(() => {
      this.run(jobId, caller).catch((e: unknown) => {
        this.log.error({ err: e, jobId }, 'ledger job failed');
        const error =
          e instanceof DomainError
            ? { code: e.code, message: e.message }
            : { code: 'LEDGER.FAILED', message: '处理失败，未导入任何数据。请稍后重试。' };
        this.update(jobId, { state: 'failed', error, bytes: null }).catch(() => undefined);
      });
    });
  }

  private update(jobId: string, patch: Partial<LedgerJobEntity>) {
    return this.dataSource
      .getRepository(LedgerJobEntity)
      .update({ id: jobId }, { ...patch, updatedAt: this.clock.now() });
  }

  private async run(jobId: string, caller: Caller<StaffPrincipal>): Promise<void> {
    const job = await this.dataSource.getRepository(LedgerJobEntity).findOneByOrFail({ id: jobId });
    if (!job.bytes) {
      throw new DomainError('LEDGER.INTERRUPTED', 'conflict', '文件已不在，请重新上传。');
    }
    const previous = await this.previous(job.agencyId, job.fileSha256);
    if (previous) {
      const report = { ...(previous.report as LedgerReport), replayed: true, dryRun: job.mode === 'check' };
      await this.update(jobId, {
        state: 'done',
        report,
        rowsTotal: report.rows,
        rowsDone: report.rows,
        bytes: null,
      });
      return;
    }
    await this.update(jobId, { state: 'reading' });
    const read = await this.read(job.bytes);
    const total = Math.max(read.sheet.length - 1, 0);
    await this.update(jobId, { state: 'checking', rowsTotal: total });
    if (job.mode === 'check') {
      const { report } = await this.check(job.agencyId, job.fileSha256, read, true, this.dataSource.manager);
      // A file with problems is not kept: it cannot be imported as it is.
      await this.update(jobId, {
        state: 'done',
        rowsDone: total,
        report,
        ...(report.problems.length > 0 || report.accepted === 0 ? { bytes: null } : {}),
      });
      return;
    }
    const report = await this.dataSource.transaction(async (em) => {
      const checked = await this.check(job.agencyId, job.fileSha256, read, false, em);
      if (checked.report.problems.length > 0) {
        throw this.rowsInvalid(checked.report);
      }
      await this.update(jobId, { state: 'writing', rowsDone: 0 });
      return this.write(
        em,
        caller,
        job.agencyId,
        { fileName: job.fileName, fileSha256: job.fileSha256, format: read.format },
        checked.rows,
        checked.report,
        (done) => this.update(jobId, { rowsDone: done }).then(() => undefined),
      );
    });
    await this.update(jobId, {
      state: 'done',
      rowsDone: total,
      report,
      importId: report.importId,
      bytes: null,
    });
  }
}
