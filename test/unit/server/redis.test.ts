import { scryptSync } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/server/config.js';
import {
  createSignallingServer,
  type SignallingServer,
} from '../../../src/server/create-server.js';
import { createServerLogger } from '../../../src/server/logger.js';
import { newRoomId } from '../../../src/shared/room-id.js';
import { startRedis, type RedisServer } from '../../support/redis-server.js';
import { startServerProcess } from '../../support/server-process.js';
import { TestClient } from './test-client.js';

interface JoinReply {
  ok: boolean;
  data?: { self: { id: string }; peers: { id: string; name: string }[] };
  error?: { code: string };
}

// What RedisRoomStore gives each process's key; the crash test waits for it to run out.
const NODE_KEY_TTL_MS = 15_000;
const CRASHING_SERVER_PORT = 8131;

let redis: RedisServer;
const servers: SignallingServer[] = [];
const clients: TestClient[] = [];

async function startServer(resumeGraceSeconds = 0, maxRooms = 1000): Promise<string> {
  const server = createSignallingServer(
    {
      ...DEFAULT_CONFIG,
      port: 0,
      roomCapacity: 3,
      redisUrl: redis.url,
      resumeGraceSeconds,
      maxRooms,
    },
    createServerLogger('silent'),
  );
  servers.push(server);
  return `http://127.0.0.1:${(await server.listen()).port}`;
}

async function joined(url: string, room: string, name: string) {
  const client = await new TestClient(url).connected();
  clients.push(client);
  const reply = (await client.join(room, name)) as JoinReply;
  return { client, reply };
}

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis.stop();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

