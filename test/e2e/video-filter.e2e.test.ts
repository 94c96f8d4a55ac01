import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './harness/browser.js';
import { openMenu, tileOf } from './harness/call-page.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';

const PORT = 8104;

/**
 * How colourful the picture in a tile is: the mean spread between a pixel's red, green and
 * blue (0 for a black-and-white picture), and whether red leads blue on average (a warm tint).
 */
async function colourOf(page: Page, name: string) {
  return tileOf(page, name)
    .locator('video')
    .evaluate((video: HTMLVideoElement) => {
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 90;
      const paint = canvas.getContext('2d', { willReadFrequently: true })!;
      paint.drawImage(video, 0, 0, canvas.width, canvas.height);
      const { data } = paint.getImageData(0, 0, canvas.width, canvas.height);
      let spread = 0;
      let redOverBlue = 0;
      for (let at = 0; at < data.length; at += 4) {
        const [r, g, b] = [data[at]!, data[at + 1]!, data[at + 2]!];
        spread += Math.max(r, g, b) - Math.min(r, g, b);
        redOverBlue += r - b;
      }
      const pixels = data.length / 4;
      return { spread: spread / pixels, redOverBlue: redOverBlue / pixels };
    });
}

// Filters on the outgoing video: what Ana picks is what Bea sees, and it switches live.
describe('Video filters', () => {
  let call: TwoPersonCall;
  let ana: Page;
  let bea: Page;

  beforeAll(async () => {
    call = await startTwoPersonCall(PORT);
    ({ ana, bea } = call);
  });

  afterAll(() => call.close());

  it("changes what Bea sees of Ana's camera, live", async () => {
    await eventually('Ana plays at Bea', async () => (await colourOf(bea, 'Ana')).spread > 0);
    const plain = await colourOf(bea, 'Ana');
    await openMenu(ana, 'Camera settings');
    const picker = ana.getByRole('combobox', { name: 'Filter' });
    await picker.selectOption({ label: 'Black and white' });
    await eventually('Bea sees Ana in black and white', async () => {
      const { spread } = await colourOf(bea, 'Ana');
      return spread < plain.spread / 5;
    });
    // Ana's own view shows her what the others see.
    expect((await colourOf(ana, 'You (Ana)')).spread).toBeLessThan(plain.spread / 5);
    await picker.selectOption({ label: 'Sepia' });
    // One warm tint over everything: red above blue, and the camera's own colours gone.
    await eventually('Bea sees Ana in sepia', async () => {
      const colour = await colourOf(bea, 'Ana');
      return colour.redOverBlue > plain.redOverBlue + 10 && colour.spread < plain.spread / 3;
    });
    mkdirSync('docs/screenshots', { recursive: true });
    await bea.screenshot({
      path: 'docs/screenshots/filters.png',
      clip: { x: 0, y: 0, width: 1180, height: 680 },
    });
    await picker.selectOption({ label: 'No filter' });
    await eventually('and back to colour', async () => {
      const { spread } = await colourOf(bea, 'Ana');
      return Math.abs(spread - plain.spread) < plain.spread / 3;
    });
  });
});
