import { DataSource } from 'typeorm';
import { ConsoleModule } from '../apps/console/src/console.module';
import { PortalModule } from '../apps/portal/src/portal.module';
import { AuditLogEntity, AuditService } from '@gongkai/core/platform';
import { RequestEntity } from '@gongkai/core/request-record';
import {
  FrozenClock,
  TestApp,
  bearer,
  createStaff,
  loadDemoDistrict,
  registerCitizen,
  signIn,
  startTestApp,
  testConfig,
  useTestDatabase,
} from '@gongkai/testing';
import { personApplication, postedRegistration } from './support/applications';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** docs/domain-rules.md, tested through the real apps: object access, sign-in, sessions, audit, personal data. */
describe('security (portal and console)', () => {
  const db = useTestDatabase();
  const clock = new FrozenClock('2026-11-20T10:00:00+08:00');
  let portal: TestApp;
  let console_: TestApp;
  let ds: DataSource;
  let agencies: Map<string, { id: string }>;

  beforeAll(async () => {
    portal = await startTestApp(PortalModule.forRoot(testConfig(db().url)), { clock });
    console_ = await startTestApp(ConsoleModule.forRoot(testConfig(db().url)), { clock });
    ds = portal.app.get(DataSource);
    agencies = await loadDemoDistrict(ds, clock.now());
  });

  afterAll(async () => {
    await Promise.all([portal, console_].map((a) => a?.close()));
  });

  const audited = (action: string, objectId?: string) =>
    ds.getRepository(AuditLogEntity).countBy({ action, ...(objectId ? { objectId } : {}) });

  describe('object access', () => {
    it("should answer 404 to citizen A for citizen B's request and attachment, and audit it", async () => {
      const a = bearer(await registerCitizen(portal, '13900000001'));
      const b = bearer(await registerCitizen(portal, '13900000002'));
      const upload = await portal.http
        .post('/api/portal/attachments')
        .set(b)
        .field('purpose', 'identity')
        .attach('file', PDF, '身份证.pdf')
        .expect(201);
      const own = await portal.http
        .post('/api/portal/requests')
        .set(b)
        .send(personApplication(agencies.get('sfq')!.id, { attachmentIds: [upload.body.id] }))
        .expect(201);
      const url = `/api/portal/requests/${own.body.id}`;

      const file = await portal.http.get(`${url}/attachments/${upload.body.id}`).set(b).expect(200);
      expect(file.headers['content-disposition']).toMatch(
        /^attachment; filename=".*\.pdf"; filename\*=UTF-8''/,
      );
      expect(file.headers['x-content-type-options']).toBe('nosniff');

      const before = await audited('request.access_denied', own.body.id);
      expect((await portal.http.get(url).set(a).expect(404)).body.code).toBe('REQUEST.NOT_FOUND');
      await portal.http.get(`${url}/attachments/${upload.body.id}`).set(a).expect(404);
      expect(await audited('request.access_denied', own.body.id)).toBe(before + 2);
      expect((await portal.http.get('/api/portal/requests').set(a).expect(200)).body).toEqual([]);
    });

    it("should not let a handler of one department read another department's request", async () => {
      const registrarDh = bearer(await signIn(console_.http, 'console', 'registrar.dhjd'));
      const res = await console_.http
        .post('/api/console/requests')
        .set(registrarDh)
        .send(postedRegistration(agencies.get('sfq-dhjd')!.id, '2026-11-19'))
        .expect(201);
      const id = res.body.requests[0].id;
      const jyj = bearer(await signIn(console_.http, 'console', 'handler.jyj'));
      await console_.http.get(`/api/console/requests/${id}`).set(jyj).expect(404);
      await console_.http.post(`/api/console/requests/${id}/claim`).set(jyj).send({}).expect(404);
      const list = await console_.http.get('/api/console/requests').set(jyj).expect(200);
      expect(list.body.rows.map((r: { id: string }) => r.id)).not.toContain(id);
      // The district's own handler reaches the street office beneath it.
      const district = bearer(await signIn(console_.http, 'console', 'handler'));
      await console_.http.get(`/api/console/requests/${id}`).set(district).expect(200);
      expect(await audited('request.access_denied', id)).toBe(2);
    });

    it('should keep citizens out of the console and staff out of the portal', async () => {
      const citizen = bearer(await signIn(portal.http, 'portal', '13900000001'));
      await console_.http.get('/api/console/requests').set(citizen).expect(401);
      const staff = bearer(await signIn(console_.http, 'console', 'registrar'));
      await portal.http.get('/api/portal/requests').set(staff).expect(401);
      await console_.http.post('/api/portal/auth/login').send({ login: 'x', password: 'y' }).expect(404);
    });

    it('should refuse an attachment that is not what it claims to be', async () => {
      const citizen = bearer(await signIn(portal.http, 'portal', '13900000001'));
      const res = await portal.http
        .post('/api/portal/attachments')
        .set(citizen)
        .field('purpose', 'application')
        .attach('file', Buffer.from('<html><script>alert(1)</script></html>'), {
          filename: 'a.pdf',
          contentType: 'application/pdf',
        })
        .expect(400);
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: 'file', code: 'file.typeNotAllowed' }),
      ]);
      const big = await portal.http
        .post('/api/portal/attachments')
        .set(citizen)
        .field('purpose', 'application')
        .attach('file', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf')
        .expect(413);
      expect(big.body.code).toBe('HTTP.PAYLOAD_TOO_LARGE');
    });
  });

  describe('sign-in and sessions', () => {
    it('should lock a name after five failures, answering alike whether or not the account exists', async () => {
      for (const login of ['officehead', 'no-such-person']) {
        for (let i = 0; i < 5; i++) {
          const res = await console_.http
            .post('/api/console/auth/login')
            .send({ login, password: 'Wrong#Pass1' })
            .expect(401);
          expect(res.body.code).toBe('AUTH.INVALID_CREDENTIALS');
        }
        const locked = await console_.http
          .post('/api/console/auth/login')
          .send({ login, password: 'Gongkai#Demo2026' })
          .expect(401);
        expect(locked.body.code).toBe('AUTH.LOCKED');
      }
      expect(await audited('auth.lockout')).toBe(2);
      clock.advance({ minutes: 15, ms: 1000 });
      await signIn(console_.http, 'console', 'officehead');
    });

    it('should stop a revoked session at once, and end every session of a disabled account', async () => {
      const token = await signIn(console_.http, 'console', 'signer');
      const me = await console_.http.get('/api/console/auth/me').set(bearer(token)).expect(200);
      const sessions = await console_.http.get('/api/console/auth/sessions').set(bearer(token)).expect(200);
      await console_.http
        .post(`/api/console/auth/sessions/${sessions.body[0].id}/revoke`)
        .set(bearer(token))
        .expect(204);
      await console_.http.get('/api/console/auth/me').set(bearer(token)).expect(401);

      const again = bearer(await signIn(console_.http, 'console', 'signer'));
      const sysadmin = bearer(await signIn(console_.http, 'console', 'sysadmin'));
      await console_.http
        .post(`/api/console/users/${me.body.id}/disable`)
        .set(sysadmin)
        .send({ reason: '离职' })
        .expect(204);
      await console_.http.get('/api/console/auth/me').set(again).expect(401);
      await console_.http
        .post('/api/console/auth/login')
        .send({ login: 'signer', password: 'Gongkai#Demo2026' })
        .expect(401);
    });

    it('should end a session after 30 idle minutes', async () => {
      const token = bearer(await signIn(console_.http, 'console', 'legal'));
      clock.advance({ minutes: 29 });
      await console_.http.get('/api/console/auth/me').set(token).expect(200);
      clock.advance({ minutes: 31 });
      await console_.http.get('/api/console/auth/me').set(token).expect(401);
    });

    it('should make a new account change its temporary password before anything else, by the policy', async () => {
      const sysadmin = bearer(await signIn(console_.http, 'console', 'sysadmin'));
      const weak = await console_.http
        .post('/api/console/users')
        .set(sysadmin)
        .send({ login: 'newbie', displayName: '新人', temporaryPassword: 'P@ssw0rd' })
        .expect(400);
      expect(weak.body.details).toEqual([
        expect.objectContaining({ field: 'temporaryPassword', code: 'password.breached' }),
      ]);
      await console_.http
        .post('/api/console/users')
        .set(sysadmin)
        .send({ login: 'newbie', displayName: '新人', temporaryPassword: 'Temp#2026xyz' })
        .expect(201);
      const token = bearer(await signIn(console_.http, 'console', 'newbie', 'Temp#2026xyz'));
      expect((await console_.http.get('/api/console/agencies').set(token).expect(403)).body.code).toBe(
        'AUTH.PASSWORD_CHANGE_REQUIRED',
      );
      const short = await console_.http
        .post('/api/console/auth/change-password')
        .set(token)
        .send({ currentPassword: 'Temp#2026xyz', newPassword: 'abc' })
        .expect(400);
      expect(short.body.details.map((d: { code: string }) => d.code)).toEqual([
        'password.too_short',
        'password.too_few_classes',
      ]);
      await console_.http
        .post('/api/console/auth/change-password')
        .set(token)
        .send({ currentPassword: 'Temp#2026xyz', newPassword: 'Fresh#Strong2026' })
        .expect(204);
      await console_.http.get('/api/console/agencies').set(token).expect(200);
    });
  });

  describe('roles', () => {
    it('should let only the security administrator grant roles, and never combine the administrators', async () => {
      const secadmin = bearer(await signIn(console_.http, 'console', 'secadmin'));
      const sysadmin = bearer(await signIn(console_.http, 'console', 'sysadmin'));
      const id = await createStaff(ds, 'dual', [['auditor', 'sfq']], { now: clock.now() });
      const sfq = agencies.get('sfq')!.id;
      await console_.http
        .post(`/api/console/users/${id}/roles`)
        .set(sysadmin)
        .send({ role: 'handler', agencyId: sfq })
        .expect(403);
      const combined = await console_.http
        .post(`/api/console/users/${id}/roles`)
        .set(secadmin)
        .send({ role: 'system_admin', agencyId: sfq })
        .expect(422);
      expect(combined.body.code).toBe('IDENTITY.ADMIN_ROLES_COMBINED');
      expect(await audited('role.granted', id)).toBe(0);
      const handlerId = await createStaff(ds, 'plain', [], { now: clock.now() });
      await console_.http
        .post(`/api/console/users/${handlerId}/roles`)
        .set(secadmin)
        .send({ role: 'handler', agencyId: sfq })
        .expect(204);
      expect(await audited('role.granted', handlerId)).toBe(1);
    });
  });

  describe('personal data', () => {
    it('should encrypt ID numbers, phones and addresses at rest and reveal one only with a reason, audited', async () => {
      const registrar = bearer(await signIn(console_.http, 'console', 'registrar'));
      const res = await console_.http
        .post('/api/console/requests')
        .set(registrar)
        .send(postedRegistration(agencies.get('sfq')!.id, '2026-11-20'))
        .expect(201);
      const id = res.body.requests[0].id;
      const raw = await ds.query<{ j: string }[]>(
        'SELECT row_to_json(r)::text AS j FROM request r WHERE id = $1',
        [id],
      );
      expect(raw[0].j).not.toContain('440524188001010014');
      expect(raw[0].j).not.toContain('8888 6666');
      expect(raw[0].j).not.toContain('东湖路');

      const detail = await console_.http.get(`/api/console/requests/${id}`).set(registrar).expect(200);
      expect(detail.body.applicant).toMatchObject({ idNumber: '4405**********0014', phone: '********6666' });
      const noReason = await console_.http
        .post(`/api/console/requests/${id}/reveal`)
        .set(registrar)
        .send({ field: 'applicant.idNumber', reason: '' })
        .expect(400);
      expect(noReason.body.details[0].field).toBe('reason');
      const revealed = await console_.http
        .post(`/api/console/requests/${id}/reveal`)
        .set(registrar)
        .send({ field: 'applicant.idNumber', reason: '核对申请人身份' })
        .expect(200);
      expect(revealed.body).toEqual({ field: 'applicant.idNumber', value: '440524188001010014' });
      const entry = await ds
        .getRepository(AuditLogEntity)
        .findOneByOrFail({ action: 'personal_data.revealed', objectId: id });
      expect(entry.details).toEqual({ field: 'applicant.idNumber', reason: '核对申请人身份' });
      expect(JSON.stringify(await ds.getRepository(AuditLogEntity).find())).not.toContain(
        '440524188001010014',
      );

      const legal = bearer(await signIn(console_.http, 'console', 'officehead'));
      await console_.http
        .post(`/api/console/requests/${id}/reveal`)
        .set(legal)
        .send({ field: 'phone', reason: '联系申请人' })
        .expect(200);
      const reviewer = await createStaff(ds, 'reviewer2', [['legal_reviewer', 'sfq']], { now: clock.now() });
      expect(reviewer).toBeTruthy();
      const lr = bearer(await signIn(console_.http, 'console', 'reviewer2'));
      await console_.http
        .post(`/api/console/requests/${id}/reveal`)
        .set(lr)
        .send({ field: 'phone', reason: '联系申请人' })
        .expect(403);
    });
  });

  describe('audit log', () => {
    it('should be readable by auditors only, hash-chained, and refuse UPDATE and DELETE in the database', async () => {
      const auditor = bearer(await signIn(console_.http, 'console', 'auditor'));
      const sysadmin = bearer(await signIn(console_.http, 'console', 'sysadmin'));
      await console_.http.get('/api/console/audit').set(sysadmin).expect(403);
      const page = await console_.http
        .get('/api/console/audit')
        .query({ action: 'auth.login' })
        .set(auditor)
        .expect(200);
      expect(page.body.total).toBeGreaterThan(5);
      // The worker links new rows a few times a second; here the test does it.
      await console_.app.get(AuditService).sequence();
      expect(
        (await console_.http.get('/api/console/audit/verify').set(auditor).expect(200)).body,
      ).toMatchObject({ ok: true });

      await expect(
        ds.query(`UPDATE audit_log SET actor = 'someone-else' WHERE id = (SELECT min(id) FROM audit_log)`),
      ).rejects.toThrow(/append-only/);
      await expect(ds.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(ds.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);

      // An edit made around the triggers (by the table owner switching them off) breaks the chain.
      await console_.app.get(AuditService).sequence();
      const target = await ds.query<{ id: string }[]>(
        'SELECT max(id) AS id FROM audit_log WHERE seq IS NOT NULL',
      );
      await ds.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
      await ds.query(`UPDATE audit_log SET result = 'failure' WHERE id = $1`, [target[0].id]);
      await ds.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
      const broken = await console_.http.get('/api/console/audit/verify').set(auditor).expect(200);
      expect(broken.body).toMatchObject({ ok: false, brokenAt: target[0].id });
    });
  });

  it('should leave requests unchanged by all of the above refusals', async () => {
    const rows = await ds.getRepository(RequestEntity).find();
    expect(rows.every((r) => r.status === 'registered' && r.version === 1)).toBe(true);
  });
});
