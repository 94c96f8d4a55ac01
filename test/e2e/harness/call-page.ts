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

async function remoteFrameCounts(page: Page): Promise<Map<string, number>> {
  const counts = await page.evaluate(() =>
    [...document.querySelectorAll('figure:not(.self)')].map((figure) => {
      const video = figure.querySelector('video')!;
      const frames = video.videoWidth > 0 ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
      return [figure.getAttribute('aria-label') ?? '', frames] as const;
    }),
  );
  return new Map(counts);
}

/**
 * Every page shows exactly the expected remote people, and every one of those videos is
 * playing (new frames arrived within a second). Checked for all pages at once, so a failure
 * says what each person saw.
 */
export async function expectEveryonePlaying(
  pages: Page[],
  expected: string[][],
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const before = await Promise.all(pages.map(remoteFrameCounts));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await Promise.all(pages.map(remoteFrameCounts));
    const allPlaying = pages.every((_, i) => {
      const names = [...after[i]!.keys()].sort();
      return (
        JSON.stringify(names) === JSON.stringify([...expected[i]!].sort()) &&
        names.every(
          (name) =>
            (after[i]!.get(name) ?? 0) > (before[i]!.get(name) ?? 0) &&
            (before[i]!.get(name) ?? 0) > 0,
        )
      );
    });
    if (allPlaying) return;
    if (Date.now() > deadline) {
      const seen = await Promise.all(pages.map(describeTiles));
      throw new Error(
        `Not everyone sees everyone playing:\n${seen.map((s, i) => `page ${i}: ${s}`).join('\n')}`,
      );
    }
  }
}

/**
 * Starts noting, inside the page, the moments (Date.now(), the clock Node and every browser on
 * this machine share) when `name`'s tile says "connected" and when it presents a video frame.
 * Read them with `tileMoments`: a bound then measures what the page did, not when a test that
 * polls under load happened to look.
 */
export async function watchTile(page: Page, name: string): Promise<void> {
  await tileOf(page, name).evaluate((figure) => {
    const moments = { connected: [] as number[], frames: [] as number[] };
    (figure as unknown as { moments: typeof moments }).moments = moments;
    const state = figure.querySelector('.state')!;
    new MutationObserver(() => {
      if (state.textContent === 'connected') moments.connected.push(Date.now());
    }).observe(state, { childList: true, characterData: true, subtree: true });
    const video = figure.querySelector('video')!;
    const onFrame = () => {
      moments.frames.push(Date.now());
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  });
}

/** What `watchTile` has noted so far. */
export function tileMoments(
  page: Page,
  name: string,
): Promise<{ connected: number[]; frames: number[] }> {
  return tileOf(page, name).evaluate(
    (figure) =>
      (figure as unknown as { moments: { connected: number[]; frames: number[] } }).moments,
  );
}

/** The person shown in `tile` is heard here: its sound meter rises with their (fake) voice. */
export async function expectHeard(tile: Locator, what: string): Promise<void> {
  await eventually(
    what,
    async () =>
      Number(await tile.getByRole('meter', { name: 'Sound level' }).getAttribute('aria-valuenow')) >
      10,
  );
}

/** How the stage looks: the share of it the tiles cover, and where the controls are. */
export async function stageLayout(page: Page): Promise<{
  coverage: number;
  tiles: { name: string; share: number; floating: boolean; onStage: boolean }[];
  controlsInView: boolean;
}> {
  return page.evaluate(() => {
    const grid = document.querySelector<HTMLElement>('#grid')!.getBoundingClientRect();
    const gridArea = grid.width * grid.height;
    const tiles = [...document.querySelectorAll<HTMLElement>('#grid > figure')].map((figure) => {
      const box = figure.getBoundingClientRect();
      return {
        name: figure.getAttribute('aria-label') ?? '',
        share: (box.width * box.height) / gridArea,
        floating: figure.classList.contains('floating'),
        onStage: figure.classList.contains('on-stage'),
      };
    });
    const controls = document.querySelector<HTMLElement>('#controls')!.getBoundingClientRect();
    return {
      coverage: tiles.filter((tile) => !tile.floating).reduce((sum, tile) => sum + tile.share, 0),
      tiles,
      controlsInView:
        controls.height > 0 &&
        controls.top >= 0 &&
        controls.bottom <= window.innerHeight &&
        controls.right <= window.innerWidth,
    };
  });
}

/** Opens one of the control bar's menus (Microphone settings, Camera settings, Widgets, More). */
export async function openMenu(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  const menu = page.locator(`#${(await button.getAttribute('popovertarget'))!}`);
  // The menu's own state, not the button's aria-expanded: that follows the popover's toggle
  // event, a task later, and a click on a menu it wrongly called closed would close it.
  if (!(await menu.evaluate((element) => element.matches(':popover-open')))) await button.click();
  await page.locator(`#${(await button.getAttribute('popovertarget'))!}:popover-open`).waitFor();
}

/** Opens a widget from the dock, as a person does: the Widgets menu, then the widget. */
export async function openWidget(page: Page, title: string): Promise<void> {
  await openMenu(page, 'Widgets');
  const button = page
    .getByRole('toolbar', { name: 'Widgets' })
    .getByRole('button', { name: title, exact: true });
  // A dock button hides the widget that is on screen: someone who sees it already leaves it.
  if ((await button.getAttribute('aria-expanded')) === 'true') await page.keyboard.press('Escape');
  else await button.click();
}
