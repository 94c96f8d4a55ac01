import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './harness/browser.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';

const PORT = 8103;
const RECORD_FOR_MS = 6000;

const indicator = (page: Page) => page.getByRole('status', { name: 'Recording' });

/** What Chromium's own player makes of a file: its duration and picture size. */
async function playerView(page: Page, bytes: Buffer) {
  return page.evaluate(async (base64) => {
    const data = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(new Blob([data], { type: 'video/webm' }));
    await new Promise((resolve, reject) => {
      video.onloadedmetadata = resolve;
      video.onerror = () => reject(new Error(`the player refused it: ${video.error?.message}`));
    });
    return { duration: video.duration, width: video.videoWidth, height: video.videoHeight };
  }, bytes.toString('base64'));
}

// Recording a call: everyone (a late joiner too) sees who records and for how long, and
// stopping saves a WebM file that a player opens with the right duration.
describe('Recording', () => {
  let call: TwoPersonCall;
  let ana: Page;
  let bea: Page;

  beforeAll(async () => {
    call = await startTwoPersonCall(PORT);
    ({ ana, bea } = call);
  });

  afterAll(() => call.close());

  it('tells everyone, saves a WebM whose duration matches the time recorded', async () => {
    await expect(indicator(bea).isVisible()).resolves.toBe(false);
    const started = Date.now();
    await ana.getByRole('button', { name: 'Record' }).click();
    await eventually('Bea sees that Ana records', async () =>
      /^Ana is recording · 0:0\d$/.test((await indicator(bea).textContent()) ?? ''),
    );
    expect(await indicator(ana).textContent()).toMatch(/^Recording · 0:0\d$/);

    const cal = await call.join('Cal');
    await eventually(
      'Cal, who joined late, sees it too',
      async () => ((await indicator(cal).textContent()) ?? '').startsWith('Ana is recording'),
      30_000,
    );
    mkdirSync('docs/screenshots', { recursive: true });
    await bea.screenshot({
      path: 'docs/screenshots/recording.png',
      clip: { x: 0, y: 0, width: 1180, height: 680 },
    });
    await ana.waitForTimeout(Math.max(0, started + RECORD_FOR_MS - Date.now()));
    // The elapsed time moves on, in step with the clock.
    const shown = /^Recording · (\d+):(\d\d)$/.exec((await indicator(ana).textContent()) ?? '');
    expect(shown).not.toBeNull();
    const shownSeconds = Number(shown![1]) * 60 + Number(shown![2]);
    expect(Math.abs(shownSeconds - (Date.now() - started) / 1000)).toBeLessThan(2.5);

    const download = ana.waitForEvent('download');
    await ana.getByRole('button', { name: 'Stop recording' }).click();
    const recordedMs = Date.now() - started;
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^tfx-call-.+\.webm$/);
    await eventually('the indicator goes for Bea', async () => !(await indicator(bea).isVisible()));
    await eventually('and for Ana', async () => !(await indicator(ana).isVisible()));

    const bytes = readFileSync(await file.path());
    expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // EBML
    expect(bytes.subarray(0, 64).includes(Buffer.from('webm'))).toBe(true);
    const view = await playerView(bea, bytes);
    expect(view.width).toBe(960);
    expect(view.height).toBe(540);
    expect(Number.isFinite(view.duration)).toBe(true);
    console.log(`Recording: ${recordedMs} ms recorded, the player reads ${view.duration} s`);
    expect(Math.abs(view.duration * 1000 - recordedMs)).toBeLessThan(1500);
  });

  it('saves the recording when the person recording leaves the call', async () => {
    await bea.getByRole('button', { name: 'Record' }).click();
    await eventually('Ana sees that Bea records', async () =>
      ((await indicator(ana).textContent()) ?? '').startsWith('Bea is recording'),
    );
    await bea.waitForTimeout(2000);
    const download = bea.waitForEvent('download');
    await bea.getByRole('button', { name: 'Leave' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.webm$/);
    const bytes = readFileSync(await file.path());
    expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    await eventually('the indicator goes for Ana', async () => !(await indicator(ana).isVisible()));
  });
});
