import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../support/self-signed-certificate.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';
import { openWidget } from './harness/call-page.js';

// The fixture registry's "webapp" entry points here (test/fixtures/widgetmanifest.json).
const APP_PORT = 8106;
const PORT = 8105;

/** A throwaway certificate for 127.0.0.1, and the switch that makes Chromium trust it alone. */
function certificate() {
  const { certFile, keyFile } = selfSignedCertificate();
  const cert = readFileSync(certFile);
  const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  const pin = createHash('sha256').update(spki).digest('base64');
  return {
    cert,
    key: readFileSync(keyFile),
    trust: `--ignore-certificate-errors-spki-list=${pin}`,
  };
}

/** The web app's own server: its page, its script and the standalone SDK beside them. */
function serveWebApp(tls: { cert: Buffer; key: Buffer }): Promise<Server> {
  const files: Record<string, [string, string]> = {
    '/index.html': ['test/fixtures/webapp/index.html', 'text/html'],
    '/main.js': ['test/fixtures/webapp/main.js', 'text/javascript'],
    '/tfx-sdk.js': ['build/sdk/tfx-sdk.js', 'text/javascript'],
  };
  const server = createServer(tls, (request, response) => {
    const file = files[new URL(request.url ?? '/', 'https://x').pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    // The frame's origin is opaque, so its module scripts are cross-origin requests.
    response.writeHead(200, { 'content-type': file[1], 'access-control-allow-origin': '*' });
    response.end(readFileSync(file[0]));
  });
  return new Promise((resolve) => server.listen(APP_PORT, '127.0.0.1', () => resolve(server)));
}

const app = (page: Page): FrameLocator => page.frameLocator('iframe[title="Web app"]');

// A registry entry whose url is an https web app: framed as a page from its own server,
// sandboxed like every widget, opened for everyone, talking through the SDK.
describe('Web app widget', () => {
  let server: Server;
  let call: TwoPersonCall;
  let ana: Page;
  let bea: Page;

  beforeAll(async () => {
    const tls = certificate();
    server = await serveWebApp(tls);
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
