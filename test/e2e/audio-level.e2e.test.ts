import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { newRoomId } from '../../src/shared/room-id.js';
import { launchPerson, openCall, type Person } from './harness/browser.js';
import { expectState, tileOf } from './harness/call-page.js';

const PORT = 8094;
const SERVER = `http://127.0.0.1:${PORT}`;

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
