/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { CaseLibraryService } from '@gongkai/core/reports';
import { FrozenClock, launchBrowser, useTestDatabase } from '@gongkai/testing';
import { ConsoleBrowser } from './support/console-browser';
import { Desk } from './support/desk';

/**
 * 案例库 and 会商 in a browser at 1366×768, checked by axe-core: the handler searches the library and
 * sees the matching passage marked; a legal reviewer marks a typical case (a missing commentary is named
 * beside its field); the office head adds a curated entry; the handler drafting a reply sees the most
 * similar past case, convenes a 会商, records opinions and concludes it into minutes; 督办 lists it.
 */
describe('the case library and joint consultation pages', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock(new Date().toISOString()));
  let browser: Browser;
  let base: string;
  const consoleBrowser = new ConsoleBrowser(
    () => browser,
    () => base,
  );
  const look = (page: Page, name: string) => consoleBrowser.look(page, name);
  let meetingCase: string;

  const submit = (page: Page, label: string) => consoleBrowser.submit(page, label);
  const openMove = (page: Page, heading: string) => consoleBrowser.openMove(page, heading);

  beforeAll(async () => {
    await desk.start(db().url);
    await desk.console.app.listen(0, '127.0.0.1');
    base = (await desk.console.app.getUrl()).replace('[::1]', '127.0.0.1');
    for (const [ask, outcome, reasons] of [
      ['区政府常务会议关于旧城改造的讨论记录', 'withhold.process_info', '属于内部讨论记录'],
      ['建设路拓宽工程征地拆迁补偿安置方案', 'disclose.full', undefined],
      ['2024年汛期防洪应急预案', 'disclose.full', undefined],
    ] as const) {
      const id = await desk.applyAndClaim(1, { items: [{ description: ask }] });
      await desk.act('handler', id, 'draft-reply', {
        items: [{ position: 1, outcome, ...(reasons ? { reasons } : { provision: '见附件' }) }],
      });
      if ((await desk.row(id)).status === 'in_review') {
        await desk.act('legal', id, 'approve-review', {});
      }
      await desk.act('signer', id, 'sign-off', {});
    }
    await desk.console.app.get(CaseLibraryService).collect();
    [{ id: meetingCase }] = await desk.ds.query(
      `SELECT id FROM library_entry WHERE title LIKE '区政府常务会议%'`,
    );
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await desk.close();
  });

  it('should let a handler search the library and read a case with the passage marked', async () => {
    const page = await consoleBrowser.signedIn('handler');
    await page.getByRole('link', { name: '案例库' }).click();
    await look(page, 'library');
    await page.getByLabel('检索词').fill('拆迁补偿');
    await submit(page, '检索');
    await expect(page.locator('.result').first().locator('mark').first().textContent()).resolves.toMatch(
      /拆迁|补偿/,
    );
    await expect(page.getByRole('heading', { level: 2 }).first().textContent()).resolves.toMatch(
      /找到 \d+ 条/,
    );
    await look(page, 'library-search');
    await page.locator('.result a').first().click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('建设路拓宽工程');
    await expect(page.getByText('个人信息已隐去').count()).resolves.toBe(1);
    expect(await page.getByText('张三').count()).toBe(0);
    // A handler may read but not mark.
    expect(await page.getByText('标记为典型案例').count()).toBe(0);
    await look(page, 'library-case');
    await page.context().close();
  });

  it('should let a legal reviewer mark a typical case, naming a missing commentary beside its field', async () => {
    const page = await consoleBrowser.signedIn('legal');
    await page.goto(`/library/${meetingCase}`);
    await page.locator('details summary', { hasText: '标记为典型案例' }).click();
    await submit(page, '标记为典型案例');
    await expect(page.locator('#f-typical-commentary-error').textContent()).resolves.toContain('评析');
    await look(page, 'library-typical-error');
    await page.getByLabel('评析').fill('会议讨论记录属于过程性信息，可以不予公开，但答复须说明理由和依据。');
    await submit(page, '标记为典型案例');
    await expect(page.getByRole('status').textContent()).resolves.toContain('已标记为典型案例');
    await expect(
      page.locator('p', { hasText: '会议讨论记录属于过程性信息，可以不予公开' }).count(),
    ).resolves.toBe(1);
    await page.context().close();
  });

  it('should let the office head add a curated entry, refusing an empty one field by field', async () => {
    const page = await consoleBrowser.signedIn('officehead');
    await page.goto('/library');
    await page.getByRole('link', { name: '添加政策文件、法规或标准文书' }).click();
    await submit(page, '保存');
    await expect(page.locator('#f-entry-title-error').count()).resolves.toBe(1);
    await expect(page.locator('#f-entry-body-error').count()).resolves.toBe(1);
    await look(page, 'library-new-error');
    await page.getByLabel('法律法规').check();
    await page.getByLabel('标题').fill('中华人民共和国政府信息公开条例');
    await page.getByLabel('标签').fill('条例、依申请公开');
    await page
      .getByLabel('正文')
      .fill('第三十三条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。');
    await submit(page, '保存');
    await expect(page.getByRole('status').textContent()).resolves.toContain('已添加');
    await look(page, 'library-entry');
    await page.goto(`/library?q=${encodeURIComponent('当场答复')}`);
    await expect(page.locator('.result h3').first().textContent()).resolves.toContain('政府信息公开条例');
    await page.context().close();
  });

  it('should show the drafting handler similar cases and carry a 会商 to its minutes, the clock running on', async () => {
    const id = await desk.applyAndClaim(1, {
      items: [{ description: '请公开区政府常务会议研究旧城改造问题的会议记录' }],
    });
    const replyDue = (await desk.row(id)).replyDue;
    const page = await consoleBrowser.signedIn('handler');
    await page.goto(`/requests/${id}`);
    const reference = page.locator('[data-panel="similar-cases"]');
    await expect(reference.locator('li a').first().textContent()).resolves.toContain('区政府常务会议');
    await expect(reference.textContent()).resolves.toContain('典型案例');

    let panel = await openMove(page, '召集会商');
    await panel.getByRole('button', { name: '召集会商' }).click();
    await page.waitForLoadState();
    await expect(page.locator('#f-convene-joint-consultation-topic-error').count()).resolves.toBe(1);
    await expect(page.locator('#f-convene-joint-consultation-participants-error').count()).resolves.toBe(1);
    panel = await openMove(page, '召集会商');
    await panel.getByLabel('会商事项').fill('会议记录是否属于过程性信息');
    await panel.getByLabel('参加的业务部门').fill('示范区住房和城乡建设局');
    await panel.getByLabel('参加的法制机构').fill('示范区司法局');
    await panel.getByLabel('参加的领导').fill('分管副区长');
    await Promise.all([page.waitForNavigation(), panel.getByRole('button', { name: '召集会商' }).click()]);
    await expect(page.locator('#joint-title').count()).resolves.toBe(1);
    await expect(page.getByText('不暂停、不延长答复期限').count()).resolves.toBe(1);
    await look(page, 'case-joint');

    const head = await consoleBrowser.signedIn('officehead');
    await head.goto('/supervision');
    await expect(head.locator('#joint-title').textContent()).resolves.toContain('1 件');
    await look(head, 'supervision-joint');
    await head.context().close();

    panel = await openMove(page, '登记会商意见');
    await panel.getByLabel('参加方').selectOption({ label: '示范区司法局' });
    await panel.getByLabel('意见').fill('可以不予公开，答复应说明理由。');
    await Promise.all([page.waitForNavigation(), panel.getByRole('button', { name: '登记意见' }).click()]);
    await expect(page.locator('td', { hasText: '可以不予公开，答复应说明理由。（' }).count()).resolves.toBe(
      1,
    );
    panel = await openMove(page, '形成会商结论');
    await panel.getByLabel('会商结论').fill('按过程性信息不予公开，并说明理由。');
    await Promise.all([
      page.waitForNavigation(),
      panel.getByRole('button', { name: '形成结论并生成纪要' }).click(),
    ]);
    const minutes = page.getByRole('link', { name: '会商纪要', exact: true });
    await expect(minutes.count()).resolves.toBe(1);
    await look(page, 'case-joint-concluded');
    const letter = await page.request.get(`${base}${await minutes.getAttribute('href')}`);
    expect(await letter.text()).toContain('按过程性信息不予公开，并说明理由。');
    expect((await desk.row(id)).replyDue).toBe(replyDue);
    await page.context().close();
  });

  it('should have no serious or critical accessibility problem on any page', () => {
    expect(consoleBrowser.problems).toEqual({});
  });
});
