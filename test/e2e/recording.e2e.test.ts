import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './harness/browser.js';
import { expectVideoPlaying, openMenu, tileOf } from './harness/call-page.js';
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
    // A picture from inside the recording, played (not seeked: a live WebM has no cues).
    video.playbackRate = 4;
    await video.play();
    await new Promise<void>((resolve) => {
      const check = () => (video.currentTime >= 2 ? resolve() : setTimeout(check, 20));
      check();
    });
    video.pause();
    const canvas = new OffscreenCanvas(video.videoWidth, video.videoHeight);
    const paint = canvas.getContext('2d')!;
    paint.drawImage(video, 0, 0);
    const pixels = paint.getImageData(0, 0, canvas.width, canvas.height).data;
    // Chromium's fake cameras are green; a black-and-white filter turns one black and white.
    // The recorder's own colours (#0f172a, #1e293b) are blue-tinted: neither green nor grey.
    let green = 0;
    let grey = 0;
    for (let index = 0; index < pixels.length; index += 4) {
      const [red, greenLevel, blue] = [pixels[index]!, pixels[index + 1]!, pixels[index + 2]!];
      if (greenLevel > red + 60 && greenLevel > blue + 60) green += 1;
      else if (Math.max(red, greenLevel, blue) - Math.min(red, greenLevel, blue) < 12) grey += 1;
    }
    const count = pixels.length / 4;
    // The voices: the loudest stretch of the mixed audio, as a player would decode it.
    const audio = await new OfflineAudioContext(1, 48_000, 48_000).decodeAudioData(data.buffer);
    let peak = 0;
    for (let channel = 0; channel < audio.numberOfChannels; channel++)
      for (const sample of audio.getChannelData(channel)) peak = Math.max(peak, Math.abs(sample));
    return {
      duration: video.duration,
      width: video.videoWidth,
      height: video.videoHeight,
      greenShare: green / count,
      greyShare: grey / count,
      audioSeconds: audio.duration,
      audioPeak: peak,
    };
  }, bytes.toString('base64'));
}

// Recording a call: everyone (a late joiner too) sees who records and for how long, and
// stopping saves a WebM file that a player opens with the right duration, with every tile in
// the picture and the other people's voices in the sound.
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
    // Bea's tile is told apart from Ana's by its colour, and Ana is silent: whatever is heard
    // in the recording came from the others.
    await openMenu(bea, 'Camera settings');
    await bea.getByRole('combobox', { name: 'Filter' }).selectOption({ label: 'Black and white' });
    await ana.getByRole('button', { name: 'Mute microphone' }).click();
    await expectVideoPlaying(tileOf(ana, 'Bea'));
    const started = Date.now();
    await openMenu(ana, 'More');
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
    await openMenu(ana, 'More');
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
    console.log(
      `Recording picture: ${(view.greenShare * 100).toFixed(0)}% green (Ana), ` +
        `${(view.greyShare * 100).toFixed(0)}% grey (Bea); audio peak ${view.audioPeak.toFixed(2)}`,
    );
    expect(view.greenShare, 'Ana’s own tile').toBeGreaterThan(0.05);
    expect(view.greyShare, 'Bea’s tile, in black and white').toBeGreaterThan(0.05);
    expect(view.audioSeconds).toBeGreaterThan(RECORD_FOR_MS / 1000 - 1.5);
    expect(view.audioPeak, 'the others’ voices, Ana muted').toBeGreaterThan(0.05);
    await ana.getByRole('button', { name: 'Unmute microphone' }).click();
  });

  it('saves the recording when the person recording leaves the call', async () => {
    await openMenu(bea, 'More');
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
