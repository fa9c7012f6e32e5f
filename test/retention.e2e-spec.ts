import { randomUUID } from 'node:crypto';
import { CaseFileService, RetentionService } from '@gongkai/core/archive';
import {
  APP_CONFIG,
  AppConfig,
  AuditLogEntity,
  AuditService,
  Clock,
  DataKeys,
  PersonalDataCipher,
} from '@gongkai/core/platform';
import {
  FrozenClock,
  VIEWPORTS,
  a11yProblems,
  launchBrowser,
  screenshot,
  useTestDatabase,
} from '@gongkai/testing';
import { personApplication } from './support/applications';
import { ConsoleBrowser } from './support/console-browser';
import { Desk } from './support/desk';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * The retention job (PIPL Art. 19, 47): at the end of the case file's retention period a request's personal
 * data is erased — its data keys shredded (ID number, phone, address, files unreadable, the stored values
 * untouched), the clear personal fields overwritten — while Table 3, the case file's proof and the audit
 * trail stay. Held by an open remedy; never early; once; safe when run twice at the same time.
 */
describe('erasing personal data when the retention period ends', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));
  let archived: string;
  let concluded: string;
  let held: string;
  let open: string;
  let attachmentId: string;
  let sfq: string;
  let before: { phone: string; table3: unknown; consultationAddress: string };

  const retention = () => desk.console.app.get(RetentionService);
  /** The job as a deployment with another RETENTION_MODE would run it. */
  const withMode = (mode: AppConfig['retention']['mode']) => {
    const app = desk.console.app;
    const config = app.get<AppConfig>(APP_CONFIG);
    return new RetentionService(
      desk.ds,
      app.get(DataKeys),
      app.get(CaseFileService),
      app.get(AuditService),
      app.get(Clock),
      { ...config, retention: { ...config.retention, mode } },
    );
  };
  const table3 = async () =>
    (
      await desk.console.http
        .get('/api/console/reports/table3')
        .query({ agencyId: sfq, year: 2026, scope: 'agency' })
        .set(desk.as.officehead)
        .expect(200)
    ).body as { rows: unknown[] };
  const row = (id: string) =>
    desk.ds
      .query<Record<string, unknown>[]>(
        `SELECT applicant_name, phone_enc, phone_masked, id_number_enc, email, agent, data_key_id
           FROM request WHERE id = $1`,
        [id],
      )
      .then((r) => r[0]);

  async function replied(overrides: Record<string, unknown> = {}): Promise<string> {
    const id = await desk.applyAndClaim(1, overrides);
    await desk.act('handler', id, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', id, 'sign-off', {});
    await desk.act('handler', id, 'record-service', { channel: 'online', servedOn: desk.today });
    return id;
  }

  beforeAll(async () => {
    await desk.start(db().url);
    sfq = desk.agencies.get('sfq')!.id;
    // The district government keeps its files 10 years here (the demo says 30).
    await desk.ds.query(`UPDATE agency SET retention_class = '10y' WHERE id = $1`, [sfq]);
    const upload = await desk.portal.http
      .post('/api/portal/attachments')
      .set(desk.as.citizen)
      .field('purpose', 'identity')
      .attach('file', PDF, '身份证.pdf')
      .expect(201);
    attachmentId = (upload.body as { id: string }).id;
    archived = await replied({ attachmentIds: [attachmentId], email: 'zhang@example.cn' });
    await desk.act('handler', archived, 'archive', {});
    // Concluded and served but not archived, with a third party consulted (their address encrypted).
    concluded = await desk.applyAndClaim();
    const opened = await desk.act('handler', concluded, 'open-consultation', {
      party: 'third_party',
      partyName: '王某某',
      partyAddress: '示范区建设路 18 号 2 栋 301 室',
      subject: '涉及其个人信息的补偿协议',
    });
    await desk.act('handler', concluded, 'record-consultation-answer', {
      consultationId: opened.consultationId,
      answer: 'consent',
      answeredOn: desk.today,
    });
    await desk.act('handler', concluded, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', concluded, 'sign-off', {});
    held = await replied();
    await desk.act('handler', held, 'archive', {});
    await desk.ds.query(
      `INSERT INTO remedy_case (id, request_id, agency_id, kind, filed_on, body, recorded_by, recorded_at, version)
       VALUES ($1, $2, $3, 'litigation_direct', $4, '示范区人民法院', 'officehead', now(), 1)`,
      [randomUUID(), held, sfq, desk.today],
    );
    // Applied with an Idempotency-Key: the answer is kept for retries (a working record).
    const retried = await desk.portal.http
      .post('/api/portal/requests')
      .set(desk.as.citizen)
      .set('Idempotency-Key', 'retention-test-0001')
      .send(personApplication(sfq))
      .expect(201);
    open = (retried.body as { id: string }).id;
    const [c] = await desk.ds.query<{ party_address: string }[]>(
      `SELECT party_address FROM consultation WHERE request_id = $1`,
      [concluded],
    );
    before = {
      phone: (await row(archived)).phone_enc as string,
      table3: (await table3()).rows,
      consultationAddress: c.party_address,
    };
  }, 120_000);
  afterAll(() => desk.close());

  it('should encrypt each request and each file under a data key of its own', async () => {
    const a = await row(archived);
    const cipher = desk.console.app.get(PersonalDataCipher);
    expect(a.data_key_id).toBeTruthy();
    expect(cipher.dataKeyOf(a.phone_enc as string)).toBe(a.data_key_id);
    expect(cipher.dataKeyOf(a.id_number_enc as string)).toBe(a.data_key_id);
    const [file] = await desk.ds.query<{ content: Buffer; data_key_id: string }[]>(
      `SELECT content, data_key_id FROM attachment WHERE id = $1`,
      [attachmentId],
    );
    expect(file.content.includes(PDF)).toBe(false);
    expect(cipher.dataKeyOf(file.content)).toBe(file.data_key_id);
    expect(await desk.console.app.get(DataKeys).decryptBytes(file.content)).toEqual(PDF);
    // The letters name the applicant: stored under the same key (their hashes are of the letters).
    const letters = await desk.ds.query<{ html: string; docx: Buffer }[]>(
      `SELECT html, docx FROM letter WHERE request_id = $1`,
      [archived],
    );
    expect(letters.length).toBeGreaterThanOrEqual(2);
    for (const l of letters) {
      expect(cipher.dataKeyOf(l.html)).toBe(a.data_key_id);
      expect(cipher.dataKeyOf(l.docx)).toBe(a.data_key_id);
      expect(l.html).not.toContain('张三');
    }
  });

  it('should erase no request on the last day of its period (only working records past their time)', async () => {
    await desk.moveTo('2036-12-31');
    expect(await retention().due()).toEqual([]);
    const answers = () =>
      desk.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM idempotency_key`).then((r) => r[0].n);
    expect(await answers()).toBe(1);
    // Working records go by their own, short times: the stored answer to a retried submission after 7 days.
    expect(await retention().run()).toMatchObject({
      mode: 'erase',
      erased: 0,
      purged: { idempotency_key: 1 },
    });
    expect(await answers()).toBe(0);
    expect((await row(archived)).phone_enc).toBe(before.phone);
  });

  it('should only list what is due in report mode, and change nothing', async () => {
    await desk.moveTo('2037-01-01');
    const report = await withMode('report').run();
    expect(report).toMatchObject({ mode: 'report', due: 2, erased: 0, onHold: 1 });
    expect(await withMode('off').run()).toMatchObject({ mode: 'off', erased: 0 });
    expect((await row(archived)).applicant_name).not.toBe('（已删除）');
    expect(
      await desk.ds.getRepository(AuditLogEntity).countBy({ action: 'personal_data.retention_due' }),
    ).toBe(1);
  });

  it('should erase the two due requests once, even with two runs at the same time, and hold the one in court', async () => {
    const runs = await Promise.all([retention().run(), retention().run()]);
    expect(runs[0].onHold).toBe(1);
    expect((await retention().run()).erased).toBe(0);
    const erasures = await desk.ds.query<
      { request_id: string; keys_shredded: number; case_file_intact: boolean | null }[]
    >(
      `SELECT request_id, keys_shredded, case_file_intact FROM personal_data_erasure ORDER BY keys_shredded DESC`,
    );
    expect(erasures).toEqual([
      { request_id: archived, keys_shredded: 2, case_file_intact: true },
      { request_id: concluded, keys_shredded: 1, case_file_intact: null },
    ]);
    expect((await row(held)).applicant_name).not.toBe('（已删除）');
    expect((await row(open)).applicant_name).not.toBe('（已删除）');
  });

  it('should shred the keys and leave the stored values as they were, unreadable', async () => {
    const a = await row(archived);
    expect(a).toMatchObject({ applicant_name: '（已删除）', phone_masked: '', email: null });
    expect(a.phone_enc).toBe(before.phone);
    const [key] = await desk.ds.query<{ wrapped: string | null; shredded_at: Date | null }[]>(
      `SELECT wrapped, shredded_at FROM data_key WHERE id = $1`,
      [a.data_key_id],
    );
    expect(key.wrapped).toBeNull();
    expect(key.shredded_at).toBeTruthy();
    expect(await desk.console.app.get(DataKeys).decrypt(a.phone_enc as string)).toBeNull();
    const [c] = await desk.ds.query<{ party_address: string; party_name: string }[]>(
      `SELECT party_address, party_name FROM consultation WHERE request_id = $1`,
      [concluded],
    );
    expect(c).toEqual({ party_address: before.consultationAddress, party_name: '（已删除）' });
    expect(await desk.console.app.get(DataKeys).decrypt(c.party_address)).toBeNull();
    const items = await desk.ds.query<{ description: string }[]>(
      `SELECT description FROM request_item WHERE request_id = $1`,
      [archived],
    );
    expect(items.map((i) => i.description)).toEqual(['（已删除）']);
  });

  it('should answer PERSONAL_DATA.ERASED to a reveal and to a download of an erased file or letter', async () => {
    const reveal = await desk.console.http
      .post(`/api/console/requests/${archived}/reveal`)
      .set(desk.as.officehead)
      .send({ field: 'applicant.idNumber', reason: '核对申请人身份' });
    expect(reveal.status).toBe(422);
    expect(reveal.body).toMatchObject({ code: 'PERSONAL_DATA.ERASED' });
    const download = await desk.console.http
      .get(`/api/console/requests/${archived}/attachments/${attachmentId}`)
      .set(desk.as.officehead);
    expect(download.status).toBe(422);
    expect(download.body).toMatchObject({ code: 'PERSONAL_DATA.ERASED' });
    const [letter] = await desk.ds.query<{ id: string }[]>(
      `SELECT id FROM letter WHERE request_id = $1 AND kind LIKE 'reply%'`,
      [archived],
    );
    for (const path of [`letters/${letter.id}`, `letters/${letter.id}/docx`]) {
      const res = await desk.console.http
        .get(`/api/console/requests/${archived}/${path}`)
        .set(desk.as.officehead);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'PERSONAL_DATA.ERASED' });
    }
  });

  it('should keep Table 3 as it was, and the case file verifying with the erasure shown', async () => {
    expect((await table3()).rows).toEqual(before.table3);
    const check = await desk.console.http
      .get(`/api/console/requests/${archived}/archive/verify`)
      .set(desk.as.officehead)
      .expect(200);
    expect(check.body).toMatchObject({ ok: true, mismatches: [], erasure: { erasedOn: '2037-01-01' } });
    // The request, its item and the events that repeated the applicant's name (the acknowledgement).
    expect(
      new Set(
        (check.body as { erasure: { entries: { type: string }[] } }).erasure.entries.map((e) => e.type),
      ),
    ).toEqual(new Set(['request', 'item', 'event']));
    const events = await desk.ds.query<{ data: unknown }[]>(
      `SELECT data FROM request_event WHERE request_id = $1`,
      [archived],
    );
    const text = JSON.stringify(events);
    for (const personal of ['张三', '13812345678', 'zhang@example.cn', '东湖路']) {
      expect(text).not.toContain(personal);
    }
    expect(text).toContain('（已删除）');
    const audit = await desk.ds.getRepository(AuditLogEntity).findBy({ action: 'personal_data.erased' });
    expect(audit.map((a) => a.objectId).sort()).toEqual([archived, concluded].sort());
    expect(audit[0].details).toMatchObject({ basis: expect.stringContaining('第四十七条') });
  });

  it('should say on the case page that the personal data was erased, and show none of it', async () => {
    await desk.console.app.listen(0, '127.0.0.1');
    const base = (await desk.console.app.getUrl()).replace('[::1]', '127.0.0.1');
    const browser = await launchBrowser();
    try {
      const clerk = new ConsoleBrowser(
        () => browser,
        () => base,
      );
      const page = await clerk.signedIn('officehead');
      await page.goto(`/requests/${archived}`);
      const notice = page.locator('.notice', { hasText: '个人信息已于 2037-01-01 删除' });
      await expect(notice.textContent()).resolves.toContain('第四十七条');
      expect(await page.getByText('张三').count()).toBe(0);
      expect(await page.getByText('查看完整的个人信息').count()).toBe(0);
      // The files and letters are listed (what there was) but no longer offered.
      await expect(page.getByText('身份证.pdf（文件已删除）').count()).resolves.toBe(1);
      expect(await page.getByRole('link', { name: '身份证.pdf' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'DOCX' }).count()).toBe(0);
      await expect(page.getByText('正文已删除').count()).resolves.toBeGreaterThan(1);
      await clerk.look(page, 'case-erased');
      await page.getByRole('link', { name: '查看案卷目录并校验完整性' }).click();
      await expect(page.getByRole('status').textContent()).resolves.toContain(
        '删除个人信息时改写（删除前与归档时一致）',
      );
      await expect(page.getByText('10年').count()).resolves.toBeGreaterThan(0);
      // The sealed manifest names the file by its purpose, never by what the uploader called it.
      expect(await page.getByText('身份证.pdf').count()).toBe(0);
      await expect(page.getByText('身份证明（PDF）').count()).resolves.toBe(1);
      await clerk.look(page, 'case-file-erased');
      expect(clerk.problems).toEqual({});
    } finally {
      await browser.close();
    }
  });

  it('should tell the citizen on the portal, and offer no erased letter', async () => {
    const token = desk.as.citizen.Authorization.replace('Bearer ', '');
    const page = await desk.portal.http
      .get(`/requests/${archived}`)
      .set('Cookie', `gk_citizen=${token}`)
      .expect(200);
    expect(page.text).toContain('您的个人信息已于 2037年1月1日 删除');
    expect(page.text).toContain('正文已删除');
    expect(page.text).not.toContain('张三');
    expect(page.text).not.toContain('下载 Word 文件');
    // As the citizen sees it on a phone.
    await desk.portal.app.listen(0, '127.0.0.1');
    const base = (await desk.portal.app.getUrl()).replace('[::1]', '127.0.0.1');
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ baseURL: base, viewport: VIEWPORTS.phone, locale: 'zh-CN' });
      await context.addCookies([{ name: 'gk_citizen', value: token, url: base }]);
      const phone = await context.newPage();
      await phone.goto(`/requests/${archived}`);
      await expect(phone.locator('.notice').first().textContent()).resolves.toContain('您的个人信息已于');
      await screenshot(phone, 'portal-request-erased');
      expect(await a11yProblems(phone)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it.each([
    [
      'bring a shredded key back',
      `UPDATE data_key SET wrapped = 'x', shredded_at = NULL WHERE shredded_at IS NOT NULL`,
    ],
    ['delete a data key', `DELETE FROM data_key`],
    ['rewrite an erasure record', `UPDATE personal_data_erasure SET basis = 'x'`],
    ['delete an erasure record', `DELETE FROM personal_data_erasure`],
  ])('should not let anyone %s', async (_name, sql) => {
    await expect(desk.ds.query(sql)).rejects.toThrow(/immutable|only re-wrapped or shredded/);
  });

  it('should keep an archived request read-only apart from the erasure of its personal fields', async () => {
    await expect(
      desk.ds.query(`UPDATE request SET disposition = 'x' WHERE id = $1`, [archived]),
    ).rejects.toThrow(/immutable/);
    // Without an erasure on record, not even the name of an archived request can change.
    await expect(
      desk.ds.query(`UPDATE request SET applicant_name = 'x' WHERE id = $1`, [held]),
    ).rejects.toThrow(/immutable/);
  });
});
