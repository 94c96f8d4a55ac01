import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { newRoomId } from '../../src/shared/room-id.js';
import { eventually, launchPerson, openCall, type Person } from './harness/browser.js';
import { expectState, tileOf } from './harness/call-page.js';

const PORT = 8085;
const SERVER = `http://127.0.0.1:${PORT}`;

/** The size of the frames a tile's video is playing (0×0 before the first frame). */
function playingSize(page: Page, name: string): Promise<string> {
  return tileOf(page, name)
    .locator('video')
    .evaluate((video: HTMLVideoElement) => `${video.videoWidth}×${video.videoHeight}`);
}

// Screen sharing with Chromium's fake capture: Ana shares, Bea sees it as its own large tile
// (the camera tile stays), and it goes when Ana stops from the button or from the browser's
// own "Stop sharing" (the capture track ending).
describe('screen sharing', () => {
  let server: SignallingServer;
  const people: Person[] = [];
  let ana: Page;
  let bea: Page;

  beforeAll(async () => {
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: PORT },
      createServerLogger('silent'),
    );
    await server.listen();
    people.push(...(await Promise.all([launchPerson(), launchPerson()])));
    const room = newRoomId();
    ana = await openCall(people[0]!, room, 'Ana', SERVER);
    bea = await openCall(people[1]!, room, 'Bea', SERVER);
    await expectState(tileOf(ana, 'Bea'), 'connected');
    await expectState(tileOf(bea, 'Ana'), 'connected');
  });

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close()));
    await server.close();
  });

  it("shows Ana's screen to Bea as its own tile, beside Ana's camera", async () => {
    await ana.getByRole('button', { name: 'Share screen' }).click();
    await tileOf(ana, 'Your screen').waitFor();
    await tileOf(bea, "Ana's screen").waitFor({ timeout: 20_000 });
    await eventually(
      "Bea's screen tile plays frames",
      async () => (await playingSize(bea, "Ana's screen")) !== '0×0',
    );
    await expect(tileOf(bea, 'Ana').isVisible()).resolves.toBe(true);
    await expect(
      ana.getByRole('button', { name: 'Stop sharing' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
  });

  it('removes the tile when Ana stops from the button', async () => {
    await ana.getByRole('button', { name: 'Stop sharing' }).click();
    await tileOf(bea, "Ana's screen").waitFor({ state: 'detached', timeout: 20_000 });
    await expect(tileOf(ana, 'Your screen').count()).resolves.toBe(0);
  });

  it("shares again, and stops when the browser's own bar ends the capture", async () => {
    await ana.getByRole('button', { name: 'Share screen' }).click();
    await tileOf(bea, "Ana's screen").waitFor({ timeout: 20_000 });
    // What Chromium's "Stop sharing" bar does: the capture track ends.
    await tileOf(ana, 'Your screen')
      .locator('video')
      .evaluate((video: HTMLVideoElement) => {
        const [track] = (video.srcObject as MediaStream).getVideoTracks();
        track!.stop();
        track!.dispatchEvent(new Event('ended'));
      });
    await tileOf(bea, "Ana's screen").waitFor({ state: 'detached', timeout: 20_000 });
    await expect(ana.getByRole('button', { name: 'Share screen' }).isVisible()).resolves.toBe(true);
  });
});
