/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { FrozenClock, launchBrowser, useTestDatabase } from '@gongkai/testing';
import { ConsoleBrowser } from './support/console-browser';
import { Desk } from './support/desk';

/**
 * The annual report in the console, as the office that publishes it works: last year's Table 3 for the
 * demo district, a number followed to its requests and one of those to its case page, the checks,
 * the exports, and publishing with its confirmation. axe-core on every page; screenshots at 1366×768.
 */
describe('the annual report and audit pages', () => {
  const db = useTestDatabase();
  const now = new Date();
  const lastYear = now.getFullYear() - 1;
  const desk = new Desk(new FrozenClock(`${lastYear}-06-02T09:00:00+08:00`));
  let browser: Browser;
  const consoleBrowser = new ConsoleBrowser(
    () => browser,
    () => base,
  );
  const look = (page: Page, name: string) => consoleBrowser.look(page, name);
  const signedIn = (login: string) => consoleBrowser.signedIn(login);
  let base: string;

  beforeAll(async () => {
    await desk.start(db().url);
    // Last year: one request answered, one still open at the end of the year.
    const answered = await desk.applyAndClaim();
    await desk.act('handler', answered, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', answered, 'sign-off', {});
    const remedy = await desk.console.http
      .post(`/api/console/requests/${answered}/remedy-cases`)
      .set(desk.as.legal)
      .send({ kind: 'reconsideration', filedOn: `${lastYear}-06-02`, body: '示范市人民政府' });
    expect(remedy.status).toBe(201);
    await desk.applyAndClaim();
    // Back to the real time: the browser keeps session cookies by its own clock.
    await desk.moveTo(now.toISOString().slice(0, 10));
    desk.clock.set(now);
    await desk.signInAll();
    await desk.console.app.listen(0, '127.0.0.1');
    base = (await desk.console.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await desk.close();
  });

  it('should let the office head read, follow, export and publish last year', async () => {
    const head = await signedIn('officehead');
    const cspViolations: string[] = [];
    head.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) {
        cspViolations.push(m.text());
      }
    });
    await head.getByRole('link', { name: '年度报告' }).click();
    await look(head, 'report');
    const main = (await head.textContent('main'))!;
    // The four figures, drawn on the server as SVG, each named and with its data as a table.
    const figures = head.locator('main figure.chart');
    expect(await figures.count()).toBe(4);
    expect(await head.locator('main figure.chart svg[role="img"]').count()).toBe(4);
    expect(await figures.first().locator('figcaption').textContent()).toContain('各月收到和办结');
    expect(await head.locator('main script').count()).toBe(0);
    // The narrative, edited before publishing; the page says it was edited.
    const narrative = head.getByLabel('发布时使用的说明文字');
    expect(await narrative.inputValue()).toContain(`${lastYear}年`);
    await narrative.fill(`${await narrative.inputValue()}经核对，全年申请均在法定期限内答复。`);
    await Promise.all([head.waitForNavigation(), head.getByRole('button', { name: '保存说明文字' }).click()]);
    expect(await head.textContent('main')).toContain('已保存说明文字');
    expect(await head.textContent('main')).toContain('已由 officehead');
    expect(main).toContain(`${lastYear} 年度报告`);
    expect(main).toContain('全部通过');
    expect(main).toContain('本年度立案的行政复议、行政诉讼');
    expect(main).toContain('示范市人民政府');
    // 一、本年新收 · 总计 counts both requests; follow it to the requests and on to a case page.
    const newTotal = head.getByRole('link', { name: /本年新收.*总计：2 件/ });
    await newTotal.click();
    await look(head, 'report-cell');
    expect(await head.locator('main table tbody tr').count()).toBe(2);
    await head.locator('main table tbody a').first().click();
    expect(head.url()).toMatch(/\/requests\/[0-9a-f-]{36}$/);
    await head.goBack();
    await head.getByRole('link', { name: '返回年度报告' }).click();

    for (const format of ['html', 'xlsx', 'csv']) {
      const href = (await head.locator(`main a[href*="format=${format}"]`).getAttribute('href'))!;
      const res = await head.request.get(href);
      expect(res.status()).toBe(200);
    }

    await Promise.all([head.waitForNavigation(), head.getByRole('button', { name: '发布并锁定' }).click()]);
    expect(await head.textContent('main')).toContain('请勾选确认');
    await head.getByLabel('我已核对表三、表四的数据和上面的说明').check();
    await Promise.all([head.waitForNavigation(), head.getByRole('button', { name: '发布并锁定' }).click()]);
    await look(head, 'report-published');
    expect(await head.textContent('main')).toContain('已发布并锁定');
    expect(await head.textContent('main')).toContain('SHA-256');
    // The published version is listed with its hash and downloads; the edited narrative went in.
    const versions = head.locator('section[aria-labelledby="versions-title"] tbody tr');
    expect(await versions.count()).toBe(1);
    expect(await versions.first().textContent()).toContain('锁定中');
    const published = await head.request.get(
      (await versions.first().getByRole('link', { name: '第 1 版 HTML' }).getAttribute('href'))!,
    );
    expect(published.status()).toBe(200);
    expect(await published.text()).toContain('经核对，全年申请均在法定期限内答复。');
    for (const label of ['XLSX', 'CSV']) {
      const href = (await versions
        .first()
        .getByRole('link', { name: `第 1 版 ${label}` })
        .getAttribute('href'))!;
      expect((await head.request.get(href)).status()).toBe(200);
    }
    // Once locked, the narrative can no longer be edited.
    expect(await head.getByLabel('发布时使用的说明文字').count()).toBe(0);
    expect(cspViolations).toEqual([]);
  }, 120_000);

  it('should import a 10,000-row ledger with visible progress, counted in Table 3; a bad file imports nothing', async () => {
    const year = lastYear - 1;
    const head = await signedIn('officehead');
    await head.goto('/reports');
    await head.getByRole('link', { name: '导入以往台账' }).click();
    await look(head, 'ledger');
    // A bad file: its problems row by row, and nothing imported.
    const bad = [
      '申请编号,收到申请日期,申请人类型,办结日期,处理结果',
      `坏-1,${year}-02-30,自然人,${year}-03-10,予以公开`,
      `坏-2,${year}-03-01,外星人,${year}-03-10,予以公开`,
      `坏-3,${year}-03-01,自然人,${year}-03-10,予以公开`,
    ].join('\r\n');
    await head
      .getByLabel('台账文件')
      .setInputFiles({ name: '坏台账.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await Promise.all([head.waitForNavigation(), head.getByRole('button', { name: '上传并检查' }).click()]);
    await head.getByText('检查未通过').first().waitFor({ timeout: 30_000 });
    await look(head, 'ledger-problems');
    const problemRows = head.locator('main tr.problem-row');
    expect(await problemRows.count()).toBe(2);
    expect(await problemRows.nth(0).textContent()).toContain('第 1 行');
    expect(await problemRows.nth(1).textContent()).toContain('第 2 行');
    expect(await head.getByRole('button', { name: /^导入/ }).count()).toBe(0);
    expect(await desk.ds.query(`SELECT 1 FROM ledger_entry WHERE number LIKE '坏-%'`)).toEqual([]);

    // 10,000 good rows: checked, then imported in the background while the page follows.
    const types = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
    const lines = ['申请编号,收到申请日期,申请人类型,办结日期,处理结果,主题'];
    for (let i = 1; i <= 10_000; i++) {
      const month = String((i % 11) + 1).padStart(2, '0');
      lines.push(
        `旧-${i},${year}-${month}-03,${types[i % types.length]},${year}-${month}-20,予以公开,社会保障`,
      );
    }
    await head.goto('/reports/ledger');
    await head.getByLabel('台账文件').setInputFiles({
      name: '十年台账.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\r\n')),
    });
    await Promise.all([head.waitForNavigation(), head.getByRole('button', { name: '上传并检查' }).click()]);
    await head.locator('main progress').waitFor();
    const importButton = head.getByRole('button', { name: '导入 10000 行' });
    await importButton.waitFor({ timeout: 60_000 });
    expect(await head.textContent('main')).toContain('检查通过：共 10000 行');
    await Promise.all([head.waitForNavigation(), importButton.click()]);
    const bar = head.locator('main progress');
    await bar.waitFor();
    expect(await bar.getAttribute('max')).toBe('10000');
    await look(head, 'ledger-progress');
    await head.getByText('已导入 10000 行').waitFor({ timeout: 120_000 });
    await look(head, 'ledger-imported');
    expect(await bar.getAttribute('value')).toBe('10000');
    await head.goto(`/reports/ledger`);
    expect(await head.locator('section[aria-labelledby="imports-title"] tbody tr').count()).toBe(1);
    expect(await head.textContent('section[aria-labelledby="imports-title"]')).toContain('十年台账.csv');

    await head.goto(`/reports?year=${year}`);
    expect(await head.getByRole('link', { name: /本年新收.*总计：10000 件/ }).count()).toBe(1);
  }, 240_000);

  it('should keep the report from those without the permission', async () => {
    const legal = await signedIn('legal');
    const res = await legal.goto('/reports');
    expect(res!.status()).toBe(403);
  }, 60_000);

  it('should let only the auditor search, verify and export the audit log', async () => {
    const auditor = await signedIn('auditor');
    await auditor.getByRole('link', { name: '审计日志' }).click();
    await auditor.getByLabel(/操作（前缀）/).fill('auth.');
    await Promise.all([auditor.waitForNavigation(), auditor.getByRole('button', { name: '查询' }).click()]);
    await look(auditor, 'audit');
    expect(await auditor.locator('main table tbody tr').count()).toBeGreaterThan(0);
    await auditor.getByRole('link', { name: '校验哈希链' }).click();
    expect(await auditor.textContent('main')).toContain('校验通过');
    const csv = await auditor.request.get((await auditor.locator('main a[download]').getAttribute('href'))!);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('auth.');
    await auditor.goto('/audit?from=2026-99-99');
    expect(await auditor.textContent('main')).toContain('日期格式应为');
    const searched = await desk.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('audit.searched', 'audit.exported') AND actor = 'auditor'`,
    );
    expect(searched[0].n).toBeGreaterThanOrEqual(3);
    const head = await signedIn('officehead');
    expect((await head.goto('/audit'))!.status()).toBe(403);
  }, 60_000);

  it('should let the system administrator manage accounts and the security administrator roles', async () => {
    const sys = await signedIn('sysadmin');
    await sys.getByRole('link', { name: '用户与角色' }).click();
    await sys.getByText('创建账号').click();
    await sys.getByLabel('登录名').fill('clerk.new');
    await sys.getByLabel('姓名', { exact: true }).fill('孙新');
    await sys.getByLabel('临时密码（首次登录须修改）').fill('weak');
    await Promise.all([sys.waitForNavigation(), sys.getByRole('button', { name: '创建' }).click()]);
    expect(await sys.textContent('main')).toContain('密码至少');
    expect(await desk.ds.query(`SELECT 1 FROM staff_user WHERE login = 'clerk.new'`)).toEqual([]);
    await sys.getByLabel('临时密码（首次登录须修改）').fill('Temp#Pass2026x');
    await Promise.all([sys.waitForNavigation(), sys.getByRole('button', { name: '创建' }).click()]);
    await look(sys, 'admin-users');
    expect(await sys.textContent('main')).toContain('clerk.new');
    const [{ id }] = await desk.ds.query<{ id: string }[]>(
      `SELECT id FROM staff_user WHERE login = 'clerk.new'`,
    );

    const sec = await signedIn('secadmin');
    await sec.goto('/admin/users');
    const row = sec.locator('tr', { hasText: 'clerk.new' });
    await row.locator('summary').click();
    await row.getByLabel('授予角色').selectOption('handler');
    await Promise.all([sec.waitForNavigation(), row.getByRole('button', { name: '授予' }).click()]);
    expect(await sec.textContent('main')).toContain('已完成');
    const roles = await desk.ds.query<{ role: string }[]>('SELECT role FROM staff_role WHERE user_id = $1', [
      id,
    ]);
    expect(roles.map((r) => r.role)).toEqual(['handler']);
    expect((await (await signedIn('handler')).goto('/admin/users'))!.status()).toBe(403);
  }, 90_000);

  it("should let the system administrator preview and publish next year's holidays", async () => {
    const next = now.getFullYear() + 1;
    const sys = await signedIn('sysadmin');
    await sys.getByRole('link', { name: '工作日历' }).click();
    expect(await sys.textContent('main')).toContain(`${next} 年`);
    await look(sys, 'admin-calendar');
    await sys.getByLabel('发布依据（通知文号）').fill(`国办发明电〔${next - 1}〕9号`);
    await sys.getByLabel('节假日和调休上班日').fill(`${next}-01-01 休 元旦\n${next}-02-30 休 不存在的日子`);
    await Promise.all([sys.waitForNavigation(), sys.getByRole('button', { name: '预览影响' }).click()]);
    expect(await sys.textContent('main')).toContain('请修改以下');
    await sys.getByLabel('节假日和调休上班日').fill(`${next}-01-01 休 元旦\n${next}-01-04 班 元旦调休`);
    await Promise.all([sys.waitForNavigation(), sys.getByRole('button', { name: '预览影响' }).click()]);
    expect(await sys.textContent('main')).toMatch(/发布后将有 \d+ 件办理中的申请/);
    expect(await desk.ds.query('SELECT 1 FROM calendar_year WHERE year = $1', [next])).toEqual([]);
    await Promise.all([sys.waitForNavigation(), sys.getByRole('button', { name: '确认发布' }).click()]);
    expect(await sys.textContent('main')).toContain('已发布');
    expect(await desk.ds.query('SELECT 1 FROM calendar_year WHERE year = $1', [next])).toHaveLength(1);
  }, 90_000);

  it('should have no serious or critical accessibility problem on any page', () => {
    expect(Object.keys(consoleBrowser.problems)).toEqual([]);
  });
});
