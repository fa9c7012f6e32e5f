/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EmailProvider, SmsProvider } from '@gongkai/core/notifications';
import type { OutgoingMessage } from '@gongkai/core/notifications';
import { AuditLogEntity, PersonalDataCipher, citizenLoginIndex } from '@gongkai/core/platform';
import { RequestEntity } from '@gongkai/core/request-record';
import {
  A11yProblem,
  DEMO_PASSWORD,
  FrozenClock,
  VIEWPORTS,
  a11yProblems,
  launchBrowser,
  screenshot,
  signIn,
  useTestDatabase,
} from '@gongkai/testing';
import { Desk } from './support/desk';
import { personApplication } from './support/applications';

/** SMS and e-mail leave the system here: the test reads the one-time codes and 查询码 from it. */
class Outbox {
  readonly sent: OutgoingMessage[] = [];
  send(m: OutgoingMessage): Promise<void> {
    this.sent.push(m);
    return Promise.resolve();
  }
  lastTo(to: string): string {
    const m = [...this.sent].reverse().find((x) => x.to === to);
    if (!m) {
      throw new Error(`no message to ${to}`);
    }
    return m.body;
  }
}

const PASSWORD = 'Gongkai#Portal2026';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * The citizen portal in a real browser (Chromium from @sparticuz/chromium): every page checked by
 * axe-core in the standard and 长辈版 views, the whole journey of a citizen, keyboard only, without
 * JavaScript, bad input, double submission, wrong 查询码 and a tampered CSRF token.
 */
