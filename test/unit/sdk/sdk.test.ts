import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CONNECT_MESSAGE, type HostMessage } from '../../../src/protocol/widget.js';
import type * as SdkModule from '../../../src/sdk/index.js';

type Sdk = typeof SdkModule;

/** The host's end of the widget's port: it records what the widget posts and answers by hand. */
class FakePort {
  onmessage: ((event: { data: HostMessage }) => void) | null = null;
  readonly posted: { type: string; id?: number; [key: string]: unknown }[] = [];
  /** Whether the SDK said it took the port (kept apart from the requests it posts). */
  connected = false;
  closed = false;
  postMessage(message: { type: string; id?: number }): void {
    if (message.type === 'widget:connected') this.connected = true;
    else this.posted.push(message);
  }
  close(): void {
    this.closed = true;
  }
  /** The host sends the widget one message. */
  host(message: HostMessage): void {
    this.onmessage?.({ data: message });
  }
}

const ana = { id: 'ana', name: 'Ana' };
const bea = { id: 'bea', name: 'Bea' };
const hello = (version = 1, theme = 'light'): HostMessage =>
  ({ type: 'host:hello', version, self: ana, peers: [bea], visible: true, theme }) as HostMessage;

let frameWindow: EventTarget;
let parentWindow: object;

/** A fresh SDK in a stand-in frame: its own module state, a window, a parent. */
async function loadSdk(): Promise<Sdk> {
  vi.resetModules();
  frameWindow = new EventTarget();
  parentWindow = {};
  vi.stubGlobal('addEventListener', frameWindow.addEventListener.bind(frameWindow));
  vi.stubGlobal('parent', parentWindow);
  return import('../../../src/sdk/index.js');
}

