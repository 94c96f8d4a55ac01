import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './harness/browser.js';
import { tileOf } from './harness/call-page.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';

const PORT = 8085;

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
  let call: TwoPersonCall;
  let ana: Page;
  let bea: Page;

  beforeAll(async () => {
    call = await startTwoPersonCall(PORT);
    ({ ana, bea } = call);
  });

  afterAll(() => call.close());

  it("shows Ana's screen to Bea as its own tile, beside Ana's camera", async () => {
    await ana.getByRole('button', { name: 'Share screen' }).click();
    await tileOf(ana, 'Your screen').waitFor();
    await tileOf(bea, "Ana's screen").waitFor({ timeout: 20_000 });
    await eventually(
      "Bea's screen tile plays frames",
      async () => (await playingSize(bea, "Ana's screen")) !== '0×0',
    );
    await expect(tileOf(bea, 'Ana').isVisible()).resolves.toBe(true);
    // The button says what it will do now; its name, not a pressed state, carries the change.
    await expect(
      ana.getByRole('button', { name: 'Stop sharing' }).getAttribute('aria-pressed'),
    ).resolves.toBeNull();
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
