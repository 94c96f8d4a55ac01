import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRoomPeek } from '../../../src/protocol/room-peek.js';
import { DEFAULT_CONFIG, DEFAULT_EXTENSION_ID } from '../../../src/server/config.js';
import {
  createSignallingServer,
  type SignallingServer,
} from '../../../src/server/create-server.js';
import { createServerLogger } from '../../../src/server/logger.js';
import { TestClient } from './test-client.js';

const EXTENSION = `chrome-extension://${DEFAULT_EXTENSION_ID}`;
let server: SignallingServer;
let url: string;
const clients: TestClient[] = [];

async function inRoom(room: string, name: string, extra: Record<string, unknown> = {}) {
  const client = await new TestClient(url).connected();
  clients.push(client);
  expect(await client.join(room, name, extra)).toMatchObject({ ok: true });
  return client;
}

async function peek(room: string, origin = EXTENSION) {
  const response = await fetch(`${url}/rooms/${room}`, { headers: { origin } });
  return {
    status: response.status,
    cors: response.headers.get('access-control-allow-origin'),
    body: response.status === 200 ? parseRoomPeek(await response.json()) : undefined,
  };
}

beforeEach(async () => {
  server = createSignallingServer({ ...DEFAULT_CONFIG, port: 0 }, createServerLogger('silent'));
  url = `http://127.0.0.1:${(await server.listen()).port}`;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.close();
  await server.close();
});

describe('looking into a room before joining', () => {
  it('says an empty room is empty, and joins no one', async () => {
    const seen = await peek('empty-room');
    expect(seen).toMatchObject({ status: 200, cors: EXTENSION });
    expect(seen.body).toEqual({
      ok: true,
      value: { people: 0, names: [], capacity: 6, locked: false, passwordProtected: false },
    });
    const health = (await (await fetch(`${url}/healthz`)).json()) as { rooms: number };
    expect(health.rooms).toBe(0);
  });

  it('names who is in an open room, and says when it is locked', async () => {
    const ana = await inRoom('open-room', 'Ana');
    await inRoom('open-room', 'Bea');
    expect((await peek('open-room')).body).toMatchObject({
      ok: true,
      value: { people: 2, names: ['Ana', 'Bea'], locked: false },
    });
    expect(await ana.request('room:lock', { locked: true })).toMatchObject({ ok: true });
    expect((await peek('open-room')).body).toMatchObject({ ok: true, value: { locked: true } });
  });

  it('reveals no names in a room with a password, only how many', async () => {
    await inRoom('secret-room', 'Ana', { password: 'open sesame' });
    const seen = await peek('secret-room');
    expect(seen.body).toMatchObject({ ok: true, value: { people: 1, passwordProtected: true } });
    expect(seen.body?.ok && seen.body.value).not.toHaveProperty('names');
  });

  it('refuses a page of another site, and a malformed room', async () => {
    expect((await peek('open-room', 'https://attacker.example')).status).toBe(403);
    expect((await peek('no%2Fslashes')).status).toBe(404);
  });

  it('limits how often one address looks, without spending its joins', async () => {
    await server.close();
    server = createSignallingServer(
      { ...DEFAULT_CONFIG, port: 0, joinsPerMinutePerIp: 2 },
      createServerLogger('silent'),
    );
    url = `http://127.0.0.1:${(await server.listen()).port}`;
    expect((await peek('busy-room')).status).toBe(200);
    expect((await peek('busy-room')).status).toBe(200);
    expect((await peek('busy-room')).status).toBe(429);
    await inRoom('busy-room', 'Ana');
    await inRoom('busy-room', 'Bea');
  });
});