/** The host hands the frame its port, as widget-frame.ts does on load. */
function connect(port: FakePort, source: unknown = parentWindow): void {
  const event = Object.assign(new Event('message'), {
    data: { type: CONNECT_MESSAGE },
    source,
    ports: [port],
  });
  frameWindow.dispatchEvent(event);
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the SDK, on a fake port', () => {
  it('is ready once the host says hello, and knows who it is and who else is there', async () => {
    const tfx = await loadSdk();
    expect(() => tfx.self()).toThrow(expect.objectContaining({ code: 'NOT_CONNECTED' }) as Error);
    const port = new FakePort();
    connect(port);
    // It tells the host at once that the widget started (a page that never does is reported).
    expect(port.connected).toBe(true);
    port.host(hello());
    await tfx.ready();
    expect(tfx.self()).toEqual(ana);
    expect(tfx.peers()).toEqual([bea]);
  });

  it("takes the call's theme from the host and follows its changes", async () => {
    const tfx = await loadSdk();
    const port = new FakePort();
    connect(port);
    port.host(hello(1, 'dark'));
    await tfx.ready();
    expect(tfx.theme()).toBe('dark');
    const seen: string[] = [];
    const stop = tfx.onThemeChanged((theme) => seen.push(theme));
    port.host({ type: 'theme:changed', theme: 'light' });
    port.host({ type: 'theme:changed', theme: 'light' });
    // A value outside the protocol never reaches the widget's styles.
    port.host({ type: 'theme:changed', theme: 'purple' } as unknown as HostMessage);
    expect(tfx.theme()).toBe('light');
    stop();
    port.host({ type: 'theme:changed', theme: 'dark' });
    expect(seen).toEqual(['light']);
    expect(tfx.theme()).toBe('dark');
  });

  it("speaks the reader's language the host names, English when its table lacks it", async () => {
    const table = {
      en: { hello: 'Hello' },
      es: { hello: 'Hola' },
      'pt-BR': { hello: 'Olá' },
    };
    for (const [language, expected] of [
      ['es-MX', 'Hola'],
      ['pt-BR', 'Olá'],
      ['ja', 'Hello'],
      ['constructor', 'Hello'],
    ] as const) {
      const tfx = await loadSdk();
      const port = new FakePort();
      connect(port);
      port.host({ ...hello(), language } as HostMessage);
      await tfx.ready();
      expect(tfx.language()).toBe(language);
      expect(tfx.stringsFor(table).hello).toBe(expected);
    }
  });

  it('takes its port only from the parent window', async () => {
    const tfx = await loadSdk();
    const stranger = new FakePort();
    connect(stranger, {});
    expect(stranger.onmessage).toBeNull();
    const port = new FakePort();
    connect(port);
    port.host(hello());
    await expect(tfx.ready()).resolves.toBeUndefined();
  });

  it('refuses a host of another protocol version, and closes the port', async () => {
    const tfx = await loadSdk();
    const port = new FakePort();
    connect(port);
    port.host(hello(2));
    await expect(tfx.ready()).rejects.toMatchObject({ code: 'INCOMPATIBLE_HOST' });
    expect(port.closed).toBe(true);
  });

  it('stops waiting after 10 s with no host, with a reason', async () => {
    const tfx = await loadSdk();
    const waiting = tfx.ready();
    vi.advanceTimersByTime(tfx.READY_TIMEOUT_MS);
    await expect(waiting).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('sends a message once ready, and settles it with the host’s answer', async () => {
    const tfx = await loadSdk();
    const port = new FakePort();
    connect(port);
    const sending = tfx.sendMessage({ hello: 'there' }, { to: 'bea' });
    port.host(hello());
    await vi.advanceTimersByTimeAsync(0);
    const request = port.posted[0]!;
    expect(request).toMatchObject({
      type: 'message:send',
      to: 'bea',
      payload: { kind: 'json', text: '{"hello":"there"}' },
    });
    port.host({
      type: 'request:done',
      id: request.id!,
      result: { ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } },
    });
    await expect(sending).rejects.toMatchObject({ code: 'RATE_LIMITED', message: 'slow down' });
  });

  it('refuses what is not JSON or too large before the host sees it', async () => {
    const tfx = await loadSdk();
    const port = new FakePort();
    connect(port);
    port.host(hello());
    await expect(tfx.sendMessage(undefined as never)).rejects.toMatchObject({
      code: 'INVALID_MESSAGE',
    });
    await expect(tfx.sendMessage(new Uint8Array(tfx.MAX_MESSAGE_BYTES + 1))).rejects.toMatchObject({
      code: 'MESSAGE_TOO_LARGE',
    });
    expect(port.posted).toEqual([]);
  });

  it('refuses a cycle, a BigInt or nesting no peer could read with INVALID_MESSAGE, not a TypeError', async () => {
    const tfx = await loadSdk();
    const port = new FakePort();
    connect(port);
    port.host(hello());
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 1;
    for (let level = 0; level < 5000; level++) deep = [deep];
    let justDeepEnough: unknown = 1;
    for (let level = 0; level < 64; level++) justDeepEnough = [justDeepEnough];
    for (const [data, reason] of [
      [cyclic, /^The message is not JSON data: .*circular/],
      [{ n: 10n }, /^The message is not JSON data: .*BigInt/],
      [deep, /nested more than 64 levels deep/],
      [[justDeepEnough], /nested more than 64 levels deep/],
    ] as const) {
      const sending = tfx.sendMessage(data as never);
      await expect(sending).rejects.toBeInstanceOf(tfx.TfxError);
      await expect(sending).rejects.toMatchObject({ code: 'INVALID_MESSAGE', message: reason });
    }
    await expect(tfx.storage.set('k', cyclic as never)).rejects.toMatchObject({
      code: 'INVALID_MESSAGE',
      message: expect.stringMatching(/^The value is not JSON data/) as string,
    });
    expect(port.posted).toEqual([]);
    // 64 levels is allowed.
    void tfx.sendMessage(justDeepEnough as never);
    await vi.waitFor(() => expect(port.posted).toHaveLength(1));
  });

  it('tells the widget of each message the host could not hand over, with a running count', async () => {
    const tfx = await loadSdk();
    const port = new FakePort();
    connect(port);
    port.host(hello());
    const heard: unknown[] = [];
    tfx.onRejected((rejection) => heard.push(rejection));
    const received: unknown[] = [];
    tfx.onMessage((data) => received.push(data));
    for (const reason of ['INVALID_MESSAGE: a', 'INVALID_MESSAGE: b'])
      port.host({ type: 'message:rejected', from: bea, reason });
    expect(heard).toEqual([
      { from: bea, reason: 'INVALID_MESSAGE: a', total: 1 },
      { from: bea, reason: 'INVALID_MESSAGE: b', total: 2 },
    ]);
    expect(received).toEqual([]);
  });

  it('hands a handler with a schema only what the schema accepts, and counts the rest', async () => {
    const tfx = await loadSdk();
    const port = new FakePort();
    connect(port);
    port.host(hello());
    const vote = z.object({ type: z.literal('poll:vote'), option: z.number().int().min(0) });
    const votes: number[] = [];
    tfx.onMessage(vote, (data, from) => votes.push(data.option + (from === bea ? 0 : 100)));
    const rejected: string[] = [];
    tfx.onRejected(({ reason, total }) => rejected.push(`${total} ${reason}`));
    for (const value of [
      { type: 'poll:vote', option: 2 },
      { type: 'poll:vote', option: 'two' },
      'hello',
      { type: 'poll:vote', option: 0 },
    ])
      port.host({ type: 'message:received', from: bea, payload: { kind: 'json', value } });
    expect(votes).toEqual([2, 0]);
    expect(rejected).toEqual([
      '1 INVALID_MESSAGE: option: Invalid input: expected number, received string',
      '2 INVALID_MESSAGE: Invalid input: expected object, received string',
    ]);
  });

  it('keeps the order of messages when the schema answers asynchronously', async () => {
    const tfx = await loadSdk();
    const port = new FakePort();
    connect(port);
    port.host(hello());
    vi.useRealTimers();
    // A hand-made Standard Schema whose answer for odd numbers takes longer.
    const slowOdd = {
      '~standard': {
        version: 1 as const,
        vendor: 'test',
        validate: (value: unknown) =>
          typeof value !== 'number'
            ? { issues: [{ message: 'not a number' }] }
            : new Promise<{ value: number }>((resolve) =>
                setTimeout(() => resolve({ value }), value % 2 ? 20 : 0),
              ),
      },
    };
    const seen: number[] = [];
    tfx.onMessage(slowOdd, (data) => seen.push(data));
    for (const value of [1, 2, 'x', 3, 4])
      port.host({ type: 'message:received', from: bea, payload: { kind: 'json', value } });
    await vi.waitFor(() => expect(seen).toEqual([1, 2, 3, 4]));
  });

  it('keeps messages that arrive before onMessage, and hands them over in order', async () => {
    const tfx = await loadSdk();
    const port = new FakePort();
    connect(port);
    port.host(hello());
    for (const value of [1, 2, 3])
      port.host({ type: 'message:received', from: bea, payload: { kind: 'json', value } });
    const received: unknown[] = [];
    tfx.onMessage((data, from) => received.push([data, from.id]));
    expect(received).toEqual([
      [1, 'bea'],
      [2, 'bea'],
      [3, 'bea'],
    ]);
  });

  it('tells of peers joining and leaving, and a throwing handler does not stop the others', async () => {
    const tfx = await loadSdk();
    const port = new FakePort();
    connect(port);
    port.host(hello());
    const seen: string[] = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    tfx.onPeerJoined(() => {
      throw new Error('widget bug');
    });
    tfx.onPeerJoined((peer) => seen.push(`+${peer.id}`));
    tfx.onPeerLeft((peer) => seen.push(`-${peer.id}`));
    const cai = { id: 'cai', name: 'Cai' };
    const here = (peer: typeof cai, hasWidget = true) => ({ ...peer, hasWidget });
    port.host({ type: 'peers:changed', peers: [here(bea), here(cai, false)], joined: cai });
    // Cai started this widget: the list changes, and nobody joined or left.
    port.host({ type: 'peers:changed', peers: [here(bea), here(cai)] });
    port.host({ type: 'peers:changed', peers: [here(cai)], left: bea });
    expect(seen).toEqual(['+cai', '-bea']);
    expect(tfx.peers()).toEqual([here(cai)]);
    quiet.mockRestore();
  });
});
