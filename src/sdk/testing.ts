/**
 * A test host for widgets (`@tfx/sdk/testing`): runs a widget's logic for several simulated
 * people in Node (vitest), with no browser. Each person gets their own copy of the SDK, as each
 * widget frame has, connected to a host that speaks the real widget wire: the same request
 * checks, the same in-memory room as the playground (delay, loss, ordered delivery), the same
 * per-person storage, which survives a reload.
 *
 * Write the widget's logic as a function of the SDK (`(tfx) => …`) and hand it `person.tfx`.
 */
import { PEER_LIMITS } from '../protocol/peer.js';
import { WIDGET_PROTOCOL_VERSION, CONNECT_MESSAGE, type HostMessage } from '../protocol/widget.js';
import { parseWidgetRequest } from '../protocol/widget-schema.js';
import { AppError, errors } from '../shared/app-error.js';
import {
  MemoryRoom,
  type LinkConditions,
  type MemoryPeerNetwork,
} from '../widget-host/memory-room.js';
import { RoomWidgetStorage, memoryArea } from '../widget-host/room-widget-storage.js';
import { readJson } from '../widget-host/running-widget.js';
import { memorySpoolStore } from '../widget-host/spool/memory-spool-store.js';
import { WidgetSpools, answerSpoolRequest } from '../widget-host/spool/widget-spools.js';
import type { BuiltInAi } from '../widget-host/translation/built-in-ai.js';
import { OnDeviceTranslation } from '../widget-host/translation/on-device-translation.js';
import type * as Sdk from './index.js';

export type Tfx = typeof Sdk;

export interface TestPerson {
  readonly id: string;
  readonly name: string;
  /** This person's SDK: hand it to the widget's logic. */
  readonly tfx: Tfx;
  /** Reloads this person's widget: a fresh SDK, the same id and storage. */
  reload(): Promise<TestPerson>;
  leave(): void;
}

export interface TestRoom {
  /** Someone opens the widget in the call; resolves once their SDK is ready. */
  join(name: string): Promise<TestPerson>;
  /** One-way delay and loss on every link, as in the playground; change them at any time. */
  setConditions(conditions: Partial<LinkConditions>): void;
  /** Resolves once no message is on its way and every SDK has handled what reached it. */
  settle(): Promise<void>;
}

const WIDGET = 'widget-under-test';
// The SDK file beside this one: its source here, tfx-sdk.js in what build:sdk writes.
declare const __TFX_SDK_FILE__: string | undefined;
const SDK_FILE = typeof __TFX_SDK_FILE__ === 'string' ? __TFX_SDK_FILE__ : './index.ts';
// The SDK listens on its window for the host's port, from its parent: one stand-in for both.
const parentWindow = ((globalThis as { parent?: object }).parent ??= {});
let copies = 0;

/** A fresh copy of the SDK module, whose window is `frame`. */
async function loadSdk(frame: EventTarget): Promise<Tfx> {
  const global = globalThis as { addEventListener?: unknown };
  const before = global.addEventListener;
  global.addEventListener = frame.addEventListener.bind(frame);
  try {
    // Each query string is another module: its own connection, as each widget frame has.
    const copy = new URL(`${SDK_FILE}?person=${++copies}`, import.meta.url).href;
    return (await import(/* @vite-ignore */ copy)) as Tfx;
  } finally {
    global.addEventListener = before;
  }
}

export interface TestRoomOptions {
  /**
   * The browser's on-device Translator and Language Detector as the test wants them (fakes
   * with the same shape); without, the room translates nothing.
   */
  builtInAi?: BuiltInAi;
}

