/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import {
  A11yProblem,
  DEMO_PASSWORD,
  FrozenClock,
  VIEWPORTS,
  a11yProblems,
  launchBrowser,
  screenshot,
  useTestDatabase,
} from '@gongkai/testing';
import { Desk } from './support/desk';

/**
 * The staff console's first pages in a real browser, at 1366×768: sign-in, the home counts, the
 * worklists and the case page with its moves, checked by axe-core.
 */
describe('the staff console in a browser', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock(new Date().toISOString()));
  const problems: Record<string, A11yProblem[]> = {};
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    await desk.start(db().url);
    await desk.console.app.listen(0, '127.0.0.1');
    base = (await desk.console.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await desk.close();
  });

  async function look(page: Page, name: string): Promise<void> {
    const found = await a11yProblems(page);
    if (found.length > 0) {
      problems[name] = found;
    }
    await screenshot(page, `console-${name}`);
  }

  async function signedIn(login: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: base, viewport: VIEWPORTS.desktop, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByLabel('账号').fill(login);
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '登录' }).click()]);
    return page;
  }

  const move = async (page: Page, label: string) => {
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: label, exact: true }).click(),
    ]);
  };

  it('should carry a request from 认领中心 through correction, review, sign-off, service and archive', async () => {
    const applied = await desk.portal.http
      .post('/api/portal/requests')
      .set(desk.as.citizen)
      .send({
        agencyId: desk.agencies.get('sfq')!.id,
        applicantType: 'natural_person',
        applicant: { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' },
        phone: '13812345678',
        items: [{ description: '示范区 2025 年土地征收成片开发方案' }],
        formOfProvision: 'electronic',
        deliveryChannel: 'online',
      });
    const id = (applied.body as { id: string; number: string }).id;
    const number = (applied.body as { number: string }).number;

    const handler = await signedIn('handler');
    await look(handler, 'home');
    expect(await handler.textContent('main')).toContain('认领中心');
    await handler.locator('a.stat', { hasText: '认领中心' }).click();
    await look(handler, 'worklist-unassigned');
    expect(await handler.textContent('main')).toContain(number);
    expect(await handler.textContent('main')).toMatch(/剩余 \d+ 个工作日|今天到期/);
    await handler.getByRole('link', { name: number }).click();
    await look(handler, 'case-registered');
    expect(await handler.locator('main').textContent()).not.toContain('11010519491231002X');
    await move(handler, '认领');
    expect(await handler.textContent('main')).toContain('已完成：认领');

    // A correction notice with no defect is refused beside its field; then sent.
    await move(handler, '发出补正告知书');
    expect(await handler.textContent('main')).toContain('未完成');
    await handler.getByLabel('需要补正的事项').fill('请写明方案的批准机关\n请说明涉及的地块');
    await move(handler, '发出补正告知书');
    expect((await desk.row(id)).status).toBe('awaiting_correction');
    const corrected = await desk.portal.http
      .post(`/api/portal/requests/${id}/submit-correction`)
      .set(desk.as.citizen)
      .send({ text: '示范市人民政府批准；和平路地块' });
    expect(corrected.status).toBe(200);

    // A refusal goes to legal review.
    await handler.reload();
    await handler.getByLabel('处理结果').selectOption({ label: '不予公开·属于四类过程性信息' });
    await handler.getByLabel('理由').fill('该方案尚在讨论，属于过程性信息');
    await move(handler, '保存答复');
    expect((await desk.row(id)).status).toBe('in_review');
    await look(handler, 'case-in-review');

    const legal = await signedIn('legal');
    await legal.goto(`/requests/${id}`);
    await look(legal, 'case-review');
    const draft = await legal.request.get(
      (await legal.getByRole('link', { name: /查看答复草稿/ }).getAttribute('href'))!,
    );
    expect(await draft.text()).toContain('过程性信息');
    await move(legal, '审核通过');
    expect((await desk.row(id)).status).toBe('awaiting_signoff');

    const signer = await signedIn('signer');
    await signer.goto('/worklist?queue=to_sign');
    await look(signer, 'worklist-to-sign');
    await signer.getByRole('link', { name: number }).click();
    await move(signer, '签发');
    expect((await desk.row(id)).status).toBe('replied');

    await handler.goto(`/requests/${id}`);
    await move(handler, '登记网上送达');
    await move(handler, '归档');
    expect((await desk.row(id)).status).toBe('archived');
    await look(handler, 'case-archived');
    expect(await handler.textContent('main')).toContain('答复告知书');
  }, 180_000);

  it('should tell the second of two clerks that someone else changed the request, keeping their text', async () => {
    const id = await desk.applyAndClaim();
    const one = await signedIn('handler');
    const two = await signedIn('handler');
    await one.goto(`/requests/${id}`);
    await two.goto(`/requests/${id}`);
    await one.getByLabel('需要补正的事项').fill('请写明年份');
    await move(one, '发出补正告知书');
    await two.getByLabel('退回原因').fill('不属于本科室');
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

  it('should have no serious or critical accessibility problem on any page', () => {
    expect(Object.keys(problems)).toEqual([]);
  });
});
