/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, FrozenClock, launchBrowser, screenshot, useTestDatabase } from '@gongkai/testing';
import { ConsoleBrowser } from './support/console-browser';
import { Desk } from './support/desk';

/**
 * The staff console's first pages in a real browser, at 1366×768: sign-in, the home counts, the
 * worklists and the case page with its moves, checked by axe-core.
 */
describe('the staff console in a browser', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock(new Date().toISOString()));
  let browser: Browser;
  const consoleBrowser = new ConsoleBrowser(
    () => browser,
    () => base,
  );
  const look = (page: Page, name: string) => consoleBrowser.look(page, name);
  const signedIn = (login: string) => consoleBrowser.signedIn(login);
  let base: string;
  let portalBase: string;

  beforeAll(async () => {
    await desk.start(db().url, { listen: true });
    portalBase = (await desk.portal.app.getUrl()).replace('[::1]', '127.0.0.1');
    await desk.console.app.listen(0, '127.0.0.1');
    base = (await desk.console.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await desk.close();
  });

  const move = (page: Page, label: string) => consoleBrowser.submit(page, label);
  const openMove = (page: Page, heading: string) => consoleBrowser.openMove(page, heading);

  const PDF = {
    name: '回执.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  };

  it("should carry a posted application through five people's hands in the console, to the citizen's portal", async () => {
    // 1. The registrar registers a posted application and splits it in two.
    const registrar = await signedIn('registrar');
    await registrar.getByRole('link', { name: '登记纸质申请' }).click();
    await look(registrar, 'register');
    await registrar.getByLabel('受理机关').selectOption(desk.agencies.get('sfq')!.id);
    await registrar.getByLabel('收到申请之日').fill('2999-01-01');
    await move(registrar, '登记');
    expect(await registrar.textContent('main')).toContain('收到申请之日不能晚于今天');
    await look(registrar, 'register-refused');
    expect(await desk.ds.query('SELECT count(*)::int AS n FROM request')).toEqual([{ n: 0 }]);
    await registrar.getByLabel('收到申请之日').fill(desk.clock.today());
    await registrar.getByLabel('姓名或名称').fill('张三');
    await registrar.getByLabel('证件号码（自然人）').fill('11010519491231002X');
    await registrar.getByLabel('联系电话').fill('13812345678');
    await registrar.getByLabel('通信地址').fill('示范市和平路 1 号');
    await registrar.getByLabel('第 1 项：信息描述').fill('示范区 2025 年土地征收成片开发方案');
    await registrar.getByLabel('第 2 项：信息描述').fill('示范区 2025 年道路维修经费');
    await registrar.getByLabel('第 2 项：拆分为').selectOption('2');
    await registrar.getByLabel('申请书扫描件').setInputFiles({ ...PDF, name: '申请书.pdf' });
    await move(registrar, '登记');
    await look(registrar, 'register-done');
    const done = (await registrar.textContent('main'))!;
    expect(done).toContain('拆分为 2 件申请');
    const numbers = await registrar.locator('main table tbody tr td:first-child a').allTextContents();
    expect(numbers).toHaveLength(2);
    const code = (await registrar.locator('main table tbody tr').first().locator('strong').textContent())!;
    const receipt = await registrar.request.get(
      (await registrar.locator('main a', { hasText: '接收回执' }).first().getAttribute('href'))!,
    );
    expect(await receipt.text()).toContain(numbers[0]);
    const [{ id }] = await desk.ds.query<{ id: string }[]>('SELECT id FROM request WHERE number = $1', [
      numbers[0],
    ]);

    // 2. The handler claims it from 认领中心, corrects, consults and drafts a partial disclosure.
    const handler = await signedIn('handler');
    await handler.goto('/worklist?queue=unassigned');
    await handler.getByRole('link', { name: numbers[0] }).click();
    await look(handler, 'case-registered');
    expect(await handler.locator('main').textContent()).not.toContain('11010519491231002X');
    await move(handler, '认领');
    expect(await handler.textContent('main')).toContain('已完成：认领');
    await move(handler, '发出补正告知书');
    expect(await handler.textContent('main')).toContain('未完成');
    expect((await desk.row(id)).status).toBe('in_progress');
    await handler.getByLabel('需要补正的事项').fill('请写明方案的批准机关\n请说明涉及的地块');
    await move(handler, '发出补正告知书');
    expect((await desk.row(id)).status).toBe('awaiting_correction');
    await handler.getByLabel('补正内容').fill('示范市人民政府批准；和平路地块');
    await handler.getByLabel('补正材料扫描件').setInputFiles({ ...PDF, name: '补正.pdf' });
    await move(handler, '登记补正材料');
    expect((await desk.row(id)).status).toBe('in_progress');
    await (await openMove(handler, '征求意见')).getByLabel('名称', { exact: true }).fill('示范置业有限公司');
    await handler.getByLabel('征求意见的内容').fill('方案中涉及贵公司地块的部分拟予公开');
    await move(handler, '发出征求意见');
    expect((await desk.row(id)).status).toBe('consulting');
    await look(handler, 'case-consulting');
    await handler.getByLabel('同意公开', { exact: true }).check();
    await move(handler, '登记意见');
    expect((await desk.row(id)).status).toBe('in_progress');
    await handler.getByLabel('处理结果', { exact: true }).selectOption('disclose.partial');
    await handler.getByLabel(/^理由/).fill('方案附件含个人信息，已作区分处理');
    const [preview] = await Promise.all([
      handler.context().waitForEvent('page'),
      handler.getByRole('button', { name: /预览答复告知书/ }).click(),
    ]);
    await preview.waitForLoadState();
    const previewText = (await preview.textContent('body'))!;
    expect(previewText).toContain('尚未保存');
    expect(previewText).toContain('部分公开');
    expect(previewText).toContain('需要法制审核');
    await screenshot(preview, 'console-reply-preview');
    await preview.close();
    expect((await desk.row(id)).status).toBe('in_progress');
    await move(handler, '保存答复');
    expect((await desk.row(id)).status).toBe('in_review');
    await look(handler, 'case-in-review');

    // 3. The legal reviewer returns it once, then approves the redraft.
    const legal = await signedIn('legal');
    await legal.goto('/worklist?queue=to_review');
    await legal.getByRole('link', { name: numbers[0] }).click();
    await look(legal, 'case-review');
    expect(await legal.textContent('main')).toContain('须法制审核');
    await (await openMove(legal, '审核退回')).getByLabel('退回意见').fill('请写明区分处理的依据条款');
    await move(legal, '退回修改');
    expect((await desk.row(id)).status).toBe('in_progress');
    await handler.reload();
    await handler.getByLabel('处理结果', { exact: true }).selectOption('disclose.partial');
    await handler.getByLabel(/^理由/).fill('方案附件含个人信息，依条例第三十七条作区分处理');
    await move(handler, '保存答复');
    await legal.reload();
    await move(legal, '审核通过');
    expect((await desk.row(id)).status).toBe('awaiting_signoff');

    // 4. The signer signs.
    const signer = await signedIn('signer');
    await signer.goto('/worklist?queue=to_sign');
    await look(signer, 'worklist-to-sign');
    await signer.getByRole('link', { name: numbers[0] }).click();
    await move(signer, '签发');
    expect((await desk.row(id)).status).toBe('replied');

    // 5. The handler records service by post with its proof, and archives.
    await handler.goto(`/requests/${id}`);
    await handler.getByRole('radio', { name: '邮寄' }).check();
    await handler.getByLabel('邮件号').fill('EMS1234567890');
    await move(handler, '登记送达');
    expect(await handler.textContent('main')).toContain('未完成');
    expect(await handler.getByLabel('邮件号').inputValue()).toBe('EMS1234567890');
    await handler.getByLabel(/送达凭证/).setInputFiles({ ...PDF, name: '邮件回执.pdf' });
    await move(handler, '登记送达');
    expect((await desk.row(id)).status).toBe('served');
    await move(handler, '归档');
    expect((await desk.row(id)).status).toBe('archived');
    await look(handler, 'case-archived');

    // 6. The archive verifies.
    const head = await signedIn('officehead');
    await head.goto(`/requests/${id}`);
    await head.getByRole('link', { name: /校验完整性/ }).click();
    await look(head, 'archive');
    expect(await head.textContent('main')).toContain('校验通过');

    // The applicant follows it in the portal with the number and code from the receipt.
    const citizen = await (await browser.newContext({ baseURL: portalBase, locale: 'zh-CN' })).newPage();
    await citizen.goto('/track');
    await citizen.getByLabel('申请编号').fill(numbers[0]);
    await citizen.getByLabel('查询码').fill(code);
    await Promise.all([citizen.waitForNavigation(), citizen.getByRole('button', { name: '查询' }).click()]);
    expect(await citizen.textContent('main')).toContain('政府信息公开申请答复告知书');
  }, 300_000);

  it('should tell the second of two clerks that someone else changed the request, keeping their text', async () => {
    const id = await desk.applyAndClaim();
    const one = await signedIn('handler');
    const two = await signedIn('handler');
    await one.goto(`/requests/${id}`);
    await two.goto(`/requests/${id}`);
    await one.getByLabel('需要补正的事项').fill('请写明年份');
    await move(one, '发出补正告知书');
    await (await openMove(two, '退回')).getByLabel('退回原因').fill('不属于本科室');
    await move(two, '退回');
    expect(await two.textContent('main')).toContain('其他人刚刚修改了这件申请');
    expect(await two.getByLabel('退回原因').inputValue()).toBe('不属于本科室');
    expect((await desk.row(id)).status).toBe('awaiting_correction');
  }, 60_000);

  it('should show each role only its queues and moves', async () => {
    const legal = await signedIn('legal');
    const nav = await legal.locator('nav[aria-label="工作台导航"]').textContent();
    expect(nav).toContain('待审核');
    expect(nav).not.toContain('认领中心');
    const id = await desk.applyAndClaim();
    await legal.goto(`/requests/${id}`);
    expect(await legal.locator('aside').textContent()).toContain('没有可办理的操作');
    const other = await signedIn('handler.jyj');
    const res = await other.goto(`/requests/${id}`);
    expect(res!.status()).toBe(404);
    expect(await other.textContent('main')).toContain('页面不存在');
  }, 60_000);

  it('should never offer a drafter the review or sign-off of their own draft', async () => {
    const id = await desk.applyAndClaim();
    const [{ id: userId }] = await desk.ds.query<{ id: string }[]>(
      "SELECT id FROM staff_user WHERE login = 'handler'",
    );
    await desk.ds.query(
      `INSERT INTO staff_role (user_id, role, agency_id, granted_by, granted_at)
       VALUES ($1, 'legal_reviewer', $2, 'test', now()), ($1, 'signer', $2, 'test', now())`,
      [userId, desk.agencies.get('sfq')!.id],
    );
    try {
      const handler = await signedIn('handler');
      await handler.goto(`/requests/${id}`);
      await handler.getByLabel('处理结果', { exact: true }).selectOption('withhold.process_info');
      await handler.getByLabel(/^理由/).fill('该方案尚在讨论，属于过程性信息');
      await move(handler, '保存答复');
      expect((await desk.row(id)).status).toBe('in_review');
      const aside = (await handler.locator('aside').textContent())!;
      expect(aside).not.toContain('审核通过');
      expect(aside).not.toContain('审核退回');
      // Another reviewer approves; the drafter, also a signer, is not offered the sign-off either.
      const legal = await signedIn('legal');
      await legal.goto(`/requests/${id}`);
      await move(legal, '审核通过');
      await handler.reload();
      expect(await handler.locator('aside').textContent()).not.toContain('签发');
    } finally {
      await desk.ds.query(
        "DELETE FROM staff_role WHERE user_id = $1 AND role IN ('legal_reviewer', 'signer')",
        [userId],
      );
    }
  }, 90_000);

  it('should let the desk filter, export, batch-claim, read notifications and supervise', async () => {
    const apply = async (description: string) => {
      const res = await desk.portal.http
        .post('/api/portal/requests')
        .set(desk.as.citizen)
        .send({
          agencyId: desk.agencies.get('sfq')!.id,
          applicantType: 'natural_person',
          applicant: { name: '李四', idType: 'resident_id', idNumber: '11010519491231002X' },
          phone: '13812345678',
          items: [{ description }],
          formOfProvision: 'electronic',
          deliveryChannel: 'online',
        });
      return (res.body as { id: string; number: string }).number;
    };
    const first = await apply('示范区 2024 年河道整治工程验收报告');
    const second = await apply('示范区 2024 年河道整治工程审计报告');

    const handler = await signedIn('handler');
    await handler.goto('/worklist?queue=unassigned&q=河道整治');
    await look(handler, 'worklist-filtered');
    expect(await handler.locator('main table tbody tr').count()).toBe(2);
    await handler.goto('/worklist?queue=unassigned&receivedFrom=2026-13-45');
    expect(await handler.textContent('main')).toContain('日期格式应为');
    await look(handler, 'worklist-bad-date');

    const csv = await handler.request.get('/worklist/export.csv?queue=unassigned&q=河道整治');
    expect(csv.headers()['content-type']).toContain('text/csv');
    const body = await csv.text();
    expect(body).toContain('申请编号');
    expect(body).toContain(first);
    expect(body).toContain('"李*"');
    expect(body).not.toContain('李四');
    expect(
      await desk.ds.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'worklist.exported'"),
    ).toEqual([{ n: 1 }]);

    await handler.goto('/worklist?queue=unassigned&q=河道整治');
    await move(handler, '认领所选');
    expect(await handler.textContent('main')).toContain('请先勾选');
    await handler.getByLabel(`选择 ${first}`).check();
    await handler.getByLabel(`选择 ${second}`).check();
    await move(handler, '认领所选');
    expect(await handler.textContent('main')).toContain('已认领 2 件');
    const claimed = await desk.ds.query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM request WHERE number = ANY($1) AND status = 'in_progress'",
      [[first, second]],
    );
    expect(claimed).toEqual([{ n: 2 }]);

    // Forty days on, both are overdue: the office head reminds the handler, who reads it.
    const now = desk.clock.now();
    desk.clock.advance({ days: 40 });
    try {
      const head = await signedIn('officehead');
      await head.getByRole('link', { name: '督办' }).click();
      await look(head, 'supervision');
      expect(await head.textContent('main')).toContain('逾期未办理');
      await Promise.all([
        head.waitForNavigation(),
        head.getByRole('button', { name: /催办逾期.*示范区人民政府$/ }).click(),
      ]);
      expect(await head.textContent('main')).toMatch(/已督办 \d+ 件申请/);
      const reader = await signedIn('handler');
      await look(reader, 'home-with-notifications');
      expect(await reader.textContent('main')).toContain('督办：申请已逾期');
      await reader.getByRole('link', { name: '我的通知' }).click();
      await look(reader, 'notifications');
      await move(reader, '全部标为已读');
      expect(await reader.textContent('main')).toContain('未读 0 条');
      await reader.getByRole('link', { name: '登录会话' }).click();
      await look(reader, 'sessions');
      expect(await reader.textContent('main')).toContain('当前会话');
    } finally {
      desk.clock.set(now);
    }
  }, 120_000);

  it('should send an idle clerk back to sign-in and then to the page they were on', async () => {
    const id = await desk.applyAndClaim();
    const handler = await signedIn('handler');
    await handler.goto(`/requests/${id}`);
    const now = desk.clock.now();
    desk.clock.advance({ minutes: 31 });
    try {
      await handler.reload();
      expect(handler.url()).toContain('/login?next=');
      expect(await handler.textContent('main')).toContain('登录已失效');
      await look(handler, 'login-expired');
      await handler.getByLabel('账号').fill('handler');
      await handler.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await Promise.all([handler.waitForNavigation(), handler.getByRole('button', { name: '登录' }).click()]);
      expect(new URL(handler.url()).pathname).toBe(`/requests/${id}`);
    } finally {
      desk.clock.set(now);
      await desk.signInAll();
    }
  }, 60_000);

  it('should have no serious or critical accessibility problem on any page', () => {
    expect(Object.keys(consoleBrowser.problems)).toEqual([]);
  });
});
