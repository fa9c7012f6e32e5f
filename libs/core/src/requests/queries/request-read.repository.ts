import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AgencyEntity } from '../../agencies';
import { RequestEntity, RequestEventEntity, RequestItemEntity } from '../../request-record';

export interface ApplicantLetterRow {
  id: string;
  kind: string;
  title: string;
  number: string;
  issuedOn: string;
}

/** The reads behind a request's pages: its items, events, people and letters. */
@Injectable()
export class RequestReadRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  items(requestId: string): Promise<RequestItemEntity[]> {
    return this.dataSource
      .getRepository(RequestItemEntity)
      .find({ where: { requestId }, order: { position: 'ASC' } });
  }

  events(requestId: string): Promise<RequestEventEntity[]> {
    return this.dataSource
      .getRepository(RequestEventEntity)
      .find({ where: { requestId }, order: { id: 'ASC' } });
  }

  /** When the request's personal data was erased at the end of its retention period (null: it was not). */
  async erasure(requestId: string): Promise<{ on: string; basis: string } | null> {
    const [row] = await this.dataSource.query<{ on: string; basis: string }[]>(
      `SELECT to_char(erased_on, 'YYYY-MM-DD') AS "on", basis FROM personal_data_erasure WHERE request_id = $1`,
      [requestId],
    );
    return row ?? null;
  }

  async staffName(userId: string | null): Promise<{ id: string; name: string } | null> {
    if (!userId) {
      return null;
    }
    const [row] = await this.dataSource.query<{ id: string; display_name: string }[]>(
      'SELECT id, display_name FROM staff_user WHERE id = $1',
      [userId],
    );
    return row ? { id: row.id, name: row.display_name } : null;
  }

  /** Active staff who may handle requests in the agency subtree at `path` (for assigning). */
  async handlersUnder(path: string): Promise<{ id: string; name: string; agencyName: string }[]> {
    const rows = await this.dataSource.query<{ id: string; display_name: string; agency: string }[]>(
      `SELECT DISTINCT ON (u.id) u.id, u.display_name, a.name AS agency
         FROM staff_user u JOIN staff_role r ON r.user_id = u.id JOIN agency a ON a.id = r.agency_id
        WHERE u.active AND r.role IN ('handler', 'office_head') AND a.path LIKE $1 || '%'
        ORDER BY u.id, a.path`,
      [path],
    );
    return rows
      .map((r) => ({ id: r.id, name: r.display_name, agencyName: r.agency }))
      .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'zh') || a.name.localeCompare(b.name, 'zh'));
  }

  /** The agency at `path` and its departments, in tree order. */
  async agenciesUnder(path: string): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM agency WHERE path LIKE $1 || '%' ORDER BY path`,
      [path],
    );
  }

  /** A citizen's requests, newest first. */
  ofCitizen(citizenId: string): Promise<RequestEntity[]> {
    return this.dataSource
      .getRepository(RequestEntity)
      .find({ where: { citizenId }, order: { createdAt: 'DESC' } });
  }

  async agencyNames(ids: string[]): Promise<Map<string, string>> {
    const agencies = await this.dataSource.getRepository(AgencyEntity).findBy({ id: In(ids) });
    return new Map(agencies.map((a) => [a.id, a.name] as const));
  }

  agency(id: string): Promise<AgencyEntity> {
    return this.dataSource.getRepository(AgencyEntity).findOneByOrFail({ id });
  }

  /** Letters issued to the applicant: notices, the reply, the termination notice. */
  applicantLetters(requestId: string): Promise<ApplicantLetterRow[]> {
    return this.dataSource.query<ApplicantLetterRow[]>(
      `SELECT id, kind, title, number, "issuedOn" FROM (
         SELECT id, kind, title, number, issued_on::text AS "issuedOn", issued_at FROM letter
          WHERE request_id = $1 AND recipient = 'applicant'
         UNION ALL
         -- Reserved and rendered on first download (the acknowledgement, right after intake).
         SELECT id, kind, title, number, issued_on::text, issued_at FROM letter_pending
          WHERE request_id = $1 AND recipient = 'applicant') l
        ORDER BY issued_at, number`,
      [requestId],
    );
  }
}
