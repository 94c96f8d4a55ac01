import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRoomId } from '../../src/shared/room-id.js';
import { eventually, joinNow, launchPerson, openCall, type Person } from './harness/browser.js';
import { chat, expectChatLine, say } from './harness/chat.js';
import {
  expectState,
  expectVideoPlaying,
  openWidget,
  remoteTiles,
  tileOf,
} from './harness/call-page.js';
import { serverCounts, startServerProcess, type ServerProcess } from '../support/server-process.js';

const PORT = 8095;

function peerIdOfTile(page: Page, name: string): Promise<string | null> {
  return tileOf(page, name).getAttribute('data-peer-id');
}

/** Records, from now on, the fewest and most remote tiles the page ever shows. */
function watchTileCount(page: Page): Promise<void> {
  return page.evaluate(() => {
    const count = () => document.querySelectorAll('figure:not(.self)').length;
    const seen = { min: count(), max: count() };
    (globalThis as { tileCounts?: typeof seen }).tileCounts = seen;
    new MutationObserver(() => {
      seen.min = Math.min(seen.min, count());
      seen.max = Math.max(seen.max, count());
    }).observe(document.body, { childList: true, subtree: true });
  });
}

function tileCounts(page: Page): Promise<{ min: number; max: number }> {
  return page.evaluate(
    () => (globalThis as { tileCounts?: { min: number; max: number } }).tileCounts!,
  );
}

// Media and widget data are peer to peer: the signalling server may crash and come back, and a
// person may reload the call page, without the call noticing more than a banner.
describe('a call that outlives its signalling server', () => {
  let server: ServerProcess;
  const people: Person[] = [];
  let ana: Page;
  let bea: Page;
  const room = newRoomId();

  beforeAll(async () => {
    server = await startServerProcess(PORT);
    people.push(...(await Promise.all([launchPerson(), launchPerson()])));
    ana = await openCall(people[0]!, room, 'Ana', server.url);
    bea = await openCall(people[1]!, room, 'Bea', server.url);
    await expectState(tileOf(ana, 'Bea'), 'connected');
    await expectState(tileOf(bea, 'Ana'), 'connected');
    await openWidget(ana, 'Chat');
    await chat(bea).getByRole('textbox', { name: 'Message' }).waitFor();
  });

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close()));
    await server.kill();
  });

  it('keeps video and chat flowing while the server is down, and both are back as themselves within 5 s of its return', async () => {
    const beaId = await peerIdOfTile(ana, 'Bea');
    const anaId = await peerIdOfTile(bea, 'Ana');
    await watchTileCount(ana);
    await server.kill();
    await ana.getByText('Lost the signalling server').waitFor();
    await bea.getByText('Lost the signalling server').waitFor();

    await expectVideoPlaying(tileOf(ana, 'Bea'));
    await expectVideoPlaying(tileOf(bea, 'Ana'));
    await say(bea, 'The server is down and I am still here');
    await expectChatLine(ana, 'Bea', 'The server is down and I am still here');

    // Each page notes when its banner goes: it has rejoined the room as itself.
    for (const page of [ana, bea])
      await page.locator('#banner').evaluate((banner) => {
        new MutationObserver((_, observer) => {
          if (!(banner as HTMLElement).hidden) return;
          banner.dataset.hiddenAt = String(Date.now());
          observer.disconnect();
        }).observe(banner, { attributes: true, attributeFilter: ['hidden'] });
      });
    server = await startServerProcess(PORT);
    await eventually('both are in the room again', async () => {
      return (await serverCounts(server.url)).peers === 2;
    });
    await ana.getByText('Lost the signalling server').waitFor({ state: 'hidden' });
    await bea.getByText('Lost the signalling server').waitFor({ state: 'hidden' });
    // Timed from the server's own "listening" log line to the later of the two pages' rejoins.
    const rejoined = Math.max(
      ...(await Promise.all(
        [ana, bea].map(async (page) =>
          Number((await page.locator('#banner').getAttribute('data-hidden-at')) ?? NaN),
        ),
      )),
    );
    console.log(`Resume: both back ${rejoined - server.listeningAt} ms after the server listened`);
    expect(
      rejoined - server.listeningAt,
      'ms from the server’s return to both being back',
    ).toBeLessThan(5000);

    expect(await peerIdOfTile(ana, 'Bea')).toBe(beaId);
    expect(await peerIdOfTile(bea, 'Ana')).toBe(anaId);
    expect(await tileCounts(ana)).toEqual({ min: 1, max: 1 });
    expect(await remoteTiles(bea).count()).toBe(1);
    await expectVideoPlaying(tileOf(ana, 'Bea'));
    await say(ana, 'Welcome back, server');
    await expectChatLine(bea, 'Ana', 'Welcome back, server');
  });

  it('replaces Bea’s tile when she reloads her call page, without a second one', async () => {
    const beaId = await peerIdOfTile(ana, 'Bea');
    await watchTileCount(ana);
    await bea.reload({ waitUntil: 'domcontentloaded' });
    // A reload shows the pre-join step again; joining within the grace keeps her place.
    await joinNow(bea);
    await expectState(tileOf(bea, 'Ana'), 'connected');
    await expectState(tileOf(ana, 'Bea'), 'connected');
    await expectVideoPlaying(tileOf(ana, 'Bea'));
    await expectVideoPlaying(tileOf(bea, 'Ana'));
    expect(await peerIdOfTile(ana, 'Bea')).toBe(beaId);
    expect(await tileCounts(ana)).toEqual({ min: 1, max: 1 });
    expect((await serverCounts(server.url)).peers).toBe(2);
  });
});
