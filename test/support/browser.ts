// Headless Debian chromium for the browser tests (installed by .ci/run; CHROMIUM_PATH overrides), and the task
// list's own first steps: built when stale, signed in through its login screen.
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildUisIfStale } from '../../infra/ui-build.ts';
import { DEMO_PASSWORD } from '../../infra/seed/demo-data.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Builds the task list when stale (alone: another UI's state does not concern these tests). */
export async function ensureTasklistBuilt(): Promise<void> {
  await buildUisIfStale((line) => console.log(line), { only: ['tasklist-ui'] });
}

/** A fresh browser context (its own cookies) signed in through the login screen. */
export async function signInPage(
  browser: Browser,
  apiUrl: string,
  userId: string,
  { screenshot }: { screenshot?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  await page.goto(`${apiUrl}/tasklist/`);
  await page.locator('input[name=userId]').fill(userId);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  if (screenshot) await page.screenshot({ path: screenshot });
  await page.getByRole('button', { name: '登 录' }).click();
  await page.locator('[data-test=current-user]').waitFor();
  return page;
}
