/**
 * The TFX Sessions widget SDK: what a widget imports to talk to the same widget on the other
 * peers of a call. It runs inside the widget's sandboxed frame and talks only to its host,
 * through the one MessagePort the host hands this frame. No dependencies.
 */
import {
  CONNECT_MESSAGE,
  WIDGET_LIMITS,
  WIDGET_PROTOCOL_VERSION,
  type HostMessage,
  type OutgoingPayload,
  type PeerCallStats,
  type PeerInfo,
  type Theme,
  type Translation,
  type TranslationStatus,
  type WidgetPeer,
  type WidgetRequest,
} from '../protocol/widget.js';
import { MAX_JSON_DEPTH, jsonDepth } from '../protocol/json-depth.js';
// Types only: the interface every validator that implements Standard Schema shares.
import type { StandardSchemaV1 } from '@standard-schema/spec';

export type Peer = PeerInfo;
/** A reachable peer, and whether it runs this widget now (false: it said No, or lacks it). */
export type ReachablePeer = WidgetPeer;
export type { PeerCallStats, Theme, Translation, TranslationStatus };
/** What a widget's own message parser can return: the value, or a reason to log. */
export type { Parsed } from '../protocol/parsed.js';
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A message is a JSON value, or binary: an ArrayBuffer or any typed array / DataView. */
export type MessageData = Json | ArrayBuffer | ArrayBufferView;

export type TfxErrorCode =
  | 'MESSAGE_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'UNKNOWN_PEER'
  | 'NOT_CONNECTED'
  | 'INVALID_MESSAGE'
  | 'STORAGE_FULL'
  /** A spool used after `finish` or `discard`. */
  | 'DESTROYED'
  /** Shared state: this person may not change that (see @tfx/sdk/state's writers). */
  | 'NOT_ALLOWED'
  /** The host speaks another version of the widget protocol than this SDK. */
  | 'INCOMPATIBLE_HOST'
  /** The browser cannot do that here: no on-device translator, or no model for a language. */
  | 'UNAVAILABLE'
  /** A model must be downloaded first; ask again from a click (the browser wants one). */
  | 'NEEDS_DOWNLOAD'
  /** Something failed in the host itself, not in what the widget asked. */
  | 'HOST_ERROR';

/** Every SDK promise rejects with this; `code` says what went wrong. */
export class TfxError extends Error {
  constructor(
    readonly code: TfxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TfxError';
  }
}

/** The most a message may weigh once encoded (UTF-8 JSON or bytes): 16 MiB. */
export const MAX_MESSAGE_BYTES = WIDGET_LIMITS.maxMessageBytes;

type Unsubscribe = () => void;
type Pending = { resolve: (data: unknown) => void; reject: (error: TfxError) => void };

let port: MessagePort | undefined;
let me: Peer | undefined;
let opener: string | undefined;
let currentPeers: ReachablePeer[] = [];
let visible = true;
// Until the host says, the frame's own view of the system setting is the best guess.
let currentTheme: Theme =
  typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
// Until the host says, the frame's own language; in a call, the host's word replaces it.
let currentLanguage = typeof navigator === 'object' ? navigator.language : 'en';
let nextRequestId = 1;
const pending = new Map<number, Pending>();
const messageHandlers = new Set<(data: unknown, from: Peer) => void>();
const peersHandlers = new Set<(peers: ReachablePeer[]) => void>();
const joinedHandlers = new Set<(peer: Peer) => void>();
const leftHandlers = new Set<(peer: Peer) => void>();
const visibilityHandlers = new Set<(visible: boolean) => void>();
const themeHandlers = new Set<(theme: Theme) => void>();
const statsHandlers = new Set<(stats: PeerCallStats[]) => void>();
const rejectedHandlers = new Set<(rejection: Rejection) => void>();
const channelHandlers = new Map<string, Set<(data: unknown, from: Peer) => void>>();
const channelBacklog = new Map<string, [unknown, Peer][]>();
/** The key that marks a channel's message; no widget's own message is read as one unless it uses it. */
const CHANNEL_KEY = '~tfx';
let rejectedTotal = 0;
// Messages that arrive before the widget has registered onMessage wait here, so none is lost.
const backlog: [unknown, Peer][] = [];
const BACKLOG_LIMIT = 1000;

