import { readFileSync } from 'node:fs';
import { parseExternalMessage } from '../../../src/protocol/extension-messages.js';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSION_ID } from '../../../src/server/config.js';
import { DEFAULT_CONFIG } from '../../../src/server/config.js';
import {
  createSignallingServer,
  type SignallingServer,
} from '../../../src/server/create-server.js';
import { createServerLogger } from '../../../src/server/logger.js';
import { TestClient } from './test-client.js';

interface JoinReply {
  ok: boolean;
  data?: { self: { id: string }; peers: { id: string; name: string }[]; capacity: number };
  error?: { code: string; message: string };
}

let server: SignallingServer;
let url: string;
const clients: TestClient[] = [];

async function client(): Promise<TestClient> {
  const created = new TestClient(url);
  clients.push(created);
  return created.connected();
}

async function joined(room: string, name: string): Promise<{ client: TestClient; id: string }> {
  const c = await client();
  const reply = (await c.join(room, name)) as JoinReply;
  if (!reply.ok || !reply.data) throw new Error(`join failed: ${JSON.stringify(reply)}`);
  return { client: c, id: reply.data.self.id };
}

const offer = { type: 'offer', sdp: 'v=0\r\n' };

beforeEach(async () => {
  server = createSignallingServer(
    // A short grace so "dropped, then gone" fits in a test; resume tests below rely on it too.
    {
      ...DEFAULT_CONFIG,
      port: 0,
      roomCapacity: 3,
      resumeGraceSeconds: 0.3,
      privacyPolicy: 'docs/privacy.md',
    },
    createServerLogger('silent'),
  );
  const address = await server.listen();
  url = `http://127.0.0.1:${address.port}`;
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
});

