// The login end to end in a real headless Chromium (Debian's `chromium` package, driven by
// playwright-core; .ci/run installs it). login() hands the URL to the browser, the test clicks
// Authorize on the double's app page, the app redirects the browser to the loopback server, and
// the promise resolves with credentials that work against the double.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig, listCustomers } from '../../src/index.js';
import { type LavaLoginError, login } from '../../src/node.js';
import { rejectionOf, useDouble } from '../helpers.js';
import { isListening } from './drive.js';

const CHROMIUM = '/usr/bin/chromium';
const lava = useDouble();
let profile = '';
let context: BrowserContext | undefined;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'lava-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
});

/** An `openBrowser` that navigates a fresh tab, and the tab with the URL it was given. */
function browserOpener() {
  let resolve: (opened: { page: Page; url: URL }) => void = () => {};
  const opened = new Promise<{ page: Page; url: URL }>((r) => {
    resolve = r;
  });
  return {
    opened,
    async openBrowser(url: string) {
      if (!context) throw new Error('no browser');
      const page = await context.newPage();
      await page.goto(url);
      resolve({ page, url: new URL(url) });
    },
  };
}

describe('login() in headless Chromium', () => {
  it('Authorize on the app page → redirect to the loopback server → working credentials', async () => {
    const { double } = lava;
    const opener = browserOpener();
    const result = login({ baseUrl: double.baseUrl, openBrowser: opener.openBrowser });
    result.catch(() => {});
    const { page, url } = await opener.opened;
    const port = Number(url.searchParams.get('port'));
    expect(await page.textContent('#merchant')).toBe(double.merchant.merchant_id);

    await Promise.all([page.waitForURL(`http://127.0.0.1:${port}/callback?**`), page.click('#authorize')]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe(url.searchParams.get('state'));
    expect(landed.searchParams.get('code')).toMatch(/^lac_/);
    expect(await page.textContent('h1')).toBe('Authorization received');

    const credentials = await result;
    expect(credentials.secret_key).toBe(double.secretKey);
    expect(credentials.merchant_id).toBe(double.merchant.merchant_id);
    expect(await isListening(port)).toBe(false);
    const customers = await listCustomers(createConfig({ secretKey: credentials.secret_key, baseUrl: double.baseUrl }));
    expect(customers).toMatchObject({ has_more: false });
    await page.close();
  });

  it('Deny on the app page → the loopback server answers 400 and login() rejects with missing_code', async () => {
    const opener = browserOpener();
    const result = login({ baseUrl: lava.double.baseUrl, openBrowser: opener.openBrowser });
    result.catch(() => {});
    const { page } = await opener.opened;
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/callback'),
      page.click('#deny'),
    ]);
    expect(response.status()).toBe(400);
    const error = (await rejectionOf(() => result)) as LavaLoginError;
    expect(error.reason).toBe('missing_code');
    expect(error.message).toContain('access_denied');
    // Leave the error page first: closing a tab that still shows the (now closed) loopback
    // server's 400 page sometimes waited ~20 s in headless Chromium.
    await page.goto('about:blank');
    await page.close();
  });
});
