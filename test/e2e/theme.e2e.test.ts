import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { eventually, launchPerson, openCall, type Person } from './harness/browser.js';
import { openWidget } from './harness/call-page.js';

const PORT = 8117;
const SERVER = `http://127.0.0.1:${PORT}`;
const LIGHT_PANEL = 'rgb(255, 255, 255)';
const DARK_PANEL = 'rgb(22, 32, 51)';

/** The background a person sees behind `selector` on `page`. */
function background(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluate((element) => getComputedStyle(element).backgroundColor);
}

// The pages follow the system's light or dark setting, and widgets learn it from the SDK, live.
describe('the theme', () => {
  let server: SignallingServer;
  let ana: Person;

  beforeAll(async () => {
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: PORT },
      createServerLogger('silent'),
    );
    await server.listen();
    ana = await launchPerson({ colorScheme: 'dark' });
  });

  afterAll(async () => {
    await ana.close();
    await server.close();
  });

  it('gives the popup and the options page dark colours on a dark system, light on a light one', async () => {
    for (const [path, selector, dark, light] of [
      ['src/popup/popup.html', 'body', 'rgb(15, 23, 42)', 'rgb(255, 255, 255)'],
      ['src/options/options.html', 'main', DARK_PANEL, 'rgb(255, 255, 255)'],
    ] as const) {
      const page = await ana.context.newPage();
      await page.goto(ana.extensionUrl(path));
      expect(await background(page, selector)).toBe(dark);
      await page.emulateMedia({ colorScheme: 'light' });
      expect(await background(page, selector)).toBe(light);
      await page.close();
    }
  });

  it('switches the call and an open widget when the system switches', async () => {
    const page = await openCall(ana, `theme-${Date.now()}`, 'Ana', SERVER);
    expect(await background(page, 'header')).toBe(DARK_PANEL);
    await openWidget(page, 'Chat');
    const chat = page.frameLocator('iframe[title="Chat"]');
    await chat.getByRole('textbox', { name: 'Message' }).waitFor();
    // Only the SDK sets data-theme, so this is what a third-party widget would be told.
    expect(await chat.locator(':root').getAttribute('data-theme')).toBe('dark');
    expect(await background(page, 'header')).toBe(DARK_PANEL);

    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background(page, 'header')).toBe(LIGHT_PANEL);
    await eventually(
      'Chat was told the theme is light',
      async () => (await chat.locator(':root').getAttribute('data-theme')) === 'light',
    );
    expect(
      await chat.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor),
    ).toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: 'docs/screenshots/theme-switched-light.png' });

    await page.emulateMedia({ colorScheme: 'dark' });
    await eventually(
      'Chat was told the theme is dark',
      async () => (await chat.locator(':root').getAttribute('data-theme')) === 'dark',
    );
    expect(
      await chat.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor),
    ).toBe('rgb(15, 23, 42)');
  });
});