describe('signalling server', () => {
  it('gives the joiner its peer id and the current participants, and tells the others', async () => {
    const ana = await joined('room1', 'Ana');
    const bea = await client();
    const reply = (await bea.join('room1', '  Bea ')) as JoinReply;
    expect(reply.ok).toBe(true);
    expect(reply.data?.peers).toEqual([
      {
        id: ana.id,
        instance: ana.client.instance,
        name: 'Ana',
        media: { audio: true, video: true },
      },
    ]);
    expect(reply.data?.capacity).toBe(3);
    const announced = (await ana.client.waitFor('peer:joined')) as {
      peer: { id: string; name: string };
    };
    expect(announced.peer).toMatchObject({ id: reply.data?.self.id, name: 'Bea' });
  });

  it('relays an offer only to its target in the same room, stamped with the real sender', async () => {
    const ana = await joined('room1', 'Ana');
    const bea = await joined('room1', 'Bea');
    const cyd = await joined('room1', 'Cyd');
    expect(await ana.client.request('signal:send', { to: bea.id, signal: offer })).toEqual({
      ok: true,
      data: null,
    });
    expect(await bea.client.waitFor('signal:received')).toEqual({ from: ana.id, signal: offer });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cyd.client.eventsNamed('signal:received')).toEqual([]);
  });

  it('refuses to relay to a peer in another room with UNKNOWN_PEER', async () => {
    const ana = await joined('room1', 'Ana');
    const eve = await joined('room2', 'Eve');
    const reply = (await eve.client.request('signal:send', {
      to: ana.id,
      signal: offer,
    })) as JoinReply;
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PEER' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ana.client.eventsNamed('signal:received')).toEqual([]);
  });

  it('refuses relays and updates from a socket that has not joined with NOT_IN_ROOM', async () => {
    const ana = await joined('room1', 'Ana');
    const stranger = await client();
    expect(await stranger.request('signal:send', { to: ana.id, signal: offer })).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_ROOM' },
    });
    expect(
      await stranger.request('media:update', { media: { audio: false, video: false } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_ROOM' },
    });
  });

  it('refuses malformed and unknown events with INVALID_MESSAGE and a reason, and keeps serving', async () => {
    const c = await client();
    expect(
      await c.request('room:join', {
        v: 1,
        room: 'bad room!',
        name: 'Ana',
        media: { audio: true, video: true },
        instance: c.instance,
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_MESSAGE',
        message: expect.stringContaining('room id must be') as unknown,
      },
    });
    expect(await c.request('room:nuke', { all: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_MESSAGE', message: 'unknown event "room:nuke"' },
    });
    expect(await c.request('signal:send', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_MESSAGE' },
    });
    expect(((await c.join('room1', 'Ana')) as JoinReply).ok).toBe(true);
  });

  it('answers a refused event sent without an acknowledgement with request:refused', async () => {
    const c = await client();
    c.socket.emit('signal:send', { to: 'nobody', signal: offer });
    expect(await c.waitFor('request:refused')).toMatchObject({
      event: 'signal:send',
      error: { code: 'NOT_IN_ROOM' },
    });
  });

  it('admits only one of two joins sent in one go, and leaves no ghost behind after a disconnect', async () => {
    const c = await client();
    const payload = (room: string) => ({
      v: 1,
      room,
      name: 'Eve',
      media: { audio: true, video: true },
      instance: c.instance,
    });
    // Both events leave in the same tick, so the server reads them back to back.
    const replies = (await Promise.all([
      c.socket.timeout(2000).emitWithAck('room:join', payload('ghost-a')),
      c.socket.timeout(2000).emitWithAck('room:join', payload('ghost-b')),
    ])) as JoinReply[];
    expect(replies.map((reply) => reply.ok).sort()).toEqual([false, true]);
    expect(replies.find((reply) => !reply.ok)?.error?.code).toBe('ALREADY_IN_ROOM');
    c.close();
    // Eve's one real seat goes once her resume grace (0.3 s here) is over; no other stays.
    const other = await client();
    for (const room of ['ghost-a', 'ghost-b']) {
      let peers: { name: string }[] | undefined;
      for (let attempt = 0; attempt < 30 && peers?.length !== 0; attempt++) {
        peers = ((await other.join(room, 'Ana')) as JoinReply).data?.peers;
        await other.request('room:leave', {});
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(peers, `who is left in ${room}`).toEqual([]);
    }
  });

  it('lets only the extension’s own pages connect from a browser, never a page of another site', async () => {
    /** Connects as a browser page of `origin` would; resolves with whether it got in. */
    const connectsFrom = (origin: string) =>
      new Promise<boolean>((resolve) => {
        const socket = io(url, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: { Origin: origin },
        });
        socket.once('connect', () => {
          socket.close();
          resolve(true);
        });
        socket.once('connect_error', () => {
          socket.close();
          resolve(false);
        });
      });
    expect(await connectsFrom(`chrome-extension://${DEFAULT_EXTENSION_ID}`)).toBe(true);
    expect(await connectsFrom('https://evil.example')).toBe(false);
    expect(await connectsFrom(`chrome-extension://${'b'.repeat(32)}`)).toBe(false);
    // No CORS grant for another site either: its scripts cannot read the server's answers.
    const answer = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(answer.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    expect(answer.ok).toBe(false); // WebSocket only: no long-polling to hold connections open
  });

  it('refuses a second join on the same connection with ALREADY_IN_ROOM', async () => {
    const ana = await joined('room1', 'Ana');
    expect(await ana.client.join('room2', 'Ana')).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_IN_ROOM' },
    });
  });

  it('refuses a join past the room capacity with ROOM_FULL, and admits again after someone leaves', async () => {
    await joined('room1', 'A');
    const b = await joined('room1', 'B');
    await joined('room1', 'C');
    const late = await client();
    expect(await late.join('room1', 'D')).toMatchObject({
      ok: false,
      error: { code: 'ROOM_FULL', message: 'This room is full (3 people).' },
    });
    expect(await b.client.request('room:leave', {})).toEqual({ ok: true, data: null });
    expect(((await late.join('room1', 'D')) as JoinReply).ok).toBe(true);
  });

  it('tells the room when a peer disconnects and frees its place', async () => {
    const ana = await joined('room1', 'Ana');
    const bea = await joined('room1', 'Bea');
    bea.client.close();
    expect(await ana.client.waitFor('peer:left')).toEqual({ peerId: bea.id });
    const health = (await (await fetch(`${url}/healthz`)).json()) as unknown;
    expect(health).toEqual({ ok: true, rooms: 1, peers: 1 });
  });

  it('broadcasts a media update to the rest of the room with the sender stamped', async () => {
    const ana = await joined('room1', 'Ana');
    const bea = await joined('room1', 'Bea');
    await ana.client.request('media:update', { media: { audio: false, video: true } });
    expect(await bea.client.waitFor('peer:updated')).toEqual({
      peer: {
        id: ana.id,
        instance: ana.client.instance,
        name: 'Ana',
        media: { audio: false, video: true },
      },
    });
    expect(ana.client.eventsNamed('peer:updated')).toEqual([]);
  });

  it('serves the invite landing page for a valid room and 404 for a malformed one', async () => {
    const page = await fetch(`${url}/r/team-42`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    // The message the page hands the extension, made by the wire's own builder and parser-valid.
    const invite = /data-invite="([^"]*)"/.exec(html)?.[1]?.replaceAll('&#34;', '"');
    expect(parseExternalMessage(JSON.parse(invite ?? 'null'))).toEqual({
      ok: true,
      value: { type: 'invite:open', v: 1, room: 'team-42' },
    });
    expect(html).toContain(`data-extension-id="${DEFAULT_CONFIG.extensionId}"`);
    expect((await fetch(`${url}/r/%3Cscript%3E`)).status).toBe(404);
    expect((await fetch(`${url}/nope`)).status).toBe(404);
  });

  it('publishes the privacy policy at /privacy, as the store listing and welcome page link it', async () => {
    const policy = await fetch(`${url}/privacy`);
    expect(policy.status).toBe(200);
    expect(policy.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await policy.text()).toBe(readFileSync('docs/privacy.md', 'utf8'));
  });

  it("words the invite page in the reader's language, English when it has not theirs", async () => {
    const inSpanish = await fetch(`${url}/r/team-42`, {
      headers: { 'accept-language': 'ja;q=1, es-MX;q=0.8, en;q=0.5' },
    });
    expect(inSpanish.headers.get('vary')).toBe('Accept-Language');
    const html = await inSpanish.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Te han invitado a una llamada de TFX Sessions');
    expect(html).toContain('Sala <code id="room">team-42</code>. Tu cámara');
    // What its script says later comes in Spanish too, errors worded from their codes.
    const text = JSON.parse(
      (/data-text="([^"]*)"/.exec(html)?.[1] ?? '')
        .replaceAll('&#34;', '"')
        .replaceAll('&#39;', "'"),
    ) as { notInstalled: string; errors: Record<string, string> };
    expect(text.notInstalled).toBe('TFX Sessions no está instalado en este navegador.');
    expect(text.errors.UNKNOWN_SERVER).toMatch(/^TFX Sessions no está configurado/);

    const inJapanese = await (
      await fetch(`${url}/r/team-42`, { headers: { 'accept-language': 'ja' } })
    ).text();
    expect(inJapanese).toContain('<html lang="en">');
    expect(inJapanese).toContain('You&#39;re invited to a TFX Sessions call');
  });
});