export function createTestRoom(options: TestRoomOptions = {}): TestRoom {
  const translation = new OnDeviceTranslation(options.builtInAi ?? {});
  let inFlight = 0;
  const room = new MemoryRoom({
    schedule: (run, afterMs) => {
      inFlight++;
      setTimeout(() => {
        inFlight--;
        run();
      }, afterMs);
    },
  });
  const storages = new Map<string, RoomWidgetStorage>();
  // The first to join opened the widget, as in a call.
  let opener: string | undefined;
  const ids = new Set<string>();

  async function start(id: string, name: string): Promise<TestPerson> {
    opener ??= id;
    const frame = new EventTarget();
    const tfx = await loadSdk(frame);
    const network = room.join({ id, name });
    const storage = storages.get(id) ?? new RoomWidgetStorage(memoryArea(), id);
    storages.set(id, storage);
    const { port1: host, port2: widget } = new MessageChannel();
    const stop = new AbortController();
    const spools = new WidgetSpools(memorySpoolStore);
    const post = (message: HostMessage) => host.postMessage(message);
    const peers = () => network.peers().map((peer) => ({ ...peer, hasWidget: true }));
    host.onmessage = (event: MessageEvent<unknown>) => void answer(event.data);
    const answer = async (raw: unknown) => {
      inFlight++;
      try {
        const parsed = parseWidgetRequest(raw);
        if (!parsed.ok) throw errors.invalidMessage(parsed.reason);
        const request = parsed.value;
        if (request.type === 'widget:connected' || request.type === 'badge:set') return;
        let data: unknown;
        try {
          if (request.type === 'storage:get') data = await storage.get(WIDGET, request.key);
          else if (request.type === 'storage:set')
            await storage.set(WIDGET, request.key, request.text);
          else if (request.type === 'translate:status') data = await translation.status();
          else if (request.type === 'translate:text')
            data = await translation.translate(request.text, request.to);
          else if (request.type !== 'message:send')
            data = await answerSpoolRequest(spools, request);
          else {
            const { payload, to } = request;
            const bytes =
              payload.kind === 'json'
                ? new TextEncoder().encode(payload.text)
                : new Uint8Array(payload.bytes);
            if (bytes.byteLength > PEER_LIMITS.maxMessageBytes)
              throw errors.messageTooLarge(bytes.byteLength, PEER_LIMITS.maxMessageBytes);
            if (to !== undefined && !network.knows(to)) throw errors.unknownPeer(to);
            await network.send(WIDGET, payload.kind, bytes, to);
          }
          post({ type: 'request:done', id: request.id, result: { ok: true, data } });
        } catch (error) {
          const code = error instanceof AppError ? error.code : 'HOST_ERROR';
          post({
            type: 'request:done',
            id: request.id,
            result: { ok: false, error: { code, message: String((error as Error).message) } },
          });
        }
      } catch (error) {
        post({
          type: 'request:refused',
          error: { code: 'INVALID_MESSAGE', message: String(error) },
        });
      } finally {
        inFlight--;
      }
    };
    listen(network, post, peers, stop.signal);
    frame.dispatchEvent(
      Object.assign(new Event('message'), {
        data: { type: CONNECT_MESSAGE },
        source: parentWindow,
        ports: [widget],
      }),
    );
    post({
      type: 'host:hello',
      version: WIDGET_PROTOCOL_VERSION,
      self: { id, name },
      peers: peers(),
      visible: true,
      theme: 'light',
      language: 'en',
      ...(opener === undefined ? {} : { openedBy: opener }),
    });
    await tfx.ready();
    const person: TestPerson = {
      id,
      name,
      tfx,
      reload: async () => {
        person.leave();
        return start(id, name);
      },
      leave: () => {
        stop.abort();
        room.leave(id);
        host.close();
      },
    };
    return person;
  }

  return {
    join: (name) => {
      let id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      while (ids.has(id)) id += '-';
      ids.add(id);
      return start(id, name);
    },
    setConditions: (conditions) => {
      room.conditions = { ...room.conditions, ...conditions };
    },
    settle: async () => {
      // Quiet twice in a row: a message handled may send another.
      for (let quiet = 0; quiet < 3;) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        quiet = inFlight === 0 ? quiet + 1 : 0;
      }
    },
  };
}

/** What the room tells one person's widget: messages for it, and people coming and going. */
function listen(
  network: MemoryPeerNetwork,
  post: (message: HostMessage) => void,
  peers: () => { id: string; name: string; hasWidget: boolean }[],
  signal: AbortSignal,
): void {
  network.on(
    'messageReceived',
    ({ widgetId, from, kind, payload }) => {
      if (widgetId !== WIDGET) return;
      if (kind === 'bytes') {
        post({ type: 'message:received', from, payload: { kind, bytes: payload.slice().buffer } });
        return;
      }
      const json = readJson(payload);
      post(
        json.ok
          ? { type: 'message:received', from, payload: { kind: 'json', value: json.value } }
          : { type: 'message:rejected', from, reason: json.reason },
      );
    },
    { signal },
  );
  network.on('peerJoined', (joined) => post({ type: 'peers:changed', peers: peers(), joined }), {
    signal,
  });
  network.on('peerLeft', (left) => post({ type: 'peers:changed', peers: peers(), left }), {
    signal,
  });
}
