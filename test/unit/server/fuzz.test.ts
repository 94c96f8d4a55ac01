import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/server/config.js';
import { createSignallingServer } from '../../../src/server/create-server.js';
import { createServerLogger } from '../../../src/server/logger.js';
import { TestClient } from './test-client.js';

const EVENTS = 100_000;
const CLIENTS = 40;
const ROOMS = 8;

// Deterministic, so a failure can be replayed: mulberry32.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

const media = { audio: true, video: true };
const junk = [
  null,
  42,
  'text',
  [],
  { v: 2 },
  { v: 1, room: '' },
  { v: 1, room: 'x'.repeat(500), name: 'A', media },
  { to: 123, signal: {} },
  { to: 'peer', signal: { type: 'offer', sdp: 5 } },
  { to: 'peer', signal: { type: 'hack', sdp: '' } },
  { media: { audio: 'yes' } },
  { __proto__: { polluted: true }, v: 1 },
  { nested: { deeper: { deepest: Array.from({ length: 50 }, () => ({ a: [1, 2, 3] })) } } },
];

describe('signalling server under fuzz', () => {
  it(`survives ${EVENTS.toLocaleString('en')} malformed, oversized, out-of-order and cross-room events, relays only within rooms, and gives its memory back`, async () => {
    const server = createSignallingServer(
      {
        ...DEFAULT_CONFIG,
        port: 0,
        roomCapacity: 50,
        // The limits have their own tests; here they would only stop the fuzz early.
        connectionsPerIp: 10_000,
        joinsPerMinutePerIp: 100_000,
        messagesPerSecond: 100_000,
        // A dropped connection gives its place up at once, so the end state is checkable now.
        resumeGraceSeconds: 0,
      },
      createServerLogger('silent'),
    );
    const url = `http://127.0.0.1:${(await server.listen()).port}`;
    const baseline = heapAfterGc();
    const next = random(20261124);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, () => new TestClient(url).connected()),
    );
    // Three in four clients join a room and stay; the rest never join, so everything they send
    // is out of order. Membership is then fixed, and a cross-room delivery is unambiguous.
    const roomOf = new Map<string, string>(); // peer id → room
    const roomOfClient = new Map<TestClient, string>();
    for (const [index, client] of clients.entries()) {
      if (index % 4 === 3) continue;
      const room = `fuzz-room-${index % ROOMS}`;
      const reply = (await client.join(room, 'Fuzz')) as { data: { self: { id: string } } };
      roomOf.set(reply.data.self.id, room);
      roomOfClient.set(client, room);
    }
    const peers = [...roomOf.keys()];
    const refusalCodes = new Map<string, number>();
    const crossRoom: string[] = [];
    let delivered = 0;
    for (const client of clients) {
      client.socket.on(
        'signal:received',
        ({ from, signal }: { from: string; signal: { sdp: string } }) => {
          delivered += 1;
          const mine = roomOfClient.get(client);
          // The sender wrote its room into the SDP; the server stamped who it really is.
          if (roomOf.get(from) !== mine || !signal.sdp.endsWith(`room=${mine}`)) {
            crossRoom.push(`${from} (${roomOf.get(from)}) → a client in ${mine}`);
          }
        },
      );
      client.socket.on('request:refused', ({ error }: { error: { code: string } }) =>
        refusalCodes.set(error.code, (refusalCodes.get(error.code) ?? 0) + 1),
      );
    }

    let sent = 0;
    while (sent < EVENTS) {
      // One batch per client at a time keeps the server busy without unbounded client buffers.
      await Promise.all(
        clients.map(async (client) => {
          const room = roomOfClient.get(client) ?? 'none';
          for (let i = 0; i < 50; i++, sent++) {
            const roll = next();
            const socket = client.socket;
            if (roll < 0.01) {
              // A second join (ALREADY_IN_ROOM), or a leave before joining (NOT_IN_ROOM).
              if (roomOfClient.has(client)) await client.join(pick(['a', 'b']), 'Again');
              else socket.emit('room:leave', {});
            } else if (roll < 0.45) {
              // A relay to any peer, in this room or another.
              socket.emit('signal:send', {
                to: pick(peers),
                signal: { type: 'offer', sdp: `v=0 room=${room}` },
              });
            } else if (roll < 0.5) {
              // An SDP over its 48 KiB cap, inside the 64 KiB packet limit.
              socket.emit('signal:send', {
                to: pick(peers),
                signal: { type: 'answer', sdp: 'a'.repeat(50_000) },
              });
            } else if (roll < 0.8) {
              socket.emit(
                pick(['room:join', 'signal:send', 'media:update', 'room:leave']),
                pick(junk),
              );
            } else {
              socket.emit(
                pick(['room:hijack', 'constructor', '__proto__', 'x'.repeat(100)]),
                pick(junk),
              );
            }
          }
          // Wait for the server to catch up before the next batch.
          await client.request('media:update', { media });
        }),
      );
    }

    // A handful of packets over 64 KiB, each closing only its own connection.
    for (let i = 0; i < 5; i++) {
      const flooder = await new TestClient(url).connected();
      const closed = new Promise((resolve) => flooder.socket.once('disconnect', resolve));
      flooder.socket.emit('signal:send', {
        to: 'x',
        signal: { type: 'offer', sdp: 'b'.repeat(70_000) },
      });
      await closed;
      flooder.close();
    }

    // Still serving: a fresh client joins and relays.
    const [ana, bea] = await Promise.all([
      new TestClient(url).connected(),
      new TestClient(url).connected(),
    ]);
    const anaId = ((await ana.join('after-fuzz', 'Ana')) as { data: { self: { id: string } } }).data
      .self.id;
    await bea.join('after-fuzz', 'Bea');
    const relayed = await bea.request('signal:send', {
      to: anaId,
      signal: { type: 'offer', sdp: 'v=0\r\n' },
    });
    expect(relayed).toEqual({ ok: true, data: null });
    const health = (await (await fetch(`${url}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);

    expect(sent).toBeGreaterThanOrEqual(EVENTS);
    expect(crossRoom).toEqual([]);
    expect(delivered).toBeGreaterThan(1_000);
    // Every refusal came with a code from the list, and the malformed ones said so.
    expect(refusalCodes.get('INVALID_MESSAGE')).toBeGreaterThan(10_000);
    expect(refusalCodes.get('UNKNOWN_PEER')).toBeGreaterThan(1_000);
    expect(refusalCodes.get('NOT_IN_ROOM')).toBeGreaterThan(100);
    expect([...refusalCodes.keys()].sort()).toEqual([
      'INVALID_MESSAGE',
      'NOT_IN_ROOM',
      'UNKNOWN_PEER',
    ]);

    // Let go of everything the test's own clients hold, so what is measured is the server.
    for (const client of [...clients, ana, bea]) {
      client.socket.removeAllListeners();
      client.close();
      client.received.length = 0;
    }
    clients.length = 0;
    roomOf.clear();
    roomOfClient.clear();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = heapAfterGc();
    const health2 = (await (await fetch(`${url}/healthz`)).json()) as {
      rooms: number;
      peers: number;
    };
    expect(health2).toMatchObject({ rooms: 0, peers: 0 });
    await server.close();
    // Back near where it started once everyone left (test clients included in this process).
    expect(after - baseline).toBeLessThan(8 * 1024 * 1024);
  }, 180_000);
});
