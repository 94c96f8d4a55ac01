import { mkdirSync, readFileSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './harness/browser.js';
import { openWidget } from './harness/call-page.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';

const PORT = 8092;

function draw(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Draw"]');
}

/** How many pixels of the board have paint on them. */
async function paintedPixels(page: Page): Promise<number> {
  return draw(page)
    .getByRole('img', { name: 'Shared board' })
    .evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let alpha = 3; alpha < data.length; alpha += 4) if (data[alpha]! > 0) painted++;
      return painted;
    });
}

/**
 * Presses the mouse on the board and drags across it, `top` of the way down (strokes at
 * different heights do not overlap); `whileDown` runs before the release.
 */
async function stroke(page: Page, top = 0.3, whileDown?: () => Promise<void>): Promise<void> {
  const box = (await draw(page).getByRole('img', { name: 'Shared board' }).boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * top);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * (top + 0.2), { steps: 12 });
  await whileDown?.();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * (top + 0.1), { steps: 6 });
  await page.mouse.up();
}

// The Draw widget between real peers: a stroke appears on the other screen while it is being
// drawn, a late joiner gets the board, undo takes back only your own, clear asks first, and
// the board exports as a PNG.
describe('Draw widget', () => {
  let call: TwoPersonCall;
  let ana: Page;
  let bea: Page;

  beforeAll(async () => {
    call = await startTwoPersonCall(PORT);
    ({ ana, bea } = call);
    await openWidget(ana, 'Draw');
    await draw(ana).getByRole('img', { name: 'Shared board' }).waitFor();
    await draw(bea).getByRole('img', { name: 'Shared board' }).waitFor();
  });

  afterAll(() => call.close());

  it("shows Ana's stroke on Bea's board while Ana is still drawing it", async () => {
    expect(await paintedPixels(bea)).toBe(0);
    await draw(ana).getByRole('button', { name: 'Red' }).click();
    await stroke(ana, 0.3, () =>
      eventually('Bea sees paint before Ana lets go', async () => (await paintedPixels(bea)) > 100),
    );
    await eventually('the finished stroke is as big on both boards', async () => {
      const [a, b] = [await paintedPixels(ana), await paintedPixels(bea)];
      return b > 0 && Math.abs(a - b) / a < 0.05;
    });
  });

  it('gives a late joiner the board', async () => {
    mkdirSync('docs/screenshots', { recursive: true });
    await ana.screenshot({
      path: 'docs/screenshots/draw.png',
      clip: { x: 0, y: 0, width: 1180, height: 680 },
    });
    const cal = await call.join('Cal');
    await draw(cal).getByRole('img', { name: 'Shared board' }).waitFor({ timeout: 30_000 });
    await eventually('Cal sees the stroke', async () => (await paintedPixels(cal)) > 100, 30_000);
    await cal.close(); // fewer browsers at work for the tests that follow
  });

  it("undoes only Ana's own stroke", async () => {
    const anaOnly = await paintedPixels(bea);
    await stroke(bea, 0.6);
    await eventually("Ana has Bea's stroke too", async () => (await paintedPixels(ana)) > anaOnly);
    const both = await paintedPixels(ana);
    await draw(ana).getByRole('button', { name: 'Undo' }).click();
    await eventually("Ana's stroke leaves Bea's board, Bea's stays", async () => {
      const left = await paintedPixels(bea);
      return left > 0 && left < both - anaOnly / 2;
    });
  });

  it('clears the board for everyone only after Ana confirms', async () => {
    await draw(ana).getByRole('button', { name: 'Clear', exact: true }).click();
    await draw(ana).getByRole('button', { name: 'Cancel' }).click();
    expect(await paintedPixels(bea)).toBeGreaterThan(0);
    await draw(ana).getByRole('button', { name: 'Clear', exact: true }).click();
    await draw(ana).getByRole('button', { name: 'Clear for everyone' }).click();
    await eventually("Bea's board is empty", async () => (await paintedPixels(bea)) === 0);
    await eventually('Bea is told who cleared it', async () =>
      ((await draw(bea).getByRole('status').textContent()) ?? '').includes('Ana cleared'),
    );
  });

  it('exports the board as a PNG file', async () => {
    await stroke(ana);
    const download = ana.waitForEvent('download');
    await draw(ana).getByRole('button', { name: 'Export PNG' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^board-.*\.png$/);
    const bytes = readFileSync(await file.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
