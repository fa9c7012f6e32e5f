import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@gongkai/domain';
import { AgencyEntity } from '../../agencies';
import { agencyNotFound } from '../../agencies';
import { AuditService, sha256Hex } from '../../platform';
import { Clock } from '../../platform';
import { Caller, StaffPrincipal, canAt } from '../../platform';
import { Sheet, parseCsv, parseXlsx } from './ledger-file';
import { LedgerProblem, readLedger } from './ledger-rows';
import { LedgerEntryEntity, LedgerImportEntity } from '../report.entities';

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
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * P9: an agency's earlier requests from its ledger (XLSX or CSV). Every row is checked and reported;
 * a file with any bad row imports nothing. Imported rows are read-only, marked as imported, and
 * count in Table 3. The same file again changes nothing.
 */
@Injectable()
export class LedgerImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async import(
    caller: Caller<StaffPrincipal>,
    agencyId: string,
    file: { originalName: string; bytes: Buffer },
    dryRun: boolean,
  ): Promise<LedgerReport> {
    const agency = await this.dataSource.getRepository(AgencyEntity).findOneBy({ id: agencyId });
    if (!agency || !canAt(caller.principal, 'ledger.import', agency.path)) {
      throw agencyNotFound(agencyId);
    }
    const fileSha256 = sha256Hex(file.bytes);
    const previous = await this.dataSource
      .getRepository(LedgerImportEntity)
      .findOneBy({ agencyId, fileSha256 });
    if (previous) {
      return { ...(previous.report as LedgerReport), replayed: true, dryRun };
    }
    const format = file.bytes.subarray(0, 4).equals(XLSX_MAGIC) ? 'xlsx' : 'csv';
    let sheet: Sheet;
    try {
      sheet = format === 'xlsx' ? parseXlsx(file.bytes) : parseCsv(file.bytes.toString('utf8'));
    } catch {
      throw new DomainError(
        'LEDGER.UNREADABLE',
        'invalid_input',
        '无法读取该文件，请上传 XLSX 或 UTF-8 编码的 CSV。',
      );
    }
    const { rows, problems } = readLedger(sheet, this.clock.today());
    return this.dataSource.transaction(async (em) => {
      // Numbers already in Gongkai (registered or imported) for this agency.
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
        rows: Math.max(sheet.length - 1, 0),
        accepted: problems.length === 0 ? rows.length : 0,
        rejected: [...badRows].filter((r) => r > 0).length,
        problems: problems.sort((a, b) => a.row - b.row),
      };
      if (problems.length > 0) {
        throw new DomainError(
          'LEDGER.ROWS_INVALID',
          'invalid_input',
          '台账中有数据不符合要求，未导入任何数据。',
          {
            ...report,
          },
        );
      }
      if (dryRun) {
        return report;
      }
      report.importId = randomUUID();
      await em.insert(LedgerImportEntity, {
        id: report.importId,
        agencyId,
        fileName: file.originalName.slice(0, 200),
        fileSha256,
        format,
        accepted: report.accepted,
        rejected: 0,
        report: { ...report },
        importedAt: this.clock.now(),
        importedBy: caller.principal.login,
      });
      await em.insert(
        LedgerEntryEntity,
        rows.map((r) => ({ id: randomUUID(), importId: report.importId!, agencyId, ...r })),
      );
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'ledger.imported',
        objectType: 'agency',
        objectId: agencyId,
        result: 'success',
        details: {
          importId: report.importId,
          fileSha256,
          rows: report.accepted,
          fileName: file.originalName,
        },
      });
      return report;
    });
  }

  list(agencyId: string) {
    return this.dataSource
      .getRepository(LedgerImportEntity)
      .find({ where: { agencyId }, order: { importedAt: 'DESC' } });
  }
}
