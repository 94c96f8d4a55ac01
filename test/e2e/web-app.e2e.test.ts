import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRoomId } from '../../src/shared/room-id.js';
import { openAddWidget } from './harness/added-widgets.js';
import { axeViolations } from './harness/axe.js';
import { launchPerson, openCall, type Person } from './harness/browser.js';
import { openMenu, openWidget } from './harness/call-page.js';
import { serveWebApp, webAppCertificate, type WebAppServer } from './harness/web-app-server.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';

// The fixture registry's "tfx-test-webapp" entry points here (test/fixtures/widgetmanifest.json).
const APP_PORT = 8106;
const PORT = 8105;

const app = (page: Page): FrameLocator => page.frameLocator('iframe[title="Web app"]');

// A registry entry whose url is an https web app: framed as a page from its own server,
// sandboxed like every widget, opened for everyone, talking through the SDK.
describe('Web app widget', () => {
  let server: WebAppServer;
  let call: TwoPersonCall;
  let cal: Person | undefined;
  let ana: Page;
  let bea: Page;

  beforeAll(async () => {
    const tls = webAppCertificate();
    server = await serveWebApp(tls, APP_PORT);
    call = await startTwoPersonCall(PORT, { extraArgs: [tls.trust] });
    ({ ana, bea } = call);
  });

  afterAll(async () => {
    await Promise.all([call.close(), cal?.close()]);
    server.close();
  });

  it('opens for everyone, sandboxed, and talks to its peers', async () => {
    // Its icon is on its site: a plain one until it runs, so the site learns of nobody before.
    await openMenu(ana, 'Widgets');
    const icon = ana
      .getByRole('toolbar', { name: 'Widgets' })
      .getByRole('button', { name: 'Web app' })
      .locator('img');
    expect(await icon.getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
    expect(server.requested).toEqual([]);
    await ana.keyboard.press('Escape');
    await openWidget(ana, 'Web app');
    // Bea did nothing: it opened on her screen too, from its https address.
    await app(bea)
      .getByRole('heading', { name: 'A web app in the call' })
      .waitFor({ timeout: 30_000 });
    expect(await bea.locator('iframe[title="Web app"]').getAttribute('src')).toBe(
      `https://127.0.0.1:${APP_PORT}/index.html`,
    );
    for (const page of [ana, bea]) {
      // An opaque origin: no cookies or storage of its own, no extension APIs. The app's script
      // writes these lines once it runs, which can be after its heading is on screen.
      const line = (id: string) => () => app(page).locator(`#${id}`).textContent();
      await expect.poll(line('origin')).toBe('origin: null');
      await expect.poll(line('extension-apis')).toBe('extension APIs: none');
      await expect.poll(line('storage')).toBe('storage: blocked');
    }
    await app(ana).getByRole('button', { name: 'Wave' }).click();
    await app(bea).getByRole('status').filter({ hasText: 'Ana says hello' }).waitFor();
    await openMenu(ana, 'Widgets');
    expect(await icon.getAttribute('src')).toBe(`https://127.0.0.1:${APP_PORT}/icon.svg`);
    await ana.keyboard.press('Escape');
  });

  /** Adds a web app from the call's Widgets menu; it opens at once. */
  async function addWebApp(page: Page, url: string, name: string): Promise<void> {
    const dialog = await openAddWidget(page);
    await dialog.getByRole('textbox', { name: 'Web app address' }).fill(url);
    await dialog.getByRole('textbox', { name: 'Its name in your calls' }).fill(name);
    await dialog.getByRole('button', { name: 'Add web app' }).click();
  }

  it('says in its panel why a web app did not start: scripts served without CORS', async () => {
    await addWebApp(ana, `https://127.0.0.1:${APP_PORT}/no-cors/index.html`, 'Broken');
    await ana
      .getByRole('tabpanel', { name: 'Broken' })
      .getByRole('alert')
      .filter({
        hasText: `Broken did not start: its script https://127.0.0.1:${APP_PORT}/no-cors/main.js is served without Access-Control-Allow-Origin: *, which a sandboxed widget needs.`,
      })
      .waitFor();
    await ana.screenshot({ path: 'docs/screenshots/web-app-did-not-start.png' });
    expect(await axeViolations(ana)).toEqual([]);
    // With the keyboard: the reason is read out (an alert), and Close reaches the panel.
    await ana.getByRole('button', { name: 'Close Broken' }).focus();
    await ana.keyboard.press('Enter');
    await ana.getByRole('tabpanel', { name: 'Broken' }).waitFor({ state: 'hidden' });
  });

  it('says in its panel why a web app did not start: a certificate this browser does not trust', async () => {
    // Cal's browser was not told to trust the test site's own certificate.
    cal = await launchPerson();
    const calCall = await openCall(cal, newRoomId(), 'Cal', `http://127.0.0.1:${PORT}`);
    // Admitted, alone: the call's empty state.
    await calCall.getByRole('heading', { name: "You're the only one here" }).waitFor();
    await addWebApp(calCall, `https://127.0.0.1:${APP_PORT}/index.html`, 'Board');
    await calCall
      .getByRole('tabpanel', { name: 'Board' })
      .getByRole('alert')
      .filter({
        hasText: `Board did not start: https://127.0.0.1:${APP_PORT} could not be reached securely: the site is down, or this browser does not trust its certificate.`,
      })
      .waitFor();
  });
});
