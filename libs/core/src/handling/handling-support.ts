import { EntityManager } from 'typeorm';
import { StaffRole, invalidInput } from '@gongkai/domain';
import { RequestEventEntity } from '../request-record';

export function lastEvent(events: RequestEventEntity[], type: string): RequestEventEntity | undefined {
  return [...events].reverse().find((e) => e.type === type);
}

/** Active staff holding a role at the agency or above it (their subtree covers it). */
export async function staffWithRole(
  em: EntityManager,
  agencyPath: string,
  role: StaffRole,
): Promise<string[]> {
  const rows = await em.query<{ user_id: string }[]>(
    `SELECT DISTINCT r.user_id FROM staff_role r JOIN agency a ON a.id = r.agency_id JOIN staff_user u ON u.id = r.user_id
      WHERE r.role = $1 AND u.active AND $2 LIKE a.path || '%'`,
    [role, agencyPath],
  );
  return rows.map((r) => r.user_id);
}

/** A legal date given by a clerk: not in the future, not before the request was received. */
export function assertPastDate(field: string, value: string, today: string, notBefore: string): void {
  if (value > today) {
    throw invalidInput(field, 'future_date', '日期不能晚于今天');
  }
  if (value < notBefore) {
    throw invalidInput(field, 'too_early', `日期不能早于 ${notBefore}`);
  }
}