// Two server processes' worth of signalling (two servers, two ports) sharing one Redis.
describe('signalling servers sharing rooms through Redis', () => {
  it('puts peers on different servers in one room: presence, relays and leaving cross over', async () => {
    const [one, two] = await Promise.all([startServer(), startServer()]);
    const room = newRoomId();
    const ana = await joined(one, room, 'Ana');
    const bea = await joined(two, room, 'Bea');
    expect(bea.reply.data?.peers.map((peer) => peer.name)).toEqual(['Ana']);
    const announced = (await ana.client.waitFor('peer:joined')) as { peer: { id: string } };
    expect(announced.peer.id).toBe(bea.reply.data?.self.id);

    const offer = { type: 'offer', sdp: 'v=0\r\n' };
    expect(
      await ana.client.request('signal:send', { to: bea.reply.data!.self.id, signal: offer }),
    ).toEqual({ ok: true, data: null });
    expect(await bea.client.waitFor('signal:received')).toEqual({
      from: ana.reply.data!.self.id,
      signal: offer,
    });

    await bea.client.request('room:leave', {});
    expect(await ana.client.waitFor('peer:left')).toEqual({ peerId: bea.reply.data!.self.id });
  });

  it('holds the capacity across servers, and frees a seat for either', async () => {
    const [one, two] = await Promise.all([startServer(), startServer()]);
    const room = newRoomId();
    await joined(one, room, 'Ana');
    const bea = await joined(two, room, 'Bea');
    expect((await joined(one, room, 'Cal')).reply.ok).toBe(true);
    expect((await joined(two, room, 'Dan')).reply.error?.code).toBe('ROOM_FULL');
    expect((await joined(one, room, 'Eve')).reply.error?.code).toBe('ROOM_FULL');
    await bea.client.request('room:leave', {});
    expect((await joined(two, room, 'Dan')).reply.ok).toBe(true);
  });

  it('enforces a password and a lock set through the other server', async () => {
    const [one, two] = await Promise.all([startServer(), startServer()]);
    const room = newRoomId();
    const ana = await new TestClient(one).connected();
    clients.push(ana);
    const withPassword = async (url: string, password?: string) => {
      const client = await new TestClient(url).connected();
      clients.push(client);
      return (await client.request('room:join', {
        v: 1,
        room,
        name: 'Someone',
        media: { audio: true, video: true },
        instance: client.instance,
        ...(password ? { password } : {}),
      })) as JoinReply;
    };
    expect((await withPassword(one, 'open sesame')).ok).toBe(true);
    expect((await withPassword(two)).error?.code).toBe('PASSWORD_REQUIRED');
    expect((await withPassword(two, 'wrong')).error?.code).toBe('WRONG_PASSWORD');
    const bea = await new TestClient(two).connected();
    clients.push(bea);
    await bea.request('room:join', {
      v: 1,
      room,
      name: 'Bea',
      media: { audio: true, video: true },
      instance: bea.instance,
      password: 'open sesame',
    });
    await bea.request('room:lock', { locked: true });
    expect((await withPassword(one, 'open sesame')).error?.code).toBe('ROOM_LOCKED');
  });

  it('counts wrong passwords at a room across servers: guesses spread over both still run out', async () => {
    const [one, two] = await Promise.all([startServer(), startServer()]);
    const room = newRoomId();
    const attempt = async (url: string, password: string) => {
      const client = await new TestClient(url).connected();
      clients.push(client);
      return (await client.request('room:join', {
        v: 1,
        room,
        name: 'Eve',
        media: { audio: true, video: true },
        instance: client.instance,
        password,
      })) as JoinReply;
    };
    expect((await attempt(one, 'open sesame')).ok).toBe(true);
    const codes: (string | undefined)[] = [];
    for (let guess = 0; guess < 10; guess++)
      codes.push((await attempt(guess % 2 === 0 ? one : two, `guess ${guess}`)).error?.code);
    expect(codes).toEqual(Array.from({ length: 10 }, () => 'WRONG_PASSWORD'));
    // Five wrong guesses reached each server, ten the room: both refuse, the right one too.
    expect((await attempt(one, 'open sesame')).error?.code).toBe('RATE_LIMITED');
    expect((await attempt(two, 'open sesame')).error?.code).toBe('RATE_LIMITED');
  });

  it('keeps only a salted scrypt hash of a room password, a different salt for every room', async () => {
    const url = await startServer();
    const rooms = [newRoomId(), newRoomId()];
    for (const room of rooms) {
      const client = await new TestClient(url).connected();
      clients.push(client);
      const reply = (await client.request('room:join', {
        v: 1,
        room,
        name: 'Ana',
        media: { audio: true, video: true },
        instance: client.instance,
        password: 'open sesame',
      })) as JoinReply;
      expect(reply.ok).toBe(true);
    }
    const reader = createClient({ url: redis.url });
    await reader.connect();
    const stored = await Promise.all(rooms.map((room) => reader.hGetAll(`tfx:room:${room}`)));
    // Everything this Redis holds, as text: the password must be in none of it.
    const everything: string[] = [];
    for (const key of await reader.keys('*')) {
      everything.push(key);
      if ((await reader.type(key)) === 'hash')
        everything.push(...Object.values(await reader.hGetAll(key)));
      else everything.push((await reader.get(key)) ?? '');
    }
    await reader.quit();
    for (const fields of stored) {
      expect(fields.salt).toMatch(/^[0-9a-f]{32}$/);
      expect(fields.hash).toBe(
        scryptSync('open sesame', Buffer.from(fields.salt!, 'hex'), 32).toString('hex'),
      );
    }
    expect(stored[0]!.salt).not.toBe(stored[1]!.salt);
    expect(stored[0]!.hash).not.toBe(stored[1]!.hash);
    expect(everything.join('\n')).not.toContain('open sesame');
    expect(everything.join('\n')).toContain(stored[0]!.hash);
  });

  it('sweeps the members of a server that shut down, so their seats are not held forever', async () => {
    // A long grace: the stopped server never gets to give the seats up itself.
    const [one, two] = await Promise.all([startServer(), startServer(600)]);
    const room = newRoomId();
    await joined(two, room, 'Ana');
    await joined(two, room, 'Bea');
    await joined(two, room, 'Cal');
    expect((await joined(one, room, 'Dan')).reply.error?.code).toBe('ROOM_FULL');
    await servers[1]!.close(); // the second server goes away with its three people
    const dan = await joined(one, room, 'Dan');
    expect(dan.reply.ok).toBe(true);
    expect(dan.reply.data?.peers).toEqual([]);
  });

  it('frees the seats of a server that crashed once its key in Redis has expired', async () => {
    const one = await startServer();
    // A real process killed with SIGKILL: it never says goodbye, so only the expiry of the key
    // it kept renewing can free its seats.
    const crashed = await startServerProcess(CRASHING_SERVER_PORT, [
      '--redis-url',
      redis.url,
      '--capacity',
      '3',
      '--resume-grace',
      '600',
    ]);
    const room = newRoomId();
    for (const name of ['Ana', 'Bea', 'Cal']) await joined(crashed.url, room, name);
    await crashed.kill();
    const killedAt = Date.now();
    const first = await joined(one, room, 'Dan');
    expect(first.reply.error?.code).toBe('ROOM_FULL');

    let dan = first.reply;
    while (!dan.ok && Date.now() - killedAt < NODE_KEY_TTL_MS + 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      dan = (await first.client.join(room, 'Dan')) as JoinReply;
    }
    expect(dan.ok).toBe(true);
    expect(dan.data?.peers).toEqual([]);
    // The key outlived the crash by about its time to live, minus what had passed since its
    // last renewal (every 5 s).
    expect(Date.now() - killedAt).toBeGreaterThan(NODE_KEY_TTL_MS - 5_000 - 500);
  }, 30_000);

  it('counts rooms per process: a full process refuses a new room, another still takes it', async () => {
    const [one, two] = await Promise.all([startServer(0, 1), startServer(0, 1)]);
    const [first, second] = [newRoomId(), newRoomId()];
    expect((await joined(one, first, 'Ana')).reply.ok).toBe(true);
    expect((await joined(one, second, 'Bea')).reply.error?.code).toBe('SERVER_FULL');
    expect((await joined(one, first, 'Cal')).reply.ok).toBe(true); // a room it already serves
    expect((await joined(two, second, 'Bea')).reply.ok).toBe(true);
  });
});