/**
 * A host connects a widget as soon as its frame has loaded; a widget still waiting after this
 * long was opened outside TFX (a plain browser tab), and is told so rather than left hanging.
 */
export const READY_TIMEOUT_MS = 10_000;

let markReady: () => void;
let refuseReady: (error: TfxError) => void;
const readyPromise = new Promise<void>((resolve, reject) => {
  markReady = resolve;
  refuseReady = reject;
});
// A widget that never awaits ready() must not see an unhandled rejection for it.
readyPromise.catch(() => undefined);
const readyTimer = setTimeout(
  () =>
    refuseReady(
      new TfxError(
        'NOT_CONNECTED',
        `No TFX host connected this widget within ${READY_TIMEOUT_MS / 1000} s: open it in a call or in the playground.`,
      ),
    ),
  READY_TIMEOUT_MS,
);

function subscribe<T>(set: Set<T>, handler: T): Unsubscribe {
  set.add(handler);
  return () => set.delete(handler);
}

function emit<A extends unknown[]>(set: Set<(...args: A) => void>, ...args: A): void {
  for (const handler of set) {
    try {
      handler(...args);
    } catch (error) {
      console.error('[tfx-sdk] a handler threw', error);
    }
  }
}

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'host:hello':
      clearTimeout(readyTimer);
      // A host of another protocol version would be misread message by message: refuse it whole.
      if ((message.version as number) !== WIDGET_PROTOCOL_VERSION) {
        port?.close();
        refuseReady(
          new TfxError(
            'INCOMPATIBLE_HOST',
            `The host speaks widget protocol ${String(message.version)}; this SDK speaks ${WIDGET_PROTOCOL_VERSION}.`,
          ),
        );
        return;
      }
      me = message.self;
      opener = message.openedBy;
      currentPeers = message.peers;
      visible = message.visible;
      setTheme(message.theme);
      if (typeof message.language === 'string') currentLanguage = message.language;
      markReady();
      return;
    case 'message:received': {
      const { payload, from } = message;
      const data = payload.kind === 'json' ? payload.value : payload.bytes;
      const channel = channelOf(data);
      if (channel) {
        const handlers = channelHandlers.get(channel.name);
        if (handlers) emit(handlers, channel.data, from);
        else {
          // Kept for a channel opened later (a library set up after ready()), as for onMessage.
          const waiting = channelBacklog.get(channel.name) ?? [];
          if (waiting.length < BACKLOG_LIMIT) waiting.push([channel.data, from]);
          channelBacklog.set(channel.name, waiting);
        }
        return;
      }
      if (messageHandlers.size > 0) emit(messageHandlers, data, from);
      else if (backlog.length < BACKLOG_LIMIT) backlog.push([data, from]);
      return;
    }
    case 'message:rejected':
      reject(message.from, message.reason);
      return;
    case 'peers:changed':
      currentPeers = message.peers;
      emit(peersHandlers, currentPeers);
      if (message.joined) emit(joinedHandlers, message.joined);
      if (message.left) emit(leftHandlers, message.left);
      return;
    case 'visibility:changed':
      visible = message.visible;
      emit(visibilityHandlers, visible);
      return;
    case 'theme:changed':
      setTheme(message.theme);
      return;
    case 'stats:sample':
      emit(statsHandlers, message.stats);
      return;
    case 'request:done': {
      const request = pending.get(message.id);
      pending.delete(message.id);
      const { result } = message;
      if (result.ok) request?.resolve(result.data);
      else request?.reject(new TfxError(result.error.code as TfxErrorCode, result.error.message));
      return;
    }
    case 'request:refused': {
      const error = new TfxError('INVALID_MESSAGE', message.error.message);
      const request = message.id === undefined ? undefined : pending.get(message.id);
      if (request && message.id !== undefined) {
        pending.delete(message.id);
        request.reject(error);
      } else console.warn('[tfx-sdk] the host refused a message:', error.message);
      return;
    }
  }
}

