import { mkdirSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './harness/browser.js';
import { openWidget } from './harness/call-page.js';
import { startTwoPersonCall, type TwoPersonCall } from './harness/two-person-call.js';

const PORT = 8107;

const pong = (page: Page): FrameLocator => page.frameLocator('iframe[title="Ping-pong"]');

/** Where the ball (the only yellow on the table) is drawn, in canvas pixels. */
async function ballOn(page: Page): Promise<{ x: number; y: number } | undefined> {
  return pong(page)
    .getByRole('img', { name: 'Table' })
    .evaluate((canvas: HTMLCanvasElement) => {
      const { data, width } = canvas
        .getContext('2d')!
        .getImageData(0, 0, canvas.width, canvas.height);
      let [sumX, sumY, count] = [0, 0, 0];
      for (let at = 0; at < data.length; at += 4) {
        if (data[at]! > 200 && data[at + 1]! > 180 && data[at + 2]! < 120) {
          sumX += (at / 4) % width;
          sumY += Math.floor(at / 4 / width);
          count++;
        }
      }
      return count === 0 ? undefined : { x: sumX / count, y: sumY / count };
    });
}

// Ping-pong between two real browsers: a game started by one shows on both, with the ball
// moving and the other player's paddle following their mouse.
describe('Ping-pong widget', () => {
  let call: TwoPersonCall;
  let ana: Page;
  let bea: Page;

  beforeAll(async () => {
    call = await startTwoPersonCall(PORT);
    ({ ana, bea } = call);
    await openWidget(ana, 'Ping-pong');
    await pong(bea).getByRole('img', { name: 'Table' }).waitFor();
  });

  afterAll(() => call.close());

  it('plays a game both people see', async () => {
    await eventually(
      'Ana can pick Bea',
      async () => (await pong(ana).getByRole('option', { name: 'Bea' }).count()) === 1,
    );
    await pong(ana).getByRole('button', { name: 'Start a game' }).click();
    await eventually('Bea sees the game and the score', async () =>
      ((await pong(bea).locator('#status').textContent()) ?? '').includes('Ana plays you'),
    );
    expect(await pong(bea).locator('#score').textContent()).toBe('Ana 0 : 0 You');
    await eventually('the ball moves on Bea’s table', async () => {
      const first = await ballOn(bea);
      await bea.waitForTimeout(200);
      const second = await ballOn(bea);
      return first !== undefined && second !== undefined && Math.abs(second.x - first.x) > 5;
    });
    // Ana moves her paddle to the top; Bea sees it there.
    const table = (await pong(ana).getByRole('img', { name: 'Table' }).boundingBox())!;
    await ana.mouse.move(table.x + 40, table.y + table.height * 0.15);
    await ana.mouse.move(table.x + 40, table.y + table.height * 0.12, { steps: 3 });
    await eventually("Ana's paddle is at the top of Bea's table", async () =>
      pong(bea)
        .getByRole('img', { name: 'Table' })
        .evaluate((canvas: HTMLCanvasElement) => {
          const x = Math.round(canvas.width * 0.032);
          const paint = canvas.getContext('2d')!;
          const white = (y: number) => paint.getImageData(x, Math.round(y), 1, 1).data[0]! > 240;
          return white(canvas.height * 0.12) && !white(canvas.height * 0.5);
        }),
    );
    mkdirSync('docs/screenshots', { recursive: true });
    await bea.screenshot({
      path: 'docs/screenshots/pong.png',
      clip: { x: 0, y: 0, width: 1180, height: 680 },
    });
  });

  it('ends the game for everyone when a player leaves the call', async () => {
    const cal = await call.join('Cal');
    let calSees = '';
    await eventually('Cal watches Ana play Bea', async () =>
      (calSees = (await pong(cal).locator('#status').textContent()) ?? '').includes(
        'Ana plays Bea',
      ),
    ).catch((error: Error) => {
      throw new Error(`${error.message}; Cal's Ping-pong says "${calSees}"`);
    });
    await eventually('the ball is on Cal’s table', async () => (await ballOn(cal)) !== undefined);
    await bea.getByRole('button', { name: 'Leave' }).click();
    for (const page of [ana, cal]) {
      await eventually('the game is over', async () =>
        ((await pong(page).locator('#status').textContent()) ?? '').includes('Bea left.'),
      );
      await pong(page).getByRole('button', { name: 'Start a game' }).waitFor();
      await eventually('no ball is drawn', async () => (await ballOn(page)) === undefined);
    }
  });
});
