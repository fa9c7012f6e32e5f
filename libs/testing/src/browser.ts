import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import chromium from '@sparticuz/chromium';
import { chromium as playwright } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/** Where browser tests leave their screenshots for people to look at (git-ignored). */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', '.screenshots');

/** Chromium from the @sparticuz/chromium npm package: `npm ci` is all a machine needs. */
export async function launchBrowser(): Promise<Browser> {
  // Its arguments are made for serverless: in one process, closing a browser context ends the browser.
  const args = chromium.args.filter((a) => a !== '--single-process');
  return playwright.launch({ executablePath: await chromium.executablePath(), args, headless: true });
}

/** A phone (the citizen) and an office screen (the clerk). */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1366, height: 768 },
} as const;

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export interface A11yProblem {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core on the page as it stands: the serious and critical violations (WCAG 2.1 A and AA). */
export async function a11yProblems(page: Page): Promise<A11yProblem[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}