describe('room password and lock', () => {
  const withPassword = (c: TestClient, room: string, name: string, password?: string) =>
    c.request('room:join', {
      v: 1,
      room,
      name,
      media: { audio: true, video: true },
      instance: c.instance,
      ...(password === undefined ? {} : { password }),
    }) as Promise<JoinReply & { data?: { room: { locked: boolean; passwordProtected: boolean } } }>;

  it('lets the first person set a password that everyone after must give', async () => {
    const first = await withPassword(await client(), 'secret-room', 'Ana', 'open sesame');
    expect(first.data?.room).toEqual({ locked: false, passwordProtected: true });
    expect((await withPassword(await client(), 'secret-room', 'Bea')).error?.code).toBe(
      'PASSWORD_REQUIRED',
    );
    expect(
      (await withPassword(await client(), 'secret-room', 'Bea', 'open says me')).error?.code,
    ).toBe('WRONG_PASSWORD');
    const right = await withPassword(await client(), 'secret-room', 'Bea', 'open sesame');
    expect(right.ok).toBe(true);
    expect(right.data?.peers.map((peer) => peer.name)).toEqual(['Ana']);
  });

  it('stops taking guesses at a room’s password after 10 wrong ones, from any number of sockets', async () => {
    await withPassword(await client(), 'guessed-room', 'Ana', 'open sesame');
    const codes: (string | undefined)[] = [];
    for (let guess = 0; guess < 10; guess++)
      codes.push(
        (await withPassword(await client(), 'guessed-room', 'Eve', `guess ${guess}`)).error?.code,
      );
    expect(codes).toEqual(Array.from({ length: 10 }, () => 'WRONG_PASSWORD'));
    // Even the right one now: a guesser must not learn which attempt would have worked.
    const locked = await withPassword(await client(), 'guessed-room', 'Eve', 'open sesame');
    expect(locked.error).toEqual({
      code: 'RATE_LIMITED',
      message:
        'Too many wrong passwords for this room in the last minute; wait a minute and try again.',
    });
    // Other rooms are not affected.
    expect((await withPassword(await client(), 'other-room', 'Bea', 'hello')).ok).toBe(true);
  });

  it('forgets the password and the lock when the last person leaves', async () => {
    const ana = await client();
    await withPassword(ana, 'short-lived', 'Ana', 'first password');
    await ana.request('room:leave', {});
    const next = await withPassword(await client(), 'short-lived', 'Bea', 'second password');
    expect(next.ok).toBe(true);
    expect(
      (await withPassword(await client(), 'short-lived', 'Cal', 'first password')).error?.code,
    ).toBe('WRONG_PASSWORD');
  });

  it('lets anyone in the room lock it, tells everyone, and refuses joiners until unlocked', async () => {
    const ana = await joined('locked-room', 'Ana');
    const bea = await joined('locked-room', 'Bea');
    expect(await ana.client.request('room:lock', { locked: true })).toEqual({
      ok: true,
      data: null,
    });
    expect(await bea.client.waitFor('room:updated')).toEqual({
      room: { locked: true, passwordProtected: false },
    });
    expect(((await (await client()).join('locked-room', 'Cal')) as JoinReply).error?.code).toBe(
      'ROOM_LOCKED',
    );
    await bea.client.request('room:lock', { locked: false });
    expect(((await (await client()).join('locked-room', 'Cal')) as JoinReply).ok).toBe(true);
    const outsider = await client();
    expect(((await outsider.request('room:lock', { locked: true })) as JoinReply).error?.code).toBe(
      'NOT_IN_ROOM',
    );
  });
});