describe('the citizen portal in a browser', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock(new Date().toISOString()));
  const outbox = new Outbox();
  const problems: Record<string, A11yProblem[]> = {};
  const visited = new Set<string>();
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    await desk.start(db().url, {
      listen: true,
      overrides: [
        { provide: SmsProvider, useValue: outbox },
        { provide: EmailProvider, useValue: outbox },
      ],
    });
    base = (await desk.portal.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await desk.close();
  });

  async function open(
    opts: { js?: boolean; viewport?: keyof typeof VIEWPORTS } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      baseURL: base,
      viewport: VIEWPORTS[opts.viewport ?? 'phone'],
      javaScriptEnabled: opts.js ?? true,
      locale: 'zh-CN',
    });
    return { context, page: await context.newPage() };
  }

  /** axe on the page, and a screenshot for people to look at. */
  async function look(page: Page, name: string): Promise<void> {
    const found = await a11yProblems(page);
    if (found.length > 0) {
      problems[name] = found;
    }
    visited.add(new URL(page.url()).pathname);
    await screenshot(page, `portal-${name}`);
  }

  const submit = (page: Page, label = '保存并继续') => page.getByRole('button', { name: label }).click();
  const requestsOf = (phone: string) =>
    desk.ds.query<{ id: string; number: string; status: string }[]>(
      `SELECT r.id, r.number, r.status FROM request r JOIN citizen c ON c.id = r.citizen_id
        WHERE c.login = $1 OR c.login_index = $2 ORDER BY r.created_at`,
      // A new account's login is stored encrypted and found by its blind index.
      [phone, citizenLoginIndex(desk.console.app.get(PersonalDataCipher), phone)],
    );

  async function signInPage(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
    await page.goto('/login');
    await page.getByLabel('手机号码或电子邮箱').fill(login);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await submit(page, '登录');
    await page.waitForURL(/\/requests/);
  }

  /** The whole form with good answers; `at` stops before a step to let a test do it its own way. */
  async function fillApplication(
    page: Page,
    description = '示范区 2025 年城市更新项目征收补偿方案',
  ): Promise<void> {
    await page.goto('/apply');
    await page.getByLabel('受理机关').selectOption({ label: '示范区人民政府' });
    await submit(page);
    await page.getByLabel('自然人').check();
    await submit(page);
    await page.getByLabel('姓名').fill('王小明');
    await page.getByLabel('身份证件号码').fill('11010519491231002X');
    await submit(page);
    await page.getByLabel('通信地址').fill('示范市示范区和平路 1 号');
    await submit(page);
    await page.getByLabel('否，本人申请').check();
    await submit(page);
    await page.getByLabel('信息名称或内容描述').fill(description);
    await submit(page);
    await page.getByLabel('电子数据').check();
    await page.getByLabel('网上获取').check();
    await submit(page);
    await page
      .getByLabel('身份证件扫描件')
      .setInputFiles({ name: '身份证.pdf', mimeType: 'application/pdf', buffer: PDF });
    await submit(page, '上传并继续');
    await page.waitForURL(/\/apply\/check/);
  }

  async function confirmAndSubmit(page: Page): Promise<void> {
    await page.getByLabel(/我已阅读上述个人信息处理告知/).check();
    await page.getByLabel(/申请人声明/).check();
    await submit(page, '确认提交申请');
    await page.waitForURL(/\/receipt$/);
  }

  it('should let a new citizen register, apply with an upload, track, correct, read the reply and withdraw', async () => {
    const phone = '13900000002';
    const { context, page } = await open();
    await page.goto('/');
    await look(page, 'home');
    // Without web fonts a page weighs under 200 KB: the page, its style sheet and its script.
    const weights = await Promise.all(
      ['/apply/check', '/', '/assets/gongkai.css', '/assets/gongkai.js'].map(async (p) =>
        (await page.request.get(p)).body(),
      ),
    );
    expect(weights.reduce((n, b) => n + b.length, 0)).toBeLessThan(200 * 1024);
    for (const [path, name] of [
      ['/guide', 'guide'],
      ['/process', 'process'],
      ['/agencies', 'agencies'],
      ['/sitemap', 'sitemap'],
      ['/track', 'track'],
      ['/login', 'login'],
    ] as const) {
      await page.goto(path);
      await look(page, name);
    }
    await page.goto('/agencies');
    await page.getByRole('link', { name: '示范区教育局' }).click();
    expect(await page.textContent('h1')).toContain('政府信息公开指南');
    await look(page, 'agency-guide');

    // Register: a one-time code by SMS.
    await page.goto('/register');
    await look(page, 'register');
    await page.getByLabel('手机号码').fill(phone);
    await submit(page, '获取验证码');
    await look(page, 'register-verify');
    const code = /验证码为 (\d{6})/.exec(outbox.lastTo(phone))![1];
    await page.getByLabel('短信验证码').fill(code);
    await page.getByLabel('称呼').fill('王先生');
    await page.getByLabel('设置密码').fill(PASSWORD);
    await page.getByLabel('再次输入密码').fill(PASSWORD);
    await submit(page, '完成注册');
    await page.waitForURL(/\/requests\?welcome=1/);
    expect(await page.textContent('main')).toContain('注册成功');
    await look(page, 'requests-empty');

    // Apply, looking at every step.
    await page.goto('/apply');
    await look(page, 'apply-1-agency');
    await page.getByLabel('受理机关').selectOption({ label: '示范区人民政府' });
    await submit(page);
    await look(page, 'apply-2-applicant-type');
    await page.getByLabel('自然人').check();
    await submit(page);
    await look(page, 'apply-3-identity');
    await page.getByLabel('姓名').fill('王小明');
    await page.getByLabel('身份证件号码').fill('11010519491231002X');
    await submit(page);
    await look(page, 'apply-4-contact');
    expect(await page.getByLabel('联系电话').inputValue()).toBe(phone);
    await page.getByLabel('电子邮箱').fill('wang@example.com');
    await submit(page);
    await look(page, 'apply-5-agent');
    await page.getByLabel('否，本人申请').check();
    await submit(page);
    await look(page, 'apply-6-items');
    await page.getByLabel('信息名称或内容描述').fill('示范区 2025 年城市更新项目征收补偿方案');
    await page.getByRole('button', { name: '再增加一项' }).click();
    await page.getByLabel('信息名称或内容描述').nth(1).fill('和平路片区房屋征收决定公告');
    await page.getByLabel('文号').nth(1).fill('示政征〔2025〕3号');
    await submit(page);
    await look(page, 'apply-7-delivery');
    await page.getByLabel('电子数据').check();
    await page.getByLabel('网上获取').check();
    await submit(page);
    await look(page, 'apply-8-files');
    await page
      .getByLabel('身份证件扫描件')
      .setInputFiles({ name: '身份证.pdf', mimeType: 'application/pdf', buffer: PDF });
    await submit(page, '上传并继续');
    await page.waitForURL(/\/apply\/check/);
    await look(page, 'apply-9-check');
    const check = await page.textContent('main');
    expect(check).toContain('和平路片区房屋征收决定公告');
    expect(check).toContain('身份证.pdf');
    expect(check).toContain('个人信息处理告知');
    expect(check).not.toContain('11010519491231002X'); // masked on the page
    await confirmAndSubmit(page);
    await look(page, 'receipt');

    // The receipt: number, 查询码 shown once and sent by SMS, receipt date and reply date.
    const [request] = await requestsOf(phone);
    const receipt = (await page.textContent('main'))!;
    expect(receipt).toContain(request.number);
    const shown = (await page.textContent('.query-code'))!.trim();
    expect(outbox.lastTo(phone)).toContain(shown);
    expect(receipt).toContain('第三十一条');
    expect(receipt).toContain('接收回执');
    await page.reload();
    expect(await page.locator('.query-code').count()).toBe(0);
    const row = await desk.row(request.id);
    expect(row.queryCodeHash).not.toBeNull();
    expect(row.queryCodeHash).not.toContain(shown);
    const received = await desk.ds.query<{ data: Record<string, unknown> }[]>(
      `SELECT data FROM request_event WHERE request_id = $1 AND type = 'received'`,
      [request.id],
    );
    expect(received[0].data).toMatchObject({
      privacyNoticeVersion: 'portal-2026-12',
      acceptOtherForms: true,
    });

    // The acknowledgement letter prints as an A4 page.
    await page.getByRole('link', { name: '查看和打印接收回执' }).click();
    expect(await page.textContent('body')).toContain('接收回执');
    await page.goBack();

    // Track without an account.
    const anonymous = await open();
    await anonymous.page.goto('/track');
    await anonymous.page.getByLabel('申请编号').fill(request.number);
    await anonymous.page.getByLabel('查询码').fill(shown.toLowerCase());
    await submit(anonymous.page, '查询');
    await anonymous.page.waitForURL(/\/track\/result/);
    const tracked = (await anonymous.page.textContent('main'))!;
    expect(tracked).toContain(request.number);
    expect(tracked).toContain('已收到，等待分办');
    expect(tracked).toContain('法定答复期限');
    await anonymous.page.getByText('答复期限是怎样算出来的').click();
    await look(anonymous.page, 'track-result');
    await anonymous.context.close();

    // Staff ask for a correction; the citizen answers in the browser.
    await desk.act('handler', request.id, 'claim', {});
    await desk.act('handler', request.id, 'issue-correction-notice', {
      defects: ['请写明所需方案的批准年份', '请说明“和平路片区”的具体范围'],
      periodWorkingDays: 10,
    });
    await page.goto(`/requests/${request.id}`);
    expect(await page.textContent('main')).toContain('等待您补正');
    await look(page, 'request-awaiting-correction');
    await page.getByRole('link', { name: '填写补正材料' }).click();
    await look(page, 'correct');
    await submit(page, '提交补正');
    expect(await page.locator('.error-summary').textContent()).toContain('请针对第 1 项补正要求作出说明');
    await page.getByLabel('对第 1 项的说明').fill('2025 年批准的方案');
    await page.getByLabel('对第 2 项的说明').fill('和平路以东、胜利街以北的片区');
    await page
      .getByLabel('补正材料')
      .setInputFiles({ name: '范围示意.pdf', mimeType: 'application/pdf', buffer: PDF });
    await submit(page, '提交补正');
    await page.waitForURL(/done=corrected/);
    expect((await desk.row(request.id)).status).toBe('in_progress');

    // Staff reply; the citizen reads and downloads the letter.
    await desk.act('handler', request.id, 'draft-reply', {
      items: [
        { position: 1, outcome: 'disclose.full', provision: '见附件' },
        { position: 2, outcome: 'disclose.full', provision: '见附件' },
      ],
    });
    await desk.act('signer', request.id, 'sign-off', {});
    await page.goto(`/requests/${request.id}`);
    await look(page, 'request-replied');
    expect(await page.textContent('main')).toContain('已答复');
    const reply = page.getByRole('link', { name: /答复/ }).first();
    await reply.click();
    expect(await page.textContent('body')).toContain('答复');
    await page.goBack();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('link', { name: /下载 Word 文件/ })
        .last()
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);

    // A second request (through the JSON API) is withdrawn in the browser, after confirming.
    const token = await signIn(desk.portal.http, 'portal', phone, PASSWORD);
    const second = await desk.portal.http
      .post('/api/portal/requests')
      .set({ Authorization: `Bearer ${token}` })
      .send(personApplication(desk.agencies.get('sfq')!.id, { phone }));
    expect(second.status).toBe(201);
    const secondId = (second.body as { id: string }).id;
    await page.goto(`/requests/${secondId}`);
    await page.getByRole('link', { name: '撤回此申请' }).click();
    await look(page, 'withdraw');
    await submit(page, '确认撤回');
    expect(await page.locator('.error-summary').textContent()).toContain('请勾选确认撤回');
    expect((await desk.row(secondId)).status).not.toBe('terminated');
    await page.getByLabel('我确认撤回此申请').check();
    await submit(page, '确认撤回');
    await page.waitForURL(/done=withdrawn/);
    expect((await desk.row(secondId)).status).toBe('terminated');

    await page.goto('/requests');
    await look(page, 'requests');
    await page.goto('/account/notifications');
    await look(page, 'notifications');
    await page.goto('/account/password');
    await look(page, 'password');
    await page.goto('/no-such-page');
    expect(await page.textContent('main')).toContain('页面不存在');
    await look(page, 'not-found');
    await context.close();
  }, 180_000);

  it('should let a citizen apply with the keyboard alone, with a visible focus', async () => {
    const { context, page } = await open({ viewport: 'desktop' });
    const tabTo = async (selector: string, label?: string) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const reached = await page.evaluate(
          ([s, l]) => {
            const el = document.activeElement;
            return Boolean(el?.matches(s) && (l === undefined || el.textContent?.trim() === l));
          },
          [selector, label] as const,
        );
        if (reached) {
          return;
        }
      }
      throw new Error(`Tab never reached ${selector} ${label ?? ''}`);
    };
    const type = async (selector: string, value: string) => {
      await tabTo(selector);
      await page.keyboard.type(value);
    };
    const next = async (label = '保存并继续') => {
      await tabTo('button[type=submit]', label);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    };
    await page.goto('/login');
    await tabTo('a.skip-link');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).left)).toBe('0px');
    await type('#f-login', '13800000001');
    const focus = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return `${s.outlineStyle} ${s.boxShadow}`;
    });
    expect(focus).not.toBe('none none');
    await type('#f-password', DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/requests/);
    const before = (await requestsOf('13800000001')).length;
    await page.goto('/apply/agency');
    await tabTo('#f-agencyId');
    await page.keyboard.press('ArrowDown');
    await next();
    await tabTo('input[name=applicantType][value=natural_person]');
    await page.keyboard.press('Space');
    await next();
    await type('#f-applicant-name', '李华');
    await type('#f-applicant-idNumber', '11010519491231002X');
    await next();
    await next();
    await tabTo('input[name=hasAgent][value=no]');
    await page.keyboard.press('Space');
    await next();
    await type('#f-items-0-description', '示范区 2026 年教育经费预算');
    await next();
    // Tab enters a group of radios once; the arrow keys move within it (纸质 → 电子数据).
    await tabTo('input[name=formOfProvision]');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('input[name=formOfProvision][value=electronic]')).toBe(true);
    await tabTo('input[name=deliveryChannel][value=online]');
    await page.keyboard.press('Space');
    await next();
    await next('上传并继续');
    await tabTo('#f-privacy');
    await page.keyboard.press('Space');
    await tabTo('#f-declaration');
    await page.keyboard.press('Space');
    await next('确认提交申请');
    await page.waitForURL(/\/receipt$/);
    expect((await requestsOf('13800000001')).length).toBe(before + 1);
    await context.close();
  }, 120_000);

  it('should work with JavaScript turned off', async () => {
    const { context, page } = await open({ js: false });
    await signInPage(page, '13800000001');
    const before = (await requestsOf('13800000001')).length;
    await fillApplication(page, '无脚本环境下提交的申请');
    await confirmAndSubmit(page);
    expect(await page.textContent('main')).toContain('申请已提交');
    expect((await requestsOf('13800000001')).length).toBe(before + 1);
    await context.close();
  }, 120_000);

  it('should show bad input beside its field, keep what was typed and create nothing', async () => {
    const { context, page } = await open();
    await signInPage(page, '13800000001');
    const before = (await requestsOf('13800000001')).length;
    await page.goto('/apply');
    await page.goto('/apply/identity');
    await page.getByLabel('姓名').fill('赵六');
    await page.getByLabel('身份证件号码').fill('110105194912310021');
    await submit(page);
    expect(await page.locator('#f-applicant-idNumber-error').textContent()).toContain('校验位');
    expect(await page.locator('.error-summary a').first().getAttribute('href')).toBe('#f-applicant-idNumber');
    expect(await page.getByLabel('姓名').inputValue()).toBe('赵六');
    expect(await page.getByLabel('身份证件号码').getAttribute('aria-invalid')).toBe('true');
    await look(page, 'apply-error-identity');
    await page.goto('/apply/items');
    await page.getByLabel('信息名称或内容描述').fill('');
    await submit(page);
    expect(await page.locator('#f-items-0-description-error').textContent()).toContain(
      '请至少填写一项所需信息',
    );
    await page.goto('/apply/files');
    await page.getByLabel('身份证件扫描件').setInputFiles({
      name: '伪装.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('just text, not a PDF'),
    });
    await submit(page, '上传并继续');
    expect(await page.locator('#f-file-identity-error').textContent()).toContain('只接受');
    await look(page, 'apply-error-file');
    expect((await requestsOf('13800000001')).length).toBe(before);
    await context.close();
  }, 120_000);

  it('should create one request when the form is sent twice at once', async () => {
    const { context, page } = await open();
    await signInPage(page, '13800000001');
    await fillApplication(page, '重复提交测试');
    const before = (await requestsOf('13800000001')).length;
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const form = { _csrf: csrf, privacy: 'yes', declaration: 'yes' };
    const answers = await Promise.all([
      page.request.post('/apply/submit', { form, maxRedirects: 0 }),
      page.request.post('/apply/submit', { form, maxRedirects: 0 }),
    ]);
    expect(answers.map((a) => a.status())).toEqual([303, 303]);
    expect(answers[0].headers().location).toBe(answers[1].headers().location);
    expect((await requestsOf('13800000001')).length).toBe(before + 1);
    await context.close();
  }, 120_000);

  it('should refuse a tampered CSRF token and change nothing', async () => {
    const { context, page } = await open();
    await signInPage(page, '13800000001');
    const id = await desk.applyAndClaim();
    await page.goto(`/requests/${id}/withdraw`);
    await page.getByLabel('我确认撤回此申请').check();
    await page.evaluate(() => {
      document.querySelector<HTMLInputElement>('main input[name=_csrf]')!.value = 'forged';
    });
    await submit(page, '确认撤回');
    expect(await page.textContent('main')).toContain('页面已过期或来源无法确认');
    expect((await desk.row(id)).status).toBe('in_progress');
    await context.close();
  }, 60_000);

  it('should pass axe in 长辈版 on every page, with body text of at least 18 px', async () => {
    const { context, page } = await open();
    await signInPage(page, '13800000001');
    await page.goto('/');
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: '长辈版（大字）' }).click(),
    ]);
    expect(await page.evaluate(() => document.documentElement.className)).toBe('elder');
    expect(
      await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize)),
    ).toBeGreaterThanOrEqual(18);
    const [one] = await requestsOf('13800000001');
    await page.goto('/apply'); // a fresh draft, so that every step of the form is shown, not the last receipt
    const pages = [...visited, `/requests/${one.id}`].filter(
      (p) => !p.includes('receipt') && !p.startsWith('/track/'),
    );
    for (const path of pages) {
      await page.goto(path);
      await look(page, `elder${path.replace(/\//g, '-').replace(/-[0-9a-f-]{36}/g, '-id')}`);
    }
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '切换到标准版' }).click()]);
    expect(await page.evaluate(() => document.documentElement.className)).toBe('');
    await context.close();
  }, 180_000);

  it('should have no serious or critical accessibility problem on any page', () => {
    expect(visited.size).toBeGreaterThan(20);
    expect(problems).toEqual({});
  });

  it('should reveal nothing for a wrong 查询码, audit every lookup and limit them', async () => {
    const { context, page } = await open();
    const [one] = await requestsOf('13900000002');
    let limited = false;
    for (let i = 0; i < 12 && !limited; i++) {
      await page.goto('/track');
      await page.getByLabel('申请编号').fill(one.number);
      await page.getByLabel('查询码').fill('WRONG123');
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/track')),
        submit(page, '查询'),
      ]);
      const main = (await page.textContent('main'))!;
      if (answer.status() === 429) {
        limited = true;
        expect(main).toContain('操作过于频繁');
        await look(page, 'too-many-requests');
      } else {
        expect(answer.status()).toBe(400);
        expect(main).toContain('申请编号或查询码不正确');
      }
      expect(main).not.toContain('已收到');
      expect(main).not.toContain('王小明');
    }
    expect(limited).toBe(true);
    const audited = await desk.ds
      .getRepository(AuditLogEntity)
      .countBy({ action: 'request.tracked', result: 'failure' });
    expect(audited).toBeGreaterThan(0);
    expect(await desk.ds.getRepository(RequestEntity).countBy({ id: one.id, status: 'registered' })).toBe(0);
    await context.close();
  }, 120_000);
});
