import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './harness/browser.js';
import { tileOf } from './harness/call-page.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';

const PORT = 8094;

/**
 * The highest sound level a tile's meter shows over `ms`, and whether it ever said "speaking".
 * Watched inside the page, so a short beep is seen however busy the machine is.
 */
async function loudestOver(page: Page, name: string, ms: number) {
  return tileOf(page, name).evaluate(
    (figure, watchMs) =>
      new Promise<{ loudest: number; speaking: boolean }>((resolve) => {
        const meter = figure.querySelector('[role="meter"]')!;
        const seen = { loudest: 0, speaking: false };
        const look = () => {
          seen.loudest = Math.max(seen.loudest, Number(meter.getAttribute('aria-valuenow')));
          seen.speaking ||= figure.classList.contains('speaking');
        };
        look();
        const observer = new MutationObserver(look);
        observer.observe(figure, { attributes: true, subtree: true });
        setTimeout(() => {
          observer.disconnect();
          resolve(seen);
        }, watchMs);
      }),
    ms,
  );
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
    // Beeps already on their way still play: wait for a whole beep period of silence.
    await eventually(
      'the beeps sent before the mute have played',
      async () => (await loudestOver(ana, 'Bea', 1100)).loudest === 0,
    );
    // Three of the fake microphone's beeps would fall in this time.
    const muted = await loudestOver(ana, 'Bea', 3000);
    expect(muted.loudest).toBe(0);
    expect(muted.speaking).toBe(false);
  });
});