// The host posts the port once the frame has loaded; only the parent window may hand it over.
addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data as { type?: unknown } | null;
  if (port || event.source !== parent || data?.type !== CONNECT_MESSAGE || !event.ports[0]) return;
  port = event.ports[0];
  port.onmessage = (message: MessageEvent<HostMessage>) => receive(message.data);
  // The host hears that this widget started: a frame that never says so is reported as broken.
  port.postMessage({ type: 'widget:connected' } satisfies WidgetRequest);
});

async function request(
  make: (id: number) => WidgetRequest,
  transfer: Transferable[] = [],
): Promise<unknown> {
  await readyPromise;
  const id = nextRequestId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    port!.postMessage(make(id), transfer);
  });
}

function encode(data: MessageData): OutgoingPayload {
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data))
    return { kind: 'bytes', bytes: ownCopy(data) };
  return { kind: 'json', text: jsonText(data, 'message') };
}

// A copy the host can take over: handing the widget's own buffer across would empty it.
function ownCopy(data: ArrayBuffer | ArrayBufferView): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data.slice(0);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer;
}

/**
 * A JSON value as text, or INVALID_MESSAGE saying why it is not one: a cycle, a BigInt, a
 * function, or nesting deeper than a receiver can read.
 */
function jsonText(value: unknown, what: 'message' | 'value'): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value); // undefined for a function or undefined, whatever its type says
  } catch (error) {
    const reason =
      error instanceof RangeError
        ? `it is nested more than ${MAX_JSON_DEPTH} levels deep`
        : error instanceof Error
          ? error.message
          : String(error);
    throw new TfxError('INVALID_MESSAGE', `The ${what} is not JSON data: ${reason}.`);
  }
  if (text === undefined) throw new TfxError('INVALID_MESSAGE', `The ${what} is not JSON data.`);
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    throw new TfxError(
      'INVALID_MESSAGE',
      `The ${what} is nested more than ${MAX_JSON_DEPTH} levels deep; no peer could read it.`,
    );
  return text;
}

function encodedSize(payload: OutgoingPayload): number {
  if (payload.kind === 'bytes') return payload.bytes.byteLength;
  // Cheap bounds first: every UTF-16 unit is 1 to 3 UTF-8 bytes.
  if (payload.text.length * 3 <= MAX_MESSAGE_BYTES) return payload.text.length;
  return new TextEncoder().encode(payload.text).byteLength;
}

/** Resolves once the host has connected this widget; `self()` and `peers()` work from then. */
export function ready(): Promise<void> {
  return readyPromise;
}

/**
 * The id of the person who opened this widget in the call, as the host knows it (someone who
 * joined later has it from those already there); undefined when the host does not know.
 */
export function openedBy(): string | undefined {
  return opener;
}

/** You in this call ({ id, name }). Throws NOT_CONNECTED before `ready()` has resolved. */
export function self(): Peer {
  if (!me) throw new TfxError('NOT_CONNECTED', 'Call tfx.self() after await tfx.ready().');
  return me;
}

/**
 * The other peers this widget can reach right now (their data channel is open), each with
 * `hasWidget`: whether this widget runs there, so a message to one that lacks it is not sent
 * for nothing. A peer's id stays the same when they reload their call page (and join again
 * within the server's grace period).
 */
export function peers(): ReachablePeer[] {
  return [...currentPeers];
}

/**
 * Sends a JSON value or binary data (≤ 16 MiB encoded) to this widget on every other peer, or on
 * one peer with `{ to: peerId }`. Reliable and ordered per sender. Resolves once handed to the
 * call's data channel(s); rejects with MESSAGE_TOO_LARGE, RATE_LIMITED (more than 500 messages/s
 * sustained, or 32 MiB waiting), UNKNOWN_PEER or NOT_CONNECTED.
 */
