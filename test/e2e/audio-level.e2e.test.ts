import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tileOf } from './harness/call-page.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';

const PORT = 8094;

/** The highest sound level a tile's meter shows over `ms`, and whether it ever said "speaking". */
async function loudestOver(page: Page, name: string, ms: number) {
  const tile = tileOf(page, name);
  const meter = tile.getByRole('meter', { name: 'Sound level' });
  let loudest = 0;
  let speaking = false;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    loudest = Math.max(loudest, Number(await meter.getAttribute('aria-valuenow')));
    speaking ||= await tile.evaluate((figure) => figure.classList.contains('speaking'));
    await page.waitForTimeout(50);
  }
  return { loudest, speaking };
}

// Chromium's fake microphone beeps once a second: the meters must follow it, and fall silent
// when the person mutes.
describe('sound level on the tiles', () => {
  let call: TwoPersonCall;
  let ana: Page;
  let bea: Page;

  beforeAll(async () => {
    call = await startTwoPersonCall(PORT);
    ({ ana, bea } = call);
  });

  afterAll(() => call.close());

  it("moves with Bea's voice on Ana's screen, and with Ana's own", async () => {
    const bea = await loudestOver(ana, 'Bea', 3000);
    expect(bea.loudest).toBeGreaterThan(10);
    expect(bea.speaking).toBe(true);
    expect((await loudestOver(ana, 'You (Ana)', 3000)).loudest).toBeGreaterThan(10);
  });

  it('stays at zero while Bea is muted', async () => {
    await bea.getByRole('button', { name: 'Mute microphone' }).click();
    await ana.waitForTimeout(1500); // the last beep decays
    const muted = await loudestOver(ana, 'Bea', 3000);
    expect(muted.loudest).toBe(0);
    expect(muted.speaking).toBe(false);
  });
});
