/**
 * The page a new install opens: it explains, checks the camera and microphone without sending
 * anything anywhere, works from the keyboard alone, and starts a call.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { axeViolations } from './harness/axe.js';
import {
  CALL_PAGE,
  WELCOME_PAGE,
  atPrejoin,
  launchPerson,
  type Person,
} from './harness/browser.js';
import { trackPeerConnections } from './harness/peer-connections.js';

const people: Person[] = [];
afterAll(() => Promise.all(people.map((person) => person.close())));

async function installed(colorScheme: 'light' | 'dark'): Promise<{ person: Person; page: Page }> {
  const person = await launchPerson({
    keepWelcome: true,
    colorScheme,
    initScripts: [trackPeerConnections],
  });
  people.push(person);
  const page = person.context.pages().find((candidate) => candidate.url().endsWith(WELCOME_PAGE))!;
  await page.getByRole('heading', { name: 'Welcome to TFX Sessions', level: 1 }).waitFor();
  return { person, page };
}

describe('the welcome page', () => {
  it('checks the camera and microphone from the keyboard alone, and sends nothing', async () => {
    const { page } = await installed('light');
    // Anything this page fetches or connects to, other than its own files, would be a leak.
    const away: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('chrome-extension://')) away.push(request.url());
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome to TFX Sessions', level: 1 }).waitFor();

    const start = page.getByRole('button', { name: 'Check camera and microphone' });
    for (let presses = 0; presses < 10; presses += 1) {
      await page.keyboard.press('Tab');
      if (await start.evaluate((button) => button === document.activeElement)) break;
    }
    await page.keyboard.press('Enter');
    await page.getByText('Your camera and microphone work.').waitFor();
    const stop = page.getByRole('button', { name: 'Stop the check' });
    expect(await stop.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.getByRole('meter', { name: 'Microphone level' }).waitFor();
    await expect
      .poll(() =>
        page
          .getByLabel('Your camera', { exact: true })
          .evaluate((video: HTMLVideoElement) => video.videoWidth),
      )
      .toBeGreaterThan(0);
    await page.setViewportSize({ width: 800, height: 600 });
    mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/welcome-800x600.png', fullPage: true });

    await page.keyboard.press('Enter');
    await page.getByText('The check is over').waitFor();
    expect(await start.evaluate((button) => button === document.activeElement)).toBe(true);
    // The instrumentation is there (an array), and the page made no connection with it.
    expect(await page.evaluate(() => (globalThis as { __pcs?: unknown[] }).__pcs)).toEqual([]);
    expect(away).toEqual([]);
  });

  it.each(['light', 'dark'] as const)(
    'passes axe-core in the %s theme, at 1920×1080 too',
    async (theme) => {
      const { page } = await installed(theme);
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: `docs/screenshots/welcome-1920x1080-${theme}.png` });
      expect(await axeViolations(page)).toEqual([]);
    },
  );

  it('starts a call: Start a call opens the call window at its pre-join', async () => {
    const { person, page } = await installed('light');
    const callWindow = person.context.waitForEvent('page', {
      predicate: (candidate) => candidate.url().includes(CALL_PAGE),
    });
    await page.getByRole('button', { name: 'Start a call' }).click();
    await atPrejoin(await callWindow);
  });
});
