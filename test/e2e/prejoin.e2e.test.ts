import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import {
  atPrejoin,
  CALL_PAGE,
  eventually,
  joinNow,
  launchPerson,
  openCall,
  type Person,
} from './harness/browser.js';
import { expectVideoPlaying, tileOf } from './harness/call-page.js';
import { capturedTracks, trackMediaCaptures } from './harness/media-captures.js';
import { trackPeerConnections } from './harness/peer-connections.js';

// The build's own server (its invite pages may open calls), an attacker's signalling server on
// another local port, and an attacker's web page that only redirects to an invite link.
const PORT = 8084;
const SERVER = `http://127.0.0.1:${PORT}`;
const ATTACKER_PORT = 8110;
const REDIRECT_PORT = 8111;

/** WebSocket upgrades a server has seen: a browser that joins a room opens one. */
function countUpgrades(server: SignallingServer): { count: number } {
  const seen = { count: 0 };
  server.http.on('upgrade', () => seen.count++);
  return seen;
}

const pcCount = (page: Page) =>
  page.evaluate(() => ((globalThis as { __pcs?: unknown[] }).__pcs ?? []).length);

describe('the pre-join step: nothing of the person is sent before Join now', () => {
  let server: SignallingServer;
  let attacker: SignallingServer;
  let redirector: Server;
  const people: Person[] = [];
  let ana: Page;
  let room = '';

  beforeAll(async () => {
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: PORT },
      createServerLogger('silent'),
    );
    attacker = createSignallingServer(
      { ...DEFAULT_CONFIG, port: ATTACKER_PORT },
      createServerLogger('silent'),
    );
    await Promise.all([server.listen(), attacker.listen()]);
    redirector = createServer((request, response) => {
      response.writeHead(302, { location: `${SERVER}${request.url ?? '/'}` }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(REDIRECT_PORT, '127.0.0.1', resolve));
    people.push(
      ...(await Promise.all([
        launchPerson(),
        launchPerson({ initScripts: [trackPeerConnections, trackMediaCaptures] }),
      ])),
    );
    room = `prejoin-${Date.now()}`;
    ana = await openCall(people[0]!, room, 'Ana', SERVER);
    await ana.getByRole('button', { name: 'Leave' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close()));
    await new Promise((resolve) => redirector.close(resolve));
    await Promise.all([server.close(), attacker.close()]);
  });

  it('opens a call from a web page that redirects to an invite, but shows only a preview until Join now', async () => {
    const bea = people[1]!;
    // The review's conditions: a remembered name, and camera access granted before.
    const options = await bea.context.newPage();
    await options.goto(bea.extensionUrl('src/options/options.html'));
    await options.getByLabel('Default display name').fill('Bea');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText(/^Saved\./).waitFor();
    await options.close();

    const upgrades = countUpgrades(server);
    const lure = await bea.context.newPage();
    const callWindow = bea.context.waitForEvent('page', (page) => page.url().includes(CALL_PAGE));
    await lure.goto(`http://127.0.0.1:${REDIRECT_PORT}/r/${room}`);
    const beaPage = await callWindow;
    await beaPage.getByRole('heading', { name: 'Ready to join?' }).waitFor();
    expect(await beaPage.getByLabel('Your name').inputValue()).toBe('Bea');
    // Who is in the room, before joining it: asking joined no one (Ana sees no Bea below).
    await beaPage.getByRole('status').getByText('Ana is in this call.').waitFor();
    // The fake camera and microphone are there to choose, once the browser may name them.
    for (const picker of ['Camera to use', 'Microphone to use']) {
      await eventually(`the ${picker} picker lists a device`, async () => {
        const select = beaPage.getByRole('combobox', { name: picker });
        return (await select.isEnabled()) && (await select.locator('option').count()) > 0;
      });
    }
    // The preview is live here, and the microphone meter moves with the (fake) voice...
    await eventually('the preview shows the camera', () =>
      beaPage
        .getByLabel('Your camera preview')
        .evaluate((video: HTMLVideoElement) => video.videoWidth > 0),
    );
    await eventually(
      'the microphone meter moves',
      async () =>
        Number(
          await beaPage
            .getByRole('meter', { name: 'Microphone level' })
            .getAttribute('aria-valuenow'),
        ) > 5,
    );
    // ...and still nothing of Bea has left the browser: the review saw video 1.3 s after the
    // window opened; this waits three times as long. The page has its connection to the server
    // open already, so Join now waits for no handshake, but it has joined no room: the server
    // counts only Ana, Ana sees no Bea, and no peer connection exists.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(upgrades.count).toBe(1);
    const peek = (await (await fetch(`${SERVER}/rooms/${room}`)).json()) as { people: number };
    expect(peek.people).toBe(1);
    expect(await pcCount(beaPage)).toBe(0);
    expect(await tileOf(ana, 'Bea').count()).toBe(0);
    mkdirSync('docs/screenshots', { recursive: true });
    for (const [width, height] of [
      [800, 600],
      [1920, 1080],
    ] as const) {
      await beaPage.setViewportSize({ width, height });
      await beaPage.screenshot({ path: `docs/screenshots/prejoin-${width}x${height}.png` });
      // The whole step, Join now included, fits the window without scrolling.
      const join = await beaPage.getByRole('button', { name: 'Join now' }).boundingBox();
      expect(join!.y + join!.height).toBeLessThanOrEqual(height);
    }

    await joinNow(beaPage);
    await expectVideoPlaying(tileOf(ana, 'Bea'));
    // Joining used the connection made during the pre-join.
    expect(upgrades.count).toBe(1);
  });

  it('joins with the camera off when it was switched off before joining, and its light goes off', async () => {
    const cal = await launchPerson({ initScripts: [trackMediaCaptures] });
    people.push(cal);
    const page = await cal.context.newPage();
    await page.goto(cal.extensionUrl(`${CALL_PAGE}?room=${room}&name=Cal`), {
      waitUntil: 'domcontentloaded',
    });
    await page.getByRole('switch', { name: 'Camera' }).uncheck();
    await page.getByText('Your camera is off').waitFor();
    await eventually('the camera is released', async () =>
      (await capturedTracks(page)).every((track) => track.kind !== 'video' || !track.live),
    );
    await joinNow(page);
    await tileOf(ana, 'Cal').getByText('Camera off').waitFor();
    // In the call, the camera button says it is off and turns it on.
    await page.getByRole('button', { name: 'Turn camera on' }).click();
    await expectVideoPlaying(tileOf(ana, 'Cal'));
  });

  it('never uses a signalling server the extension is not set up for, whoever asks', async () => {
    const bea = people[1]!;
    const attackerUpgrades = countUpgrades(attacker);
    const before = bea.context.pages().length;
    const page = await bea.context.newPage();
    // The attacker's own signalling server on another local port serves the same invite page.
    // Only the build's own server may talk to the extension, so the page cannot even reach it.
    await page.goto(`http://127.0.0.1:${ATTACKER_PORT}/r/${room}`);
    await page.getByText('TFX Sessions is not installed in this browser.').waitFor();
    // A call page told to use that server refuses it too.
    const call = await bea.context.newPage();
    await call.goto(
      bea.extensionUrl(
        `${CALL_PAGE}?room=${room}&server=${encodeURIComponent(`http://127.0.0.1:${ATTACKER_PORT}`)}`,
      ),
    );
    await call
      .getByRole('alert')
      .getByText(`not set up to use the signalling server http://127.0.0.1:${ATTACKER_PORT}`)
      .waitFor();
    expect(await call.getByRole('button', { name: 'Join now' }).isVisible()).toBe(false);
    expect(bea.context.pages().length).toBe(before + 2); // these two tabs, and no call window
    expect(attackerUpgrades.count).toBe(0);
    expect(await capturedTracks(call)).toEqual([]);
  });

  it('still starts a call from the popup when the extension storage is full, and says the name was not remembered', async () => {
    const dot = await launchPerson();
    people.push(dot);
    await dot.useServer(SERVER);
    const popup = await dot.context.newPage();
    await popup.goto(dot.extensionUrl('src/popup/popup.html'));
    // Fill chrome.storage.local to its quota, as the review's widget did before widget storage
    // had a cap of its own.
    const filled = await popup.evaluate(async () => {
      const { storage } = (
        globalThis as unknown as {
          chrome: { storage: { local: { set(items: object): Promise<void> } } };
        }
      ).chrome;
      // Big pieces first, then ever smaller ones, until not even a few bytes fit.
      let bytes = 0;
      for (let size = 1024 * 1024; size >= 16; size /= 4) {
        try {
          for (;;) {
            await storage.local.set({ [`junk-${bytes}`]: 'x'.repeat(size) });
            bytes += size;
          }
        } catch {
          // full at this size: try a smaller one
        }
      }
      return bytes;
    });
    expect(filled).toBeGreaterThan(9 * 1024 * 1024);
    await popup.getByLabel('Your name').fill('Dot');
    const callWindow = dot.context.waitForEvent('page', (page) => page.url().includes(CALL_PAGE));
    await popup.getByRole('button', { name: 'Start call' }).click();
    const call = await callWindow;
    await atPrejoin(call);
    await popup
      .getByRole('alert')
      .getByText(/^The call opened, but your name could not be remembered for next time/)
      .waitFor();
    // The name the person typed reaches the pre-join step all the same.
    expect(await call.getByLabel('Your name').inputValue()).toBe('Dot');
    await joinNow(call);
    await call.getByRole('button', { name: 'Leave' }).waitFor();
  });
});
