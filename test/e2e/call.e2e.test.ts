import { mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_EXTENSION_ID } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import {
  CALL_PAGE,
  eventually,
  atPrejoin,
  joinNow,
  launchPerson,
  openCall,
  type Person,
} from './harness/browser.js';
import {
  expectEveryonePlaying,
  expectState,
  expectVideoPlaying,
  remoteTiles,
  tileOf,
  stageLayout,
} from './harness/call-page.js';
import { capturedTracks, trackMediaCaptures } from './harness/media-captures.js';
import { outboundVideoWidths, trackPeerConnections } from './harness/peer-connections.js';

// One call that grows and shrinks, step by step, the way people use it.
describe('a call between real browsers', () => {
  let server: SignallingServer;
  const people: Person[] = [];
  let ana: Person;
  let bea: Person;
  let anaPage: Page;
  let beaPage: Page;
  let room = '';

  beforeAll(async () => {
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: 8084 },
      createServerLogger('silent'),
    );
    await server.listen();
    [ana, bea] = await Promise.all([
      launchPerson({ initScripts: [trackMediaCaptures] }),
      launchPerson(),
    ]);
    people.push(ana, bea);
  });

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close()));
    await server.close();
  });

  it('loads the extension under the id its manifest key documents', () => {
    expect(ana.extensionId).toBe(DEFAULT_EXTENSION_ID);
  });

  it('starts a call from the popup in its own window', async () => {
    const popup = await ana.context.newPage();
    await popup.goto(ana.extensionUrl('src/popup/popup.html'));
    room = await popup.getByLabel('Room', { exact: true }).inputValue();
    expect(room).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await popup.getByLabel('Your name').fill('Ana');
    const callWindow = ana.context.waitForEvent('page', (page) => page.url().includes(CALL_PAGE));
    await popup.getByRole('button', { name: 'Start call' }).click();
    anaPage = await callWindow;
    expect(new URL(anaPage.url()).searchParams.get('room')).toBe(room);
    await atPrejoin(anaPage);
    expect(await anaPage.getByLabel('Your name').inputValue()).toBe('Ana');
    await joinNow(anaPage);
    await expectVideoPlaying(tileOf(anaPage, 'You (Ana)'));
    await anaPage.getByRole('button', { name: 'Leave' }).waitFor();
  });

  it('focuses the open call window instead of opening a second call', async () => {
    const popup = await ana.context.newPage();
    await popup.goto(ana.extensionUrl('src/popup/popup.html'));
    // The popup fills the remembered name once storage has answered, a moment after it loads.
    await expect.poll(() => popup.getByLabel('Your name').inputValue()).toBe('Ana');
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Start call' }).click();
    await closed;
    const callPages = ana.context.pages().filter((page) => page.url().includes(CALL_PAGE));
    expect(callPages).toEqual([anaPage]);
  });

  it('lets B join through the invite link, and each sees the other’s video', async () => {
    const invite = await anaPage.getByLabel('Invite link').inputValue();
    expect(invite).toBe(`http://127.0.0.1:8084/r/${room}`);
    await anaPage.getByRole('button', { name: 'Copy invite link' }).click();
    await anaPage
      .getByRole('status')
      .filter({ hasText: /Invite link copied|Ctrl\+C/ })
      .waitFor();

    const landing = await bea.context.newPage();
    const callWindow = bea.context.waitForEvent('page', (page) => page.url().includes(CALL_PAGE));
    await landing.goto(invite);
    beaPage = await callWindow;
    await landing.getByText('The call opened in its own window').waitFor();
    // Bea has never used TFX Sessions, so the pre-join step has no name for her yet.
    await atPrejoin(beaPage);
    expect(await beaPage.getByLabel('Your name').inputValue()).toBe('');
    await beaPage.getByLabel('Your name').fill('Bea');
    await joinNow(beaPage);

    await expectVideoPlaying(tileOf(anaPage, 'Bea'));
    await expectVideoPlaying(tileOf(beaPage, 'Ana'));
    await expectState(tileOf(anaPage, 'Bea'), 'connected');
    await expectState(tileOf(beaPage, 'Ana'), 'connected');
  });

  it('shows both people the same security words for their connection', async () => {
    const wordsSeenBy = async (page: Page, other: string): Promise<string[]> => {
      await tileOf(page, other)
        .getByRole('button', { name: `Verify ${other}` })
        .click();
      const dialog = page.getByRole('dialog', { name: `Verify ${other}` });
      // Until the words come, the dialog says why there are none yet; a failure names that.
      await dialog
        .getByRole('listitem')
        .first()
        .waitFor()
        .catch(async (error: Error) => {
          const reason = await dialog.getByRole('alert').textContent();
          throw new Error(`No words for ${other}: "${reason}"`, { cause: error });
        });
      expect(await dialog.getByRole('alert').textContent()).toBe('');
      const words = await dialog.getByRole('listitem').allTextContents();
      mkdirSync('docs/screenshots', { recursive: true });
      await page.screenshot({ path: `docs/screenshots/verify-${other.toLowerCase()}.png` });
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'hidden' });
      return words;
    };
    const anaSees = await wordsSeenBy(anaPage, 'Bea');
    const beaSees = await wordsSeenBy(beaPage, 'Ana');
    expect(anaSees).toHaveLength(5);
    expect(beaSees).toEqual(anaSees);
  });

  it('explains what TFX Sessions is on an invite link opened without the extension', async () => {
    const plain = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    try {
      const page = await plain.newPage();
      await page.goto(`http://127.0.0.1:8084/r/${room}`);
      await page.getByText('TFX Sessions is not installed in this browser.').waitFor();
      expect(await page.locator('#room').textContent()).toBe(room);
    } finally {
      await plain.close();
    }
  });

  it('shows on B’s side when A mutes, and when A unmutes', async () => {
    const anaOnBea = tileOf(beaPage, 'Ana');
    await anaPage.getByRole('button', { name: 'Mute microphone' }).click();
    await anaPage.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    await anaOnBea.getByText('Microphone off').waitFor({ state: 'visible', timeout: 5000 });
    const sending = await anaPage.evaluate(() => {
      // The muted track is disabled, so it sends silence rather than sound.
      const video = document.querySelector<HTMLVideoElement>('figure.self video')!;
      return (video.srcObject as MediaStream).getAudioTracks().map((track) => track.enabled);
    });
    expect(sending).toEqual([false]);
    await anaPage.getByRole('button', { name: 'Unmute microphone' }).click();
    await anaOnBea.getByText('Microphone off').waitFor({ state: 'hidden', timeout: 5000 });
  });

  it('turns A’s camera off and on again while B keeps receiving', async () => {
    // The camera is open while any track from it (the one sent, the self view's copy) lives.
    const cameraOpen = async () =>
      (await capturedTracks(anaPage)).some((track) => track.kind === 'video' && track.live);
    expect(await cameraOpen()).toBe(true);
    await anaPage.getByRole('button', { name: 'Turn camera off' }).click();
    await tileOf(beaPage, 'Ana')
      .getByText('Camera off')
      .waitFor({ state: 'visible', timeout: 5000 });
    // Off means the camera itself is released (its light goes out), not a paused picture.
    await eventually('Ana’s camera is stopped', async () => !(await cameraOpen()));
    await anaPage.getByRole('button', { name: 'Turn camera on' }).click();
    await tileOf(beaPage, 'Ana')
      .getByText('Camera off')
      .waitFor({ state: 'hidden', timeout: 5000 });
    await expectVideoPlaying(tileOf(beaPage, 'Ana'));
    expect(await cameraOpen()).toBe(true);
  });

  it('adds C and D, and all four see three remote videos', { timeout: 120_000 }, async () => {
    const [cyd, dan] = await Promise.all([launchPerson(), launchPerson()]);
    people.push(cyd, dan);
    await dan.context.addInitScript(trackPeerConnections);
    const pages = [
      anaPage,
      beaPage,
      await openCall(cyd, room, 'Cyd'),
      await openCall(dan, room, 'Dan'),
    ];
    const names = ['Ana', 'Bea', 'Cyd', 'Dan'];
    await expectEveryonePlaying(
      pages,
      names.map((self) => names.filter((other) => other !== self)),
    );
    // Four people fill the stage as 2×2, at the smallest and the largest window.
    for (const [width, height] of [
      [800, 600],
      [1920, 1080],
    ] as const) {
      await pages[3]!.setViewportSize({ width, height });
      await eventually(`four tiles cover Dan's stage at ${width}×${height}`, async () => {
        const layout = await stageLayout(pages[3]!);
        return layout.coverage >= 0.7 && layout.tiles.length === 4 && layout.controlsInView;
      });
    }
    // A 2×2 grid: each of Dan's three streams is cut to 360p from his 720p camera.
    await eventually('Dan sends three streams of at most 640 px', async () => {
      const widths = await outboundVideoWidths(pages[3]!);
      return widths.length === 3 && widths.every((width) => width > 0 && width <= 640);
    });
  });

  it('removes B’s tile on A’s side within 2 s of B leaving', async () => {
    // Timed inside the pages by the system clock both browsers share (Date.now, not
    // performance.timeOrigin, which is fixed per page and drifts from it by hundreds of ms):
    // from Bea's click to the moment Ana's page drops the tile, not when the test notices.
    await anaPage.evaluate(() => {
      const tile = document.querySelector('figure[aria-label="Bea"]')!;
      new MutationObserver((_, observer) => {
        if (tile.isConnected) return;
        (globalThis as { tileGoneAt?: number }).tileGoneAt = Date.now();
        observer.disconnect();
      }).observe(document.body, { childList: true, subtree: true });
    });
    const left = await beaPage.evaluate(() => {
      const at = Date.now();
      document.querySelector<HTMLButtonElement>('#leave')!.click();
      return at;
    });
    await tileOf(anaPage, 'Bea').waitFor({ state: 'detached', timeout: 10_000 });
    const gone = await anaPage.evaluate(() => (globalThis as { tileGoneAt?: number }).tileGoneAt);
    console.log(`Leave: Ana's tile for Bea went ${gone! - left} ms after Bea's click`);
    expect(gone! - left, 'ms from Bea’s click to Ana’s tile going').toBeLessThan(2000);
    await beaPage.getByText('You left the call.').waitFor();
    expect(await remoteTiles(anaPage).count()).toBe(2);
  });
});
