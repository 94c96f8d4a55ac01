import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { newRoomId } from '../../src/shared/room-id.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { launchPerson, openCall, type Person } from './harness/browser.js';
import { expectState, expectVideoPlaying, tileOf } from './harness/call-page.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

// Two server processes on two ports behind one Redis, as an operator scales out: Ana's browser
// talks to one, Bea's to the other, and they are in one call.
describe('a call across two signalling server processes', () => {
  let redis: RedisServer;
  const servers: ServerProcess[] = [];
  const people: Person[] = [];
  let ana: Page;
  let bea: Page;

  beforeAll(async () => {
    redis = await startRedis();
    servers.push(
      ...(await Promise.all([
        startServerProcess(8096, ['--redis-url', redis.url]),
        startServerProcess(8097, ['--redis-url', redis.url]),
      ])),
    );
    people.push(...(await Promise.all([launchPerson(), launchPerson()])));
  });

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close()));
    await Promise.all(servers.map((server) => server.kill()));
    await redis.stop();
  });

  it('connects Ana (on the first) and Bea (on the second), and each sees the other’s video', async () => {
    const room = newRoomId();
    ana = await openCall(people[0]!, room, 'Ana', servers[0]!.url);
    bea = await openCall(people[1]!, room, 'Bea', servers[1]!.url);
    await expectState(tileOf(ana, 'Bea'), 'connected');
    await expectState(tileOf(bea, 'Ana'), 'connected');
    await expectVideoPlaying(tileOf(ana, 'Bea'));
    await expectVideoPlaying(tileOf(bea, 'Ana'));
  });
});
