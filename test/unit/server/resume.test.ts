import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/server/config.js';
import {
  createSignallingServer,
  type SignallingServer,
} from '../../../src/server/create-server.js';
import { createServerLogger } from '../../../src/server/logger.js';
import { TestClient } from './test-client.js';

interface JoinReply {
  ok: boolean;
  data?: { self: { id: string; instance: string }; resume: string; peers: { id: string }[] };
  error?: { code: string };
}

let server: SignallingServer;
let port = 0;
const clients: TestClient[] = [];

async function startServer(): Promise<void> {
  server = createSignallingServer(
    { ...DEFAULT_CONFIG, port, roomCapacity: 2, resumeGraceSeconds: 0.5 },
    createServerLogger('silent'),
  );
  port = (await server.listen()).port;
}

async function client(): Promise<TestClient> {
  const created = new TestClient(`http://127.0.0.1:${port}`);
  clients.push(created);
  return created.connected();
}

async function join(c: TestClient, room: string, resume?: string): Promise<JoinReply> {
  return (await c.join(room, 'Someone', resume ? { resume } : {})) as JoinReply;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  port = 0;
  await startServer();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
});

describe('coming back as the same peer', () => {
  it('keeps a dropped peer’s place for the grace period, and its token brings it back as itself', async () => {
    const ana = await client();
    const bea = await client();
    await join(ana, 'r1');
    const first = await join(bea, 'r1');
    bea.close();
    await sleep(200);
    const again = await client();
    const back = await join(again, 'r1', first.data!.resume);
    expect(back.data?.self.id).toBe(first.data?.self.id);
    expect(back.data?.resume).toBe(first.data?.resume);
    await sleep(600); // past the grace: the old connection's timer must not remove the new one
    expect(ana.eventsNamed('peer:left')).toEqual([]);
    // Still two people: a third is refused by the room of two.
    expect((await join(await client(), 'r1')).error?.code).toBe('ROOM_FULL');
  });

  it('gives the place up when the peer does not come back in time', async () => {
    const ana = await client();
    const bea = await client();
    await join(ana, 'r1');
    const { data } = await join(bea, 'r1');
    bea.close();
    expect(await ana.waitFor('peer:left')).toEqual({ peerId: data!.self.id });
  });

  it('keeps a closing page’s place when it says it may return, and not when it leaves', async () => {
    const ana = await client();
    const bea = await client();
    const cal = await client();
    await join(ana, 'r1');
    const { data } = await join(bea, 'r1');
    await bea.request('room:leave', { mayReturn: true });
    await sleep(100);
    expect(ana.eventsNamed('peer:left')).toEqual([]);
    expect(await ana.waitFor('peer:left')).toEqual({ peerId: data!.self.id });
    const calId = (await join(cal, 'r1')).data!.self.id;
    await cal.request('room:leave', {});
    await sleep(100); // well inside the 0.5 s grace: the Leave button is not a dropped connection
    expect(ana.eventsNamed('peer:left')).toEqual([{ peerId: data!.self.id }, { peerId: calId }]);
  });

  it('hands the identity to the newer connection and tells the older one it was replaced', async () => {
    const ana = await client();
    const tab1 = await client();
    await join(ana, 'r1');
    const first = await join(tab1, 'r1');
    const tab2 = await client();
    const second = await join(tab2, 'r1', first.data!.resume);
    expect(second.data?.self.id).toBe(first.data?.self.id);
    expect(second.data?.peers.map((peer) => peer.id)).toHaveLength(1);
    await tab1.waitFor('session:replaced');
    // The old connection no longer speaks for the peer: its leave changes nothing.
    expect(await tab1.request('room:leave', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_ROOM' },
    });
    await sleep(100);
    expect(ana.eventsNamed('peer:left')).toEqual([]);
    const rejoined = (await ana.waitFor('peer:joined')) as { peer: { instance: string } };
    expect(rejoined.peer.instance).toBe(tab1.instance);
    await ana.waitFor(
      'peer:joined',
      (joined) => (joined as { peer: { instance: string } }).peer.instance === tab2.instance,
    );
  });

  it('gives a token the same id from a restarted server, and another token another id', async () => {
    const ana = await client();
    const first = await join(ana, 'r1');
    await server.close();
    await startServer(); // same port, no memory of anyone
    const back = await join(await client(), 'r1', first.data!.resume);
    expect(back.data?.self.id).toBe(first.data?.self.id);
    const stranger = await join(await client(), 'r1', 'x'.repeat(43));
    expect(stranger.data?.self.id).not.toBe(first.data?.self.id);
  });
});