export async function sendMessage(data: MessageData, options: { to?: string } = {}): Promise<void> {
  const payload = encode(data);
  const size = encodedSize(payload);
  if (size > MAX_MESSAGE_BYTES) {
    throw new TfxError(
      'MESSAGE_TOO_LARGE',
      `A message of ${size} bytes exceeds the ${MAX_MESSAGE_BYTES}-byte limit.`,
    );
  }
  const transfer = payload.kind === 'bytes' ? [payload.bytes] : [];
  await request(
    (id) => ({
      type: 'message:send',
      id,
      ...(options.to === undefined ? {} : { to: options.to }),
      payload,
    }),
    transfer,
  );
}

/** A schema from any validator that implements Standard Schema (zod, valibot, arktype…). */
export type Schema<T = unknown> = StandardSchemaV1<unknown, T>;

/**
 * Calls `handler(data, from)` for each message from this widget on another peer, in the order
 * each peer sent them. JSON arrives parsed; binary arrives as an ArrayBuffer. With a `schema`
 * first, only messages it accepts reach the handler, as its output; the others are counted by
 * `onRejected`. Returns unsubscribe.
 */
export function onMessage(handler: (data: unknown, from: Peer) => void): Unsubscribe;
export function onMessage<T>(
  schema: Schema<T>,
  handler: (data: T, from: Peer) => void,
): Unsubscribe;
export function onMessage<T>(
  first: Schema<T> | ((data: unknown, from: Peer) => void),
  checkedHandler?: (data: T, from: Peer) => void,
): Unsubscribe {
  const handler =
    typeof first === 'function'
      ? first
      : checkedBy(first, checkedHandler as (data: T, from: Peer) => void);
  const unsubscribe = subscribe(messageHandlers, handler);
  for (const [data, from] of backlog.splice(0)) emit(messageHandlers, data, from);
  return unsubscribe;
}

/**
 * A handler that hands on what `schema` accepts and rejects the rest with its first issue.
 * A validator that answers asynchronously keeps each message in its place: every later one
 * waits behind it.
 */
function checkedBy<T>(schema: Schema<T>, handler: (data: T, from: Peer) => void) {
  let queue: Promise<void> | undefined;
  const settle = (result: StandardSchemaV1.Result<T>, from: Peer) => {
    if (!result.issues) return handler(result.value, from);
    const [issue] = result.issues;
    const path = (issue?.path ?? [])
      .map((segment) => String(typeof segment === 'object' ? segment.key : segment))
      .join('.');
    reject(from, `INVALID_MESSAGE: ${path ? `${path}: ` : ''}${issue?.message ?? 'refused'}`);
  };
  return (data: unknown, from: Peer) => {
    let result: ReturnType<Schema<T>['~standard']['validate']>;
    try {
      result = schema['~standard'].validate(data);
    } catch (error) {
      return reject(from, `INVALID_MESSAGE: the schema threw (${String(error)})`);
    }
    if (!queue && !(result instanceof Promise)) return settle(result, from);
    const previous = queue ?? Promise.resolve();
    const mine: Promise<void> = previous
      .then(() => result)
      .then(
        (settled) => settle(settled, from),
        (error: unknown) => reject(from, `INVALID_MESSAGE: the schema threw (${String(error)})`),
      )
      .finally(() => {
        if (queue === mine) queue = undefined;
      });
    queue = mine;
  };
}

function reject(from: Peer, reason: string): void {
  rejectedTotal++;
  emit(rejectedHandlers, { from, reason, total: rejectedTotal });
}

/** A peer's message that never reached `onMessage`, why, and how many so far in this widget. */
export interface Rejection {
  from: Peer;
  reason: string;
  total: number;
}

/**
 * Calls `handler(rejection)` for each message from a peer that did not reach `onMessage`:
 * one the host could not read (not JSON, nested too deeply), or one a handler's schema
 * refused (once per such handler). Nothing is dropped silently.
 */
