/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { A11yProblem, DEMO_PASSWORD, VIEWPORTS, a11yProblems, screenshot } from '@gongkai/testing';

/**
 * A member of staff at the console in a browser (1366×768), and the look every page gets: axe-core
 * problems collected by page name, and a screenshot in `.screenshots/`.
 */
export class ConsoleBrowser {
  readonly problems: Record<string, A11yProblem[]> = {};

  constructor(
    private readonly browser: () => Browser,
    private readonly base: () => string,
  ) {}

  async look(page: Page, name: string): Promise<void> {
    const found = await a11yProblems(page);
    if (found.length > 0) {
      this.problems[name] = found;
    }
    await screenshot(page, `console-${name}`);
  }

  /** Presses a form's button and waits for the page it leads to. */
  async submit(page: Page, label: string): Promise<void> {
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: label, exact: true }).click(),
    ]);
  }

  /** A move's form on the case page, unfolded (the secondary ones start folded). */
  async openMove(page: Page, heading: string) {
    const panel = page.locator('details.action-panel', {
      has: page.getByRole('heading', { name: heading, exact: true }),
    });
    if ((await panel.getAttribute('open')) === null) {
      await panel.locator('summary').click();
    }
    return panel;
  }

  async signedIn(login: string): Promise<Page> {
    const context = await this.browser().newContext({
      baseURL: this.base(),
      viewport: VIEWPORTS.desktop,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('账号').fill(login);
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '登录' }).click()]);
    return page;
  }
}
