import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_WEB_OUT_DIR } from '../../scripts/build-target.js';
import { packWidget } from '../../scripts/pack-widget.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { newRoomId } from '../../src/shared/room-id.js';
import {
  atPrejoin,
  eventually,
  joinNow,
  launchPerson,
  launchWithoutExtension,
  openCall,
  type BrowserOnlyPerson,
  type Person,
} from './harness/browser.js';
import { expectState, expectVideoPlaying, openWidget, tileOf } from './harness/call-page.js';
import { axeViolations } from './harness/axe.js';
import { blockedHostileReport } from './harness/hostile-report.js';
import { expectChatLine, say } from './harness/chat.js';
import { addWidgetInCall } from './harness/added-widgets.js';

const PORT = 8118;
const SERVER = `http://127.0.0.1:${PORT}`;

function code(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Code"]');
}

async function codeText(page: Page): Promise<string> {
  return code(page)
    .locator('.cm-content')
    .evaluate((content) => {
      const copy = content.cloneNode(true) as Element;
      for (const caret of copy.querySelectorAll('.cm-ySelectionCaret')) caret.remove();
      return copy.textContent ?? '';
    });
}

async function typeInCode(page: Page, text: string): Promise<void> {
  const editor = code(page).getByRole('textbox', { name: 'Code' });
  await editor.click();
  await editor.press('Control+End');
  await editor.pressSequentially(text, { delay: 15 });
}

