import { mkdirSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './harness/browser.js';
import { openWidget } from './harness/call-page.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';

const PORT = 8093;

function stats(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Stats"]');
}

// The Stats widget in a real call: the host samples the peer connection once a second and hands
// the figures to the widget (it declares the `stats` permission), which charts them.
describe('Stats widget', () => {
  let call: TwoPersonCall;
  let ana: Page;

  beforeAll(async () => {
    call = await startTwoPersonCall(PORT);
    ({ ana } = call);
  });

  afterAll(() => call.close());

  it("charts Bea's connection on Ana's screen with a non-zero bitrate both ways", async () => {
    await openWidget(ana, 'Stats');
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
    await openWidget(ana, 'Probe');
    // The frame appears a moment after the click: wait for the element, then its document.
    const probeElement = await ana.locator('iframe[title="Probe"]').elementHandle();
    const probe = (await probeElement.contentFrame())!;
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