describe('signalling server metrics', () => {
  const TOKEN = 'a-metrics-token-for-tests';

  it('serves no /metrics unless a token is configured, and only with that token', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    await server.close();
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: 0, metricsToken: TOKEN },
      createServerLogger('silent'),
    );
    url = `http://127.0.0.1:${(await server.listen()).port}`;
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const wrong = { authorization: 'Bearer not-the-token' };
    expect((await fetch(`${url}/metrics`, { headers: wrong })).status).toBe(401);
    const right = { authorization: `Bearer ${TOKEN}` };
    expect((await fetch(`${url}/metrics`, { headers: right })).status).toBe(200);
  });

  it('exposes rooms, peers, relays and refusals by code in Prometheus format', async () => {
    await server.close();
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: 0, roomCapacity: 3, metricsToken: TOKEN },
      createServerLogger('silent'),
    );
    url = `http://127.0.0.1:${(await server.listen()).port}`;
    const ana = await joined('room1', 'Ana');
    const bea = await joined('room1', 'Bea');
    await ana.client.request('signal:send', { to: bea.id, signal: offer });
    await ana.client.request('signal:send', { to: 'nobody-here', signal: offer });
    await (await client()).request('room:join', { v: 1, room: '' });
    const response = await fetch(`${url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^tfx_rooms 1$/m);
    expect(text).toMatch(/^tfx_peers 2$/m);
    expect(text).toMatch(/^tfx_joins_total 2$/m);
    expect(text).toMatch(/^tfx_relays_total 1$/m);
    expect(text).toMatch(/^tfx_refusals_total\{code="UNKNOWN_PEER"\} 1$/m);
    expect(text).toMatch(/^tfx_refusals_total\{code="INVALID_MESSAGE"\} 1$/m);
    expect(text).toMatch(/^tfx_process_resident_memory_bytes \d+/m);
  });
});

describe('signalling server with TURN configured', () => {
  it('hands each joiner its own short-lived TURN credentials', async () => {
    await server.close();
    server = createSignallingServer(
      {
        ...DEFAULT_CONFIG,
        port: 0,
        turnUrls: ['turn:127.0.0.1:3478'],
        turnSecret: 'tfx-test-shared-secret',
        turnTtlSeconds: 600,
      },
      createServerLogger('silent'),
    );
    url = `http://127.0.0.1:${(await server.listen()).port}`;
    const before = Math.floor(Date.now() / 1000);
    const reply = (await (await client()).join('room1', 'Ana')) as JoinReply & {
      data: { iceServers: { urls: string[]; username: string; credential: string }[] };
    };
    const [turn] = reply.data.iceServers;
    expect(turn?.urls).toEqual(['turn:127.0.0.1:3478']);
    const [expiry, peer] = turn!.username.split(':');
    expect(peer).toBe(reply.data.self.id);
    expect(Number(expiry) - before).toBeGreaterThanOrEqual(600);
    expect(Number(expiry) - before).toBeLessThanOrEqual(601);
    expect(turn?.credential).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });
});

describe('signalling server limits', () => {
  it('drops a connection that sends a packet over 64 KiB and keeps serving the others', async () => {
    const ana = await joined('room1', 'Ana');
    const flooder = await joined('room1', 'Eve');
    const gone = new Promise((resolve) => flooder.client.socket.once('disconnect', resolve));
    flooder.client.socket.emit('signal:send', {
      to: ana.id,
      signal: { type: 'offer', sdp: 'x'.repeat(100_000) },
    });
    await gone;
    expect(await ana.client.waitFor('peer:left')).toEqual({ peerId: flooder.id });
    expect(ana.client.eventsNamed('signal:received')).toEqual([]);
    const bea = await joined('room1', 'Bea');
    await ana.client.waitFor(
      'peer:joined',
      (payload) => (payload as { peer: { id: string } }).peer.id === bea.id,
    );
  });
});

describe('signalling server HTTP input', () => {
  it('answers a malformed invite path with 404 and keeps running', async () => {
    const response = await fetch(`${url}/r/%E0%A4%A`);
    expect(response.status).toBe(404);
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ ok: true });
  });
});
