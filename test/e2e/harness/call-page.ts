import type { Locator, Page } from 'playwright-core';
import { eventually } from './browser.js';

/** The tile a person sees for another participant, found by its accessible name. */
export function tileOf(page: Page, name: string): Locator {
  return page.getByRole('figure', { name, exact: true });
}

export function remoteTiles(page: Page): Locator {
  return page.locator('figure:not(.self)');
}

async function framesDecoded(tile: Locator): Promise<number> {
  return tile
    .locator('video')
    .evaluate((video: HTMLVideoElement) =>
      video.videoWidth > 0 ? video.getVideoPlaybackQuality().totalVideoFrames : 0,
    );
}

/** Frames keep arriving in the tile's video: it has size and its decoded-frame count grows. */
export async function expectVideoPlaying(tile: Locator, timeoutMs = 20_000): Promise<void> {
  let before = 0;
  await eventually(
    'the tile has decoded video frames',
    async () => (before = await framesDecoded(tile)) > 0,
    timeoutMs,
  );
  await eventually(
    'more frames arrive',
    async () => (await framesDecoded(tile)) > before + 2,
    timeoutMs,
  );
}

export async function expectState(tile: Locator, state: string, timeoutMs = 20_000): Promise<void> {
  await eventually(
    `the tile says "${state}"`,
    async () => (await tile.locator('.state').textContent()) === state,
    timeoutMs,
  );
}

/** A one-line picture of a call page's remote tiles, for failure messages. */
export async function describeTiles(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      [...document.querySelectorAll('figure:not(.self)')]
        .map((figure) => {
          const video = figure.querySelector('video')!;
          const state = figure.querySelector('.state')?.textContent ?? '?';
          return `${figure.getAttribute('aria-label')}: ${state}, ${video.videoWidth}px, ${video.getVideoPlaybackQuality().totalVideoFrames} frames`;
        })
        .join('; ') || 'no remote tiles',
  );
}
