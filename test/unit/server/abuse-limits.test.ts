import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import { AbuseGuard, addressKey } from '../../../src/server/abuse-guard.js';
import { DEFAULT_CONFIG } from '../../../src/server/config.js';
import {
  createSignallingServer,
  type SignallingServer,
} from '../../../src/server/create-server.js';
import { createServerLogger } from '../../../src/server/logger.js';
import { TestClient } from './test-client.js';

let server: SignallingServer;
let url: string;
const clients: TestClient[] = [];

function client(): TestClient {
  const created = new TestClient(url);
  clients.push(created);
  return created;
}

type Reply = { ok: boolean; error?: { code: string; message: string } };

beforeEach(async () => {
  server = createSignallingServer(
    {
      ...DEFAULT_CONFIG,
      port: 0,
      connectionsPerIp: 3,
      joinsPerMinutePerIp: 4,
      messagesPerSecond: 10,
      maxRooms: 2,
    },
    createServerLogger('silent'),
  );
  url = `http://127.0.0.1:${(await server.listen()).port}`;
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
});

describe('abuse limits', () => {
  it('refuses a connection past the per-address limit with TOO_MANY_CONNECTIONS, and admits again after one closes', async () => {
    const open = await Promise.all([client(), client(), client()].map((c) => c.connected()));
    const refused = await client()
      .connected()
      .then(
        () => undefined,
        (error: { data?: { code: string } }) => error.data?.code,
      );
    expect(refused).toBe('TOO_MANY_CONNECTIONS');
    open[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(client().connected()).resolves.toBeInstanceOf(TestClient);
  });

  it('limits joins per minute per address, across reconnects', async () => {
    const codes: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      // A fresh socket each time: reconnecting must not reset the allowance.
      const c = await client().connected();
      const reply = (await c.join(`room-${attempt % 2}`, 'Ana')) as Reply;
      codes.push(reply.ok ? 'ok' : reply.error!.code);
      c.close();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'RATE_LIMITED']);
  });

  it('answers a burst past the message rate with RATE_LIMITED and disconnects a socket that keeps flooding', async () => {
    const c = await client().connected();
    const replies = (await Promise.all(
      Array.from({ length: 30 }, () =>
        c.request('media:update', { media: { audio: true, video: true } }),
      ),
    )) as Reply[];
    const limited = replies.filter((reply) => reply.error?.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.error!.message).toBe('More than 10 events a second; slow down.');
    const gone = new Promise<string>((resolve) => c.socket.once('disconnect', resolve));
    for (let i = 0; i < 60; i++)
      c.socket.emit('media:update', { media: { audio: true, video: true } });
    await expect(gone).resolves.toBe('io server disconnect');
  });

  it('lets a burst of twice the message rate through, then answers RATE_LIMITED', async () => {
    const c = await client().connected();
    const replies = (await Promise.all(
      Array.from({ length: 40 }, () =>
        c.request('media:update', { media: { audio: true, video: true } }),
      ),
    )) as Reply[];
    // Not in a room, so each event that passes the limit is answered NOT_IN_ROOM instead.
    const limited = (reply: Reply) => reply.error?.code === 'RATE_LIMITED';
    const passed = replies.filter((reply) => !limited(reply)).length;
    // 10 a second with a burst of 20; a slow server refills a token every 100 ms meanwhile.
    expect(passed).toBeGreaterThanOrEqual(20);
    expect(passed).toBeLessThan(30);
    expect(replies.slice(0, 20).some(limited)).toBe(false);
  });

  it('logs a few of one address’s refusals, not every one', async () => {
    await server.close();
    const lines: string[] = [];
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: 0 },
      pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) }),
    );
    url = `http://127.0.0.1:${(await server.listen()).port}`;
    const c = await client().connected();
    // 150 malformed events, each refused INVALID_MESSAGE (within the 200 burst).
    await Promise.all(Array.from({ length: 150 }, () => c.request('room:join', { v: 1 })));
    const refusals = lines.filter((line) => line.includes('request refused')).length;
    expect(refusals).toBeGreaterThanOrEqual(20);
    expect(refusals).toBeLessThan(30);
  });

  it('counts WebSockets that never reach socket.io against the address too', async () => {
    // Raw transport connections, as a flood would open them: no socket.io hello.
    const outcomes = await Promise.all(
      Array.from(
        { length: 10 },
        () =>
          new Promise<{ socket: WebSocket; open: boolean }>((resolve) => {
            const socket = new WebSocket(
              `${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`,
            );
            socket.once('open', () => resolve({ socket, open: true }));
            socket.once('error', () => resolve({ socket, open: false }));
          }),
      ),
    );
    const opened = outcomes.filter((outcome) => outcome.open).length;
    for (const { socket } of outcomes) socket.terminate();
    // Three sockets may be open at once, and one more to be told why it is refused.
    expect(opened).toBe(4);
  });

  it('limits new connections a minute per address, even when each one closes at once', async () => {
    // 120 a minute (2 a second refill): never more than one socket open, so only this limit can
    // refuse. Well past the allowance plus what refills meanwhile, one is refused.
    let admitted = 0;
    let refusal: string | undefined;
    while (refusal === undefined && admitted < 200) {
      const c = client();
      refusal = await c.connected().then(
        () => undefined,
        (error: { data?: { code: string } }) => error.data?.code ?? 'no code',
      );
      if (refusal === undefined) admitted += 1;
      c.close();
    }
    expect(refusal).toBe('TOO_MANY_CONNECTIONS');
    expect(admitted).toBeGreaterThanOrEqual(120);
  }, 30_000);

  it('refuses a new room past the per-process limit with SERVER_FULL, while existing rooms still admit', async () => {
    const [a, b, c] = await Promise.all([client(), client(), client()].map((x) => x.connected()));
    expect(((await a!.join('room-a', 'Ana')) as Reply).ok).toBe(true);
    expect(((await b!.join('room-b', 'Bea')) as Reply).ok).toBe(true);
    expect(((await c!.join('room-c', 'Cal')) as Reply).error?.code).toBe('SERVER_FULL');
    expect(((await c!.join('room-a', 'Cal')) as Reply).ok).toBe(true);
  });
});

describe('AbuseGuard', () => {
  it('forgets an address once it is idle, so scanning many addresses cannot grow it', () => {
    let now = 0;
    const guard = new AbuseGuard(undefined, () => now);
    for (let i = 0; i < 1000; i++) {
      expect(guard.admitConnection(`10.0.${i >> 8}.${i & 255}`)).toBeUndefined();
      guard.released(`10.0.${i >> 8}.${i & 255}`);
    }
    expect(guard.prune()).toBe(1000);
    now += 60_000;
    expect(guard.prune()).toBe(0);
  });

  it('groups IPv6 addresses by /64 and reads IPv4-mapped ones as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('127.0.0.1')).toBe('127.0.0.1');
  });
});
