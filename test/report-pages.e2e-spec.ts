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

  it('should let the office head analyse a period and follow a figure to its requests', async () => {
    const head = await signedIn('officehead');
    await head.getByRole('link', { name: '多维度分析' }).click();
    await head.getByLabel('收到日期从').fill(`${lastYear}-01-01`);
    await head.getByLabel('至', { exact: true }).fill(`${lastYear}-12-31`);
    await Promise.all([head.waitForNavigation(), head.getByRole('button', { name: '查看' }).click()]);
    await look(head, 'analysis');
    expect(await head.locator('main figure.chart svg[role="img"]').count()).toBe(5);
    const received = head.getByRole('link', { name: /^本期收到申请：\d+ 件$/ });
    const n = Number((await received.textContent())!.trim());
    expect(n).toBeGreaterThanOrEqual(2);
    await head
      .getByRole('link', { name: /办理时效 · 办理中（未超期）|办理时效 · 逾期未办结/ })
      .first()
      .click();
    await look(head, 'analysis-requests');
    expect(await head.locator('main table tbody tr').count()).toBeGreaterThanOrEqual(1);
    await head.locator('main table tbody a').first().click();
    expect(head.url()).toMatch(/\/requests\/[0-9a-f-]{36}$/);
    const csv = await head.request.get(`/analysis/export.csv?from=${lastYear}-01-01&to=${lastYear}-12-31`);
    expect(csv.status()).toBe(200);
    await head.goto('/');
    await head.getByRole('link', { name: '转主动公开' }).click();
    await look(head, 'disclosure');
    expect(await head.textContent('main')).toContain('申请较为集中的信息');
  }, 90_000);

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

  it('should let the system administrator add, set up, move and deactivate an agency', async () => {
    const sys = await signedIn('sysadmin');
    await sys.getByRole('link', { name: '机关管理' }).click();
    await look(sys, 'admin-agencies');
    expect(await sys.locator('main table tbody tr').count()).toBeGreaterThanOrEqual(10);
    await sys.getByText('新增机关').click();
    await sys.getByLabel('上级机关').selectOption({ label: '　示范区教育局' });
    await sys.getByLabel('机关名称').fill('示范区教育局招生办公室');
    await sys.getByLabel('简称（用于申请编号和文书编号）').fill('示范区招生办');
    await sys.getByLabel('机关代码').fill('Bad Code');
    await sys.getByLabel('机关类别').selectOption('department');
    await sys.getByLabel('复议机关（救济告知）').fill('示范区人民政府');
    await sys.getByLabel('管辖法院（救济告知）').fill('示范区人民法院');
    await Promise.all([sys.waitForNavigation(), sys.getByRole('button', { name: '新增' }).click()]);
    expect(await sys.textContent('main')).toContain('机关代码为 2–40 位小写字母');
    await sys.getByLabel('机关代码').fill('sfq-jyj-zsb');
    await Promise.all([sys.waitForNavigation(), sys.getByRole('button', { name: '新增' }).click()]);
    expect(await sys.textContent('main')).toContain('已新增机关');
    expect(await sys.textContent('main')).toContain(
      '位置：示范区人民政府 / 示范区教育局 / 示范区教育局招生办公室',
    );
    // The disclosure-office settings: a bad postal code is told beside its field, then saved.
    await sys.getByLabel('印章文字').fill('示范区教育局招生办公室政府信息公开专用章');
    await sys.getByLabel(/^邮政编码/).fill('12345');
    await sys
      .getByLabel('处理结果代码（每行一个，可用 withhold.* 表示一类）')
      .fill('withhold.*\ndisclose.partial');
    await sys.getByLabel('标为敏感的').uncheck();
    await sys.getByLabel('接受网上申请（在公众门户中可选）').uncheck();
    await Promise.all([sys.waitForNavigation(), sys.getByRole('button', { name: '保存设置' }).click()]);
    expect(await sys.textContent('main')).toContain('邮政编码应为 6 位数字');
    expect(await sys.getByLabel('印章文字').inputValue()).toBe('示范区教育局招生办公室政府信息公开专用章');
    await sys.getByLabel(/^邮政编码/).fill('100000');
    await Promise.all([sys.waitForNavigation(), sys.getByRole('button', { name: '保存设置' }).click()]);
    expect(await sys.textContent('main')).toContain('已保存设置');
    await look(sys, 'admin-agency');
    const [saved] = await desk.ds.query<
      {
        seal_text: string;
        accepts_applications: boolean;
        legal_review: { codes: string[]; sensitive: boolean };
      }[]
    >(`SELECT seal_text, accepts_applications, legal_review FROM agency WHERE code = 'sfq-jyj-zsb'`);
    expect(saved).toMatchObject({
      seal_text: '示范区教育局招生办公室政府信息公开专用章',
      accepts_applications: false,
      legal_review: { codes: ['withhold.*', 'disclose.partial'], sensitive: false },
    });
    // Moved under the bureau of education's sister, with the new path shown; then deactivated.
    await sys.getByLabel('新的上级机关').selectOption({ label: '示范区人民政府 / 示范区市场监督管理局' });
    await Promise.all([sys.waitForNavigation(), sys.getByRole('button', { name: '移动' }).click()]);
    expect(await sys.textContent('main')).toContain(
      '位置：示范区人民政府 / 示范区市场监督管理局 / 示范区教育局招生办公室',
    );
    await Promise.all([sys.waitForNavigation(), sys.getByRole('button', { name: '停用该机关' }).click()]);
    expect(await sys.textContent('main')).toContain('已停用');
    const actions = await desk.ds.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE actor = 'sysadmin' AND action LIKE 'agency.%' ORDER BY id`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'agency.created',
      'agency.settings_changed',
      'agency.moved',
      'agency.settings_changed',
    ]);
    expect((await (await signedIn('officehead')).goto('/admin/agencies'))!.status()).toBe(403);
  }, 90_000);

  it("should let the system administrator reword a letter's editable slot with a preview, never the legal wording", async () => {
    const sys = await signedIn('sysadmin');
    await sys.getByRole('link', { name: '文书模板' }).click();
    await look(sys, 'admin-templates');
    await sys.getByRole('link', { name: '政府信息公开申请补正告知书' }).click();
    // Only the slots are fields; the legal wording is in the preview.
    expect(await sys.locator('main form textarea').count()).toBe(2);
    // The preview beside the form is the letter on sample data, the locked legal wording included.
    const previewSrc = (await sys.locator('iframe[name="template-preview"]').getAttribute('src'))!;
    expect(await (await sys.request.get(previewSrc)).text()).toContain('第三十条');
    expect(await sys.getByRole('button', { name: '预览修改' }).getAttribute('formtarget')).toBe(
      'template-preview',
    );
    await sys.getByLabel('联系与办理说明').fill('请拨打示范区政务服务热线 12345 咨询补正事宜。');
    await look(sys, 'admin-template');
    await Promise.all([sys.waitForNavigation(), sys.getByRole('button', { name: '保存为新版本' }).click()]);
    expect(await sys.textContent('main')).toContain('修改理由');
    await sys.getByLabel('修改理由（记入版本历史和审计日志）').fill('统一使用政务服务热线');
    await Promise.all([sys.waitForNavigation(), sys.getByRole('button', { name: '保存为新版本' }).click()]);
    expect(await sys.textContent('main')).toContain('已保存为第 1 版');
    const history = sys.locator('section[aria-labelledby="history-title"] tbody tr');
    expect(await history.count()).toBe(1);
    expect(await history.first().textContent()).toContain('统一使用政务服务热线');
    const [row] = await desk.ds.query<{ slots: Record<string, string> }[]>(
      `SELECT slots FROM letter_template WHERE kind = 'correction_notice'`,
    );
    expect(row.slots.contact).toBe('请拨打示范区政务服务热线 12345 咨询补正事宜。');
    expect(await (await sys.request.get(previewSrc)).text()).toContain(
      '请拨打示范区政务服务热线 12345 咨询补正事宜。',
    );
  }, 90_000);

  it('should show the system administrator the alerts, the worker and the outbox, and retry a failed delivery', async () => {
    const [{ id }] = await desk.ds.query<{ id: string }[]>(
      `INSERT INTO notification (key, channel, recipient_type, recipient_id, subject, body, status, attempts, next_attempt_at, last_error, created_at)
       VALUES ('test-failed-1', 'email', 'applicant', gen_random_uuid(), '申请已答复', '正文', 'failed', 8, now(), 'SMTP 550 mailbox unavailable', now())
       RETURNING id`,
    );
    await desk.ds.query(
      `INSERT INTO worker_heartbeat (job, instance, last_run_at, last_ok_at, last_error)
       VALUES ('outbox', 'worker-a:1', now(), now(), NULL), ('handling-sweep', 'worker-a:1', now() - interval '1 hour', now() - interval '1 hour', NULL)`,
    );
    const sys = await signedIn('sysadmin');
    await sys.getByRole('link', { name: '系统运行状况' }).click();
    await look(sys, 'admin-system');
    const jobs = sys.locator('section[aria-labelledby="jobs-title"] tbody tr');
    expect(await jobs.filter({ hasText: '发送通知' }).textContent()).toContain('正常');
    expect(await jobs.filter({ hasText: '期限提醒' }).textContent()).toContain('已超时未运行');
    expect(await jobs.filter({ hasText: '清理未使用' }).textContent()).toContain('从未运行');
    const failed = sys.locator('section[aria-labelledby="outbox-title"] tbody tr', { hasText: 'SMTP 550' });
    await Promise.all([sys.waitForNavigation(), failed.getByRole('button', { name: /重试/ }).click()]);
    expect(await sys.textContent('main')).toContain('已重新加入发送队列');
    const [after] = await desk.ds.query<{ status: string; attempts: number }[]>(
      'SELECT status, attempts FROM notification WHERE id = $1',
      [id],
    );
    expect(after).toEqual({ status: 'pending', attempts: 0 });
    expect((await (await signedIn('officehead')).goto('/admin/system'))!.status()).toBe(403);
  }, 60_000);

  it('should show a member of staff the second-factor enrolment page', async () => {
    const handler = await signedIn('handler');
    await handler.getByRole('link', { name: '动态口令' }).click();
    await look(handler, 'second-factor');
    expect(await handler.locator('main svg, main img').count()).toBeGreaterThan(0);
  }, 60_000);

  it('should have no serious or critical accessibility problem on any page', () => {
    expect(Object.keys(consoleBrowser.problems)).toEqual([]);
  });
});