// Ana has the extension; Bea has only a browser and the invite link. They are in one call with
// the same widgets, and the web client's widgets are as sandboxed as the extension's.
describe('the web client', () => {
  let server: SignallingServer;
  let anaPerson: Person;
  let beaPerson: BrowserOnlyPerson;
  let ana: Page;
  let bea: Page;
  const room = newRoomId();

  beforeAll(async () => {
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: PORT, webRoot: resolve(E2E_WEB_OUT_DIR) },
      createServerLogger('silent'),
    );
    await server.listen();
    [anaPerson, beaPerson] = await Promise.all([launchPerson(), launchWithoutExtension()]);
    ana = await openCall(anaPerson, room, 'Ana', SERVER);
  });

  afterAll(async () => {
    await Promise.all([anaPerson?.close(), beaPerson?.close()]);
    await server.close();
  });

  it('lets Bea join from the invite link in a browser without the extension', async () => {
    bea = await beaPerson.context.newPage();
    await bea.goto(`${SERVER}/r/${room}`);
    await bea.getByText('TFX Sessions is not installed in this browser.').waitFor();
    expect(await bea.getByRole('link', { name: 'Get the extension' }).getAttribute('href')).toMatch(
      /^https:\/\/chromewebstore\.google\.com\/detail\/[a-p]{32}$/,
    );
    mkdirSync('docs/screenshots', { recursive: true });
    await bea.screenshot({ path: 'docs/screenshots/invite-without-extension.png' });
    expect(await axeViolations(bea)).toEqual([]);
    // With the keyboard alone: the first Tab reaches Join in this browser.
    await bea.keyboard.press('Tab');
    expect(await bea.evaluate(() => document.activeElement?.textContent)).toBe(
      'Join in this browser',
    );
    await bea.keyboard.press('Enter');
    await atPrejoin(bea);
    expect(new URL(bea.url()).pathname).toBe('/call');
    // Nothing is sent before Join now: not even the server has heard of Bea yet.
    await ana.waitForTimeout(500);
    expect(await tileOf(ana, 'Bea').count()).toBe(0);
    await bea.getByRole('textbox', { name: 'Your name' }).fill('Bea');
    await joinNow(bea);
    await expectState(tileOf(ana, 'Bea'), 'connected');
    await expectState(tileOf(bea, 'Ana'), 'connected');
    await expectVideoPlaying(tileOf(ana, 'Bea'));
    await expectVideoPlaying(tileOf(bea, 'Ana'));
    // The one difference either of them sees: Bea's small note.
    await expect(bea.getByText('in browser', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(ana.getByText('in browser', { exact: true }).isVisible()).resolves.toBe(false);
  });

  it('chats both ways between the extension and the web client', async () => {
    await openWidget(ana, 'Chat');
    await say(ana, 'Hello from the extension');
    await expectChatLine(bea, 'Ana', 'Hello from the extension');
    await say(bea, 'Hello from a plain browser');
    await expectChatLine(ana, 'Bea', 'Hello from a plain browser');
  });

  it('edits the same Code document from both', async () => {
    await openWidget(bea, 'Code');
    await code(bea).getByRole('textbox', { name: 'Code' }).waitFor();
    // Ana has Chat on screen: Bea's Code is offered to her, and she takes it.
    await ana.getByRole('button', { name: 'Show Code' }).click();
    await code(ana).getByRole('textbox', { name: 'Code' }).waitFor();
    await typeInCode(bea, 'let web = 1;');
    await eventually('Ana sees what Bea typed', async () =>
      (await codeText(ana)).includes('let web = 1;'),
    );
    await typeInCode(ana, ' let ext = 2;');
    await eventually('both show one document', async () => {
      const [a, b] = [await codeText(ana), await codeText(bea)];
      return a === b && a.includes('let web = 1;') && a.includes('let ext = 2;');
    });
    await bea.screenshot({ path: 'docs/screenshots/web-client-call.png' });
    expect(await axeViolations(bea)).toEqual([]);
  });

  it('fits the call with its widgets at 800×600 and at 1920×1080', async () => {
    for (const [width, height] of [
      [800, 600],
      [1920, 1080],
    ] as const) {
      await bea.setViewportSize({ width, height });
      const leave = await bea.getByRole('button', { name: 'Leave' }).boundingBox();
      expect(leave, `Leave at ${width}×${height}`).not.toBeNull();
      expect(leave!.y + leave!.height).toBeLessThanOrEqual(height);
      await expect(code(bea).getByRole('textbox', { name: 'Code' }).isVisible()).resolves.toBe(
        true,
      );
      await bea.screenshot({ path: `docs/screenshots/web-client-${width}x${height}.png` });
    }
    await bea.setViewportSize({ width: 1180, height: 800 });
  });

  it('offers Bea a widget Ana added, and runs it in the web client once she accepts', async () => {
    const tally = await packWidget(
      'tfx-test-tally',
      [
        {
          manifestFile: 'test/fixtures/packable/widgetmanifest.json',
          pagesDir: 'test/fixtures/packable',
        },
      ],
      mkdtempSync(join(tmpdir(), 'tfx-web-packed-')),
    );
    await addWidgetInCall(ana, tally.file);
    await ana.frameLocator('iframe[title="Tally"]').getByText('Counting with Ana').waitFor();
    const card = bea.getByRole('region', { name: 'Tally from Ana' });
    await card.waitFor();
    expect(await card.textContent()).toContain(
      `SHA-256 ${tally.bundle.sha256.slice(0, 12)} · from Ana`,
    );
    expect(await bea.locator('iframe[title="Tally"]').count()).toBe(0);
    await bea.screenshot({ path: 'docs/screenshots/web-client-widget-offer.png' });
    expect(await axeViolations(bea)).toEqual([]);
    await bea.getByRole('button', { name: 'Open for this call' }).click();
    const beaTally = bea.frameLocator('iframe[title="Tally"]');
    await beaTally.getByText('Counting with Bea').waitFor();
    // It runs from the server's runner page, as sandboxed as the packaged widgets.
    const frame = bea.locator('iframe[title="Tally"]');
    expect(await frame.getAttribute('sandbox')).toBe('allow-scripts allow-forms');
    expect(new URL((await frame.getAttribute('src'))!).origin).toBe(SERVER);
    await beaTally.getByRole('button', { name: 'Add one' }).click();
    await expect
      .poll(() => ana.frameLocator('iframe[title="Tally"]').locator('#count').textContent())
      .toBe('1');
  });

  it('keeps a hostile widget out of the web client’s storage and page', async () => {
    // What the web client keeps on its origin, which no widget may read.
    await bea.evaluate(() => {
      localStorage.setItem('tfx-secret', 'web client only');
      document.cookie = 'tfx-secret=1; SameSite=Strict';
    });
    await openWidget(bea, 'Hostile');
    const report = await blockedHostileReport(bea.frameLocator('iframe[title="Hostile"]'));
    expect(report.readParentDom?.detail).toMatch(/^SecurityError/);
    expect(report.localStorage?.detail).toMatch(/^SecurityError/);
    expect(report.cookies?.detail).toMatch(/^SecurityError/);
    expect(report.navigateTop?.detail).toMatch(/^SecurityError/);
    expect(report.webrtcInPage?.detail).toBe('RTCPeerConnection is undefined');
    // The frame is sandboxed by its attribute and by the CSP the server sent with its page,
    // and its origin is opaque.
    const frame = bea.locator('iframe[title="Hostile"]');
    expect(await frame.getAttribute('sandbox')).toBe('allow-scripts allow-forms');
    const page = new URL((await frame.getAttribute('src'))!);
    expect(page.origin).toBe(SERVER);
    const served = await fetch(page);
    expect(served.headers.get('content-security-policy')).toMatch(/^sandbox allow-scripts/);
    const origin = await bea
      .frames()
      .find((each) => each.url().includes('/tfx-test-hostile/'))!
      .evaluate(() => self.origin);
    expect(origin).toBe('null');
    // The web client itself was not touched.
    expect(await bea.evaluate(() => localStorage.getItem('tfx-secret'))).toBe('web client only');
    expect(new URL(bea.url()).pathname).toBe('/call');
  });

  it('leaves, and says the tab can be closed where a page cannot close it', async () => {
    await bea.getByRole('button', { name: 'Leave' }).click();
    await tileOf(ana, 'Bea').waitFor({ state: 'detached' });
    await bea.getByRole('button', { name: 'Close window' }).click();
    await bea
      .getByRole('heading', { name: 'You left the call. You can close this tab.' })
      .waitFor();
    expect(await bea.getByRole('button', { name: 'Rejoin' }).isVisible()).toBe(true);
  });
});
