import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer, type SignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { newRoomId } from '../../src/shared/room-id.js';
import { launchPerson, openCall, type Person } from './harness/browser.js';
import {
  expectState,
  expectVideoPlaying,
  tileMoments,
  tileOf,
  watchTile,
} from './harness/call-page.js';
import { localIceUfrags, trackPeerConnections } from './harness/peer-connections.js';

const PORT = 8090;
const SERVER = `http://127.0.0.1:${PORT}`;

// The test runs in its own network namespace (see run.sh), so this firewall only touches it.
// Dropping UDP cuts the peers' media and data (WebRTC) and leaves signalling (TCP) alone.
const cutPeerTraffic = () => {
  execFileSync('nft', ['add', 'table', 'inet', 'tfx_cut']);
  execFileSync('nft', [
    'add',
    'chain',
    'inet',
    'tfx_cut',
    'out',
    '{ type filter hook output priority 0 ; policy accept ; }',
  ]);
  execFileSync('nft', ['add', 'rule', 'inet', 'tfx_cut', 'out', 'meta', 'l4proto', 'udp', 'drop']);
};
const restorePeerTraffic = () => execFileSync('nft', ['delete', 'table', 'inet', 'tfx_cut']);

describe('a call that loses its network path', () => {
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
    for (const person of people) await person.context.addInitScript(trackPeerConnections);
    const room = newRoomId();
    ana = await openCall(people[0]!, room, 'Ana', SERVER);
    bea = await openCall(people[1]!, room, 'Bea', SERVER);
    await expectVideoPlaying(tileOf(ana, 'Bea'));
    await expectVideoPlaying(tileOf(bea, 'Ana'));
  });

  afterAll(async () => {
    // Whatever happened in the test, leave the namespace's UDP open (quietly if it already is).
    try {
      execFileSync('nft', ['delete', 'table', 'inet', 'tfx_cut'], { stdio: 'ignore' });
    } catch {
      // The test restored it already.
    }
    await Promise.all(people.map((person) => person.close()));
    await server.close();
  });

  it('shows "reconnecting", restarts ICE, and is back within 10 s of the network returning', async () => {
    const before = await localIceUfrags(bea);
    cutPeerTraffic();
    await expectState(tileOf(ana, 'Bea'), 'reconnecting', 20_000);
    await expectState(tileOf(bea, 'Ana'), 'reconnecting', 20_000);
    // Long enough for the caller to have tried restarting while the path is still down.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await watchTile(ana, 'Bea');
    await watchTile(bea, 'Ana');
    restorePeerTraffic();
    const restored = Date.now();
    await expectState(tileOf(ana, 'Bea'), 'connected', 60_000);
    await expectState(tileOf(bea, 'Ana'), 'connected', 60_000);
    await expectVideoPlaying(tileOf(ana, 'Bea'), 60_000);
    await expectVideoPlaying(tileOf(bea, 'Ana'), 60_000);
    // Timed in the pages from the moment the path came back: the tile says "connected" and a
    // new frame is on screen.
    for (const [page, name] of [
      [ana, 'Bea'],
      [bea, 'Ana'],
    ] as const) {
      const moments = await tileMoments(page, name);
      const back = Math.max(
        moments.connected[0]!,
        moments.frames.find((at) => at > restored)!,
      );
      console.log(`Network failure: ${name}'s tile back ${back - restored} ms after the path`);
      expect(back - restored, `ms until ${name}'s tile is back`).toBeLessThan(10_000);
    }
    // A restart, not the old path waking up: the ICE credentials are new.
    const after = await localIceUfrags(bea);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
  });
});
