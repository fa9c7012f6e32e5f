import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import TestAgent from 'supertest/lib/agent';
import { AgencyEntity } from '@gongkai/core/agencies';
import {
  OneTimeCodeService,
  StaffRoleEntity,
  StaffUserEntity,
  hashPassword,
  normalizeCitizenLogin,
} from '@gongkai/core/identity';
import { StaffRole } from '@gongkai/domain';
import { DEMO_PASSWORD, demoDistrictSeed, runSeeds } from '@gongkai/database';

export { DEMO_PASSWORD };

/**
 * Loads the demo district (agencies, staff for every role, one citizen) into a test database;
 * `now` is when passwords were set (the 90-day rotation counts from it).
 */
export async function loadDemoDistrict(ds: DataSource, now: Date): Promise<Map<string, AgencyEntity>> {
  await runSeeds(ds, { demo: true, now, seeds: [demoDistrictSeed] });
  const agencies = await ds.getRepository(AgencyEntity).find();
  return new Map(agencies.map((a) => [a.code, a]));
}

/** Signs in through the API and answers the session token. */
export async function signIn(
  http: TestAgent,
  app: 'console' | 'portal',
  login: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const res = await http.post(`/api/${app}/auth/login`).send({ login, password });
  if (res.status !== 200) {
    throw new Error(`sign-in of ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return (res.body as { token: string }).token;
}

/**
 * Opens a citizen account through the portal API and answers its token. The code a citizen would
 * receive by SMS or e-mail is issued here through the portal's own service (the API never shows it).
 */
export async function registerCitizen(
  portal: { http: TestAgent; app: { get<T>(type: new (...args: never[]) => T): T } },
  login: string,
  displayName = '测试市民',
): Promise<string> {
  const target = normalizeCitizenLogin(login)?.login ?? login;
  const code = await portal.app.get(OneTimeCodeService).issue('citizen.register', target);
  const res = await portal.http
    .post('/api/portal/auth/register')
    .send({ login, password: DEMO_PASSWORD, displayName, code });
  if (res.status !== 201) {
    throw new Error(`registration of ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return (res.body as { token: string }).token;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A staff account with the demo password and the given roles (codes of agencies). */
export async function createStaff(
  ds: DataSource,
  login: string,
  roles: [StaffRole, string][],
  opts: { now: Date; mustChangePassword?: boolean; passwordChangedAt?: Date },
): Promise<string> {
  const id = randomUUID();
  const now = opts.now;
  await ds.getRepository(StaffUserEntity).insert({
    id,
    login,
    displayName: login,
    passwordHash: await demoHash(),
    passwordChangedAt: opts.passwordChangedAt ?? now,
    mustChangePassword: opts.mustChangePassword ?? false,
    active: true,
    createdAt: now,
  });
  for (const [role, code] of roles) {
    const agency = await ds.getRepository(AgencyEntity).findOneByOrFail({ code });
    await ds
      .getRepository(StaffRoleEntity)
      .insert({ userId: id, agencyId: agency.id, role, grantedBy: 'test', grantedAt: now });
  }
  return id;
}

let hash: Promise<string> | null = null;
function demoHash(): Promise<string> {
  hash ??= hashPassword(DEMO_PASSWORD);
  return hash;
}
