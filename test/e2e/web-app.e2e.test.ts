import type { Server } from 'node:https';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWebApp, webAppCertificate } from './harness/web-app-server.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';
import { openWidget } from './harness/call-page.js';

// The fixture registry's "tfx-test-webapp" entry points here (test/fixtures/widgetmanifest.json).
const APP_PORT = 8106;
const PORT = 8105;

const app = (page: Page): FrameLocator => page.frameLocator('iframe[title="Web app"]');

// A registry entry whose url is an https web app: framed as a page from its own server,
// sandboxed like every widget, opened for everyone, talking through the SDK.
describe('Web app widget', () => {
  let server: Server;
  let call: TwoPersonCall;
  let ana: Page;
  let bea: Page;

  beforeAll(async () => {
    const tls = webAppCertificate();
    server = await serveWebApp(tls, APP_PORT);
    call = await startTwoPersonCall(PORT, { extraArgs: [tls.trust] });
    ({ ana, bea } = call);
  });

  afterAll(async () => {
    await call.close();
    server.close();
  });

  it('opens for everyone, sandboxed, and talks to its peers', async () => {
    await openWidget(ana, 'Web app');
    // Bea did nothing: it opened on her screen too, from its https address.
    await app(bea)
      .getByRole('heading', { name: 'A web app in the call' })
      .waitFor({ timeout: 30_000 });
    expect(await bea.locator('iframe[title="Web app"]').getAttribute('src')).toBe(
      `https://127.0.0.1:${APP_PORT}/index.html`,
    );
    for (const page of [ana, bea]) {
      // An opaque origin: no cookies or storage of its own, no extension APIs.
      await expect(app(page).locator('#origin').textContent()).resolves.toBe('origin: null');
      await expect(app(page).locator('#extension-apis').textContent()).resolves.toBe(
        'extension APIs: none',
      );
      await expect(app(page).locator('#storage').textContent()).resolves.toBe('storage: blocked');
    }
    await app(ana).getByRole('button', { name: 'Wave' }).click();
    await app(bea).getByRole('status').filter({ hasText: 'Ana says hello' }).waitFor();
  });
});
