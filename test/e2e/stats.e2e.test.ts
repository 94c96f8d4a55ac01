import { mkdirSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { newRoomId } from '../../src/shared/room-id.js';
import { eventually, launchPerson, openCall, type Person } from './harness/browser.js';
import { expectState, tileOf } from './harness/call-page.js';

const PORT = 8093;
const SERVER = `http://127.0.0.1:${PORT}`;

function stats(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Stats"]');
}

// The Stats widget in a real call: the host samples the peer connection once a second and hands
// the figures to the widget (it declares the `stats` permission), which charts them.
describe('Stats widget', () => {
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

  it("charts Bea's connection on Ana's screen with a non-zero bitrate both ways", async () => {
    await ana.getByRole('button', { name: 'Stats', exact: true }).click();
    const section = stats(ana).getByRole('region', { name: 'Statistics for Bea' });
    await section.waitFor({ timeout: 20_000 });
    let summary = '';
    await eventually('video flows both ways in the figures', async () => {
      summary = (await section.locator('.summary').textContent()) ?? '';
      const rate = (direction: string) =>
        Number(new RegExp(`${direction} (\\d+) kbps`).exec(summary)?.[1] ?? 0);
      return rate('in') > 0 && rate('out') > 0;
    });
    expect(summary).toMatch(/^direct · RTT \d+ ms/);
    expect(summary).toMatch(/\d+×\d+ @ \d+ fps/);
    // The bitrate chart has drawn something: its canvas has painted pixels.
    const painted = await section
      .locator('canvas')
      .nth(1)
      .evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let count = 0;
        for (let alpha = 3; alpha < data.length; alpha += 4) if (data[alpha]! > 0) count++;
        return count;
      });
    expect(painted).toBeGreaterThan(100);
    mkdirSync('docs/screenshots', { recursive: true });
    await ana.waitForTimeout(4000); // a few seconds of history in the screenshot
    await ana.screenshot({
      path: 'docs/screenshots/stats.png',
      clip: { x: 0, y: 0, width: 1180, height: 680 },
    });
  });

  it('gives nothing to a widget without the permission', async () => {
    // The Probe test widget listens for statistics but declares no `stats` permission.
    await ana.getByRole('button', { name: 'Probe', exact: true }).click();
    const probe = ana.frames().find((frame) => frame.url().includes('/probe/'))!;
    await probe.waitForFunction(() => 'probe' in globalThis);
    // The Stats frame is hidden behind the Probe tab now, and keeps running.
    const statsFrame = ana.frames().find((frame) => frame.url().includes('/stats/'))!;
    const summary = () =>
      statsFrame.evaluate(() => document.querySelector('.summary')?.textContent);
    const before = await summary();
    await eventually(
      'the Stats widget keeps getting samples',
      async () => (await summary()) !== before,
    );
    await ana.waitForTimeout(2000);
    const seen = await probe.evaluate(() =>
      (globalThis as unknown as { probe: { statsSamplesSeen(): number } }).probe.statsSamplesSeen(),
    );
    expect(seen).toBe(0);
  });
});