export function onRejected(handler: (rejection: Rejection) => void): Unsubscribe {
  return subscribe(rejectedHandlers, handler);
}

/**
 * A named channel of this widget's messages for a library built on the SDK (such as
 * `@tfx/sdk/state`): what it sends reaches only the same channel on other peers, never
 * `onMessage`. Same limits and order as `sendMessage`; JSON only.
 */
export function channel(name: string): {
  send(data: Json, options?: { to?: string }): Promise<void>;
  onMessage(handler: (data: unknown, from: Peer) => void): Unsubscribe;
  /** A message this library refused: counted and told to `onRejected`, as the host's are. */
  refuse(from: Peer, reason: string): void;
} {
  return {
    send: (data, options) => sendMessage({ [CHANNEL_KEY]: name, data }, options),
    refuse: reject,
    onMessage: (handler) => {
      const handlers = channelHandlers.get(name) ?? new Set();
      channelHandlers.set(name, handlers);
      const unsubscribe = subscribe(handlers, handler);
      for (const [data, from] of channelBacklog.get(name) ?? []) emit(handlers, data, from);
      channelBacklog.delete(name);
      return unsubscribe;
    },
  };
}

function channelOf(data: unknown): { name: string; data: unknown } | undefined {
  if (typeof data !== 'object' || data === null || !(CHANNEL_KEY in data)) return undefined;
  const { [CHANNEL_KEY]: name, data: inner } = data as Record<string, unknown>;
  return typeof name === 'string' ? { name, data: inner } : undefined;
}

/**
 * Calls `handler(peers)` whenever a peer becomes reachable or goes away, or starts or stops
 * running this widget.
 */
export function onPeersChanged(handler: (peers: ReachablePeer[]) => void): Unsubscribe {
  return subscribe(peersHandlers, handler);
}

/** Calls `handler(peer)` when a peer becomes reachable: the moment to send it your state. */
export function onPeerJoined(handler: (peer: Peer) => void): Unsubscribe {
  return subscribe(joinedHandlers, handler);
}

/** Calls `handler(peer)` when a peer leaves or its connection drops. */
export function onPeerLeft(handler: (peer: Peer) => void): Unsubscribe {
  return subscribe(leftHandlers, handler);
}

/** Whether the person can see this widget now (they may have closed its panel; it keeps running). */
export function isVisible(): boolean {
  return visible;
}

/** Calls `handler(visible)` when the person opens or closes this widget's panel. */
export function onVisibilityChanged(handler: (visible: boolean) => void): Unsubscribe {
  return subscribe(visibilityHandlers, handler);
}

/**
 * The reader's language, the one the call's own controls are in: a BCP 47 tag such as `'es'`
 * or `'en'`. Before `ready()` it is the frame's own `navigator.language`.
 */
export function language(): string {
  return currentLanguage;
}

/**
 * A widget's own strings in the reader's language: `table` maps language codes to the same
 * set of strings, English required. `'es-MX'` takes `es`, and a language the table lacks takes
 * English. Call it after `ready()`.
 */
export function stringsFor<Strings>(table: { en: Strings } & Record<string, Strings>): Strings {
  const base = currentLanguage.toLowerCase().split('-')[0] ?? 'en';
  // Own keys only: a language tag such as 'constructor' must not reach Object's prototype.
  const own = (key: string) => (Object.hasOwn(table, key) ? table[key] : undefined);
  return own(currentLanguage) ?? own(base) ?? table.en;
}

/**
 * The call's colours, `'light'` or `'dark'`, which follow the person's system setting. Before
 * `ready()` it is the frame's own reading of that setting; the host's word replaces it.
 */
export function theme(): Theme {
  return currentTheme;
}

/** Calls `handler(theme)` when the call's colours change (the system switched light or dark). */
export function onThemeChanged(handler: (theme: Theme) => void): Unsubscribe {
  return subscribe(themeHandlers, handler);
}

function setTheme(next: Theme): void {
  // A host speaks this protocol, but a value outside it must not reach a widget's styles.
  if ((next !== 'light' && next !== 'dark') || next === currentTheme) return;
  currentTheme = next;
  emit(themeHandlers, next);
}

