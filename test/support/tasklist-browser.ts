// The task list in headless Chromium over the HTTP app and a fresh database (no engine), for one describe of
// the browser tier: its hooks start both before the tests, close each test's pages after it, and stop both
// after the suite. A describe's own `before` hooks, registered after this call, run after these.
import { ensureTasklistBuilt, launchChromium, signInPage } from './browser.ts';
import { startRatingApi, type RatingApi, type RatingApiOptions } from './rating-api.ts';
import type { Browser, Page } from 'playwright-core';

export interface TasklistInBrowser {
  readonly world: RatingApi;
  readonly browser: Browser;
  /** A fresh browser context signed in as `userId` through the login screen; closed after the test. */
  signIn(userId: string): Promise<Page>;
}

export function tasklistInBrowser(database: string, options: RatingApiOptions = {}): TasklistInBrowser {
  let world: RatingApi | undefined;
  let browser: Browser | undefined;
  const pages: Page[] = [];
  before(async () => {
    world = await startRatingApi(database, options);
    await ensureTasklistBuilt();
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.context().close()));
  });
  after(async () => {
    await browser?.close();
    await world?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test or a later hook`);
    return value;
  };
  return {
    get world() {
      return started(world, 'the app');
    },
    get browser() {
      return started(browser, 'the browser');
    },
    async signIn(userId) {
      const page = await signInPage(started(browser, 'the browser'), started(world, 'the app').api, userId);
      pages.push(page);
      return page;
    },
  };
}

/** Every answer of 500 or more the page gets from now on (method, address, status): a test expects none. */
export function serverErrorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', (answer) => {
    if (answer.status() >= 500)
      errors.push(`${answer.request().method()} ${answer.url()} ${answer.status()}`);
  });
  return errors;
}