/**
 * Calls `handler(stats)` once a second with each peer connection's statistics (round trip,
 * loss, bitrates, video size and rate, codecs, direct or relayed; never addresses). Only for
 * widgets that declare the `stats` permission; others are never called.
 */
export function onStats(handler: (stats: PeerCallStats[]) => void): Unsubscribe {
  return subscribe(statsHandlers, handler);
}

/** Shows a count (0–9999, 0 hides it) on this widget's dock button, e.g. unread messages. */
export function setBadge(count: number): void {
  const clamped = Math.max(0, Math.min(WIDGET_LIMITS.maxBadge, Math.floor(count)));
  void readyPromise.then(() => port!.postMessage({ type: 'badge:set', count: clamped }));
}

/**
 * Storage for this widget in this room on this device (sandboxed frames have no localStorage).
 * Values are JSON, at most 1 MiB per widget and room in all; `set` rejects with STORAGE_FULL.
 */
export const storage = {
  /** The stored value, or undefined. */
  async get(key: string): Promise<Json | undefined> {
    const text = await request((id) => ({ type: 'storage:get', id, key }));
    return typeof text === 'string' ? (JSON.parse(text) as Json) : undefined;
  },
  /** Stores a JSON value; `undefined` removes the key. */
  async set(key: string, value: Json | undefined): Promise<void> {
    const text = value === undefined ? null : jsonText(value, 'value');
    await request((id) => ({ type: 'storage:set', id, key, text }));
  },
};

/**
 * Bytes the host writes to disk as they come, then gives back as one File: for a widget that
 * receives something too large to hold in memory until it is saved (a file from a peer).
 * Where the call page has no disk of its own, the host keeps the bytes in memory instead.
 */
export interface Spool {
  /** Appends bytes, in order; rejects with STORAGE_FULL when the disk or a limit is reached. */
  write(data: ArrayBuffer | ArrayBufferView): Promise<void>;
  /** Ends writing; the File reads from the host's copy until `discard` or the widget stops. */
  finish(name: string, type?: string): Promise<File>;
  /** Frees what the spool holds, finished or not. */
  discard(): Promise<void>;
}

/**
 * Opens a spool (see Spool). Needs the `downloads` permission, as saving files does; a widget
 * may write 8 at a time, each up to 64 GiB. Everything is freed when the widget stops.
 */
export async function openSpool(): Promise<Spool> {
  const spool = (await request((id) => ({ type: 'spool:open', id }))) as number;
  return {
    async write(data) {
      const bytes = ownCopy(data);
      await request((id) => ({ type: 'spool:write', id, spool, bytes }), [bytes]);
    },
    async finish(name, mime = '') {
      return (await request((id) => ({ type: 'spool:finish', id, spool, name, mime }))) as File;
    },
    async discard() {
      await request((id) => ({ type: 'spool:discard', id, spool }));
    },
  };
}

/**
 * Translation on the person's device by the browser's own models (Chrome's Translator and
 * Language Detector), for widgets with the `translate` permission. Text never leaves the device
 * this way. Where the browser has no such models, `status()` says `unavailable` and why, and
 * `translate` rejects with UNAVAILABLE.
 */
export const translation = {
  /** Whether translation can work here, and whether models are still to be downloaded. */
  async status(): Promise<TranslationStatus> {
    return (await request((id) => ({ type: 'translate:status', id }))) as TranslationStatus;
  },
  /**
   * `text` (at most 5,000 characters) in the language `to` (a BCP 47 tag), with the language
   * it was detected in. Text already in that language, or in none the browser can tell, comes
   * back as given with `translated: false`. The first text from a language may need a model
   * download, which the browser allows only after a click: without one this rejects with
   * NEEDS_DOWNLOAD, so call it again from a button.
   */
  async translate(text: string, to: string): Promise<Translation> {
    return (await request((id) => ({ type: 'translate:text', id, text, to }))) as Translation;
  },
};
