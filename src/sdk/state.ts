/**
 * Shared state for widgets (`@tfx/sdk/state`), a separate import so that widgets without it
 * pay nothing: a map every peer holds the same copy of, per-person presence, and a shared
 * timer. It is built on the core SDK, which it is handed (`sharedMap(tfx, …)`), so a test host
 * can hand each simulated person their own.
 *
 * Merging: each write carries a Lamport clock; for one entry the write with the highest
 * (clock, author id) wins on every peer, whatever order they arrive in. The author of a write
 * is the peer the host says sent it, never a field of the message. Entries of someone who has
 * left reach a newcomer from those who stayed, since they are the only ones who can pass them
 * on; while the author is reachable, only the author's own word counts.
 */
import type * as Sdk from './index.js';
import type { Json, Peer, Schema } from './index.js';

type Tfx = Pick<
  typeof Sdk,
  | 'channel'
  | 'ready'
  | 'self'
  | 'peers'
  | 'onPeerJoined'
  | 'onPeerLeft'
  | 'storage'
  | 'openedBy'
  | 'TfxError'
> &
  Partial<Pick<typeof Sdk, 'isVisible' | 'onVisibilityChanged'>>;
type Unsubscribe = () => void;

/** One entry of a shared map, and who wrote it (from the host, not from the data). */
export interface SharedEntry<V> {
  key: string;
  value: V;
  author: Peer;
  /** Who passed it on, when that is not its author: someone who stayed after the author left. */
  via?: Peer;
}

/**
 * A change to a shared map: made here (`local`), written by a peer as it happened, or `copied`
 * from what a peer or this device already had (a newcomer's history, a reload); `deleted`
 * when it was removed.
 */
export interface SharedChange<V> extends SharedEntry<V | undefined> {
  deleted: boolean;
  local: boolean;
  copied: boolean;
}

export interface SharedMapOptions<V> {
  /**
   * Who may write an entry. `'anyone'` (the default): one value per key, the latest write wins.
   * `'author'`: each person has their own entry under a key (a vote, a cursor, a message they
   * may edit); only they can change it, and `get(key)` reads yours unless you name an author.
   * `'creator'`: only the person who opened the widget in the call (`tfx.openedBy()`); others'
   * writes are refused here with NOT_ALLOWED and ignored everywhere else.
   */
  writers?: 'anyone' | 'author' | 'creator';
  /** Values from peers that do not match are refused and counted by `tfx.onRejected`. */
  schema?: Schema<V>;
}

export interface SharedMap<V> {
  /** Resolves once what this device kept has been read and the peers have been asked. */
  readonly ready: Promise<void>;
  get(key: string, authorId?: string): V | undefined;
  /** Every live entry, each with its author. */
  entries(): SharedEntry<V>[];
  /** Sets an entry for everyone; kept on this device too, so a reload finds it. */
  set(key: string, value: V & Json): Promise<void>;
  delete(key: string): Promise<void>;
  onChange(handler: (change: SharedChange<V>) => void): Unsubscribe;
}

interface Stored {
  key: string;
  author: Peer;
  clock: number;
  value?: Json;
  deleted?: true;
  via?: Peer;
}

type Wire =
  | { op: 'set'; key: string; clock: number; value?: Json; deleted?: true }
  | { op: 'hello' }
  | { op: 'snapshot'; entries: Stored[] };

const MAX_ENTRIES = 5000;

function isPeer(raw: unknown): raw is Peer {
  const peer = raw as Peer | null;
  return typeof peer?.id === 'string' && typeof peer.name === 'string';
}

/** Reads one message of the state wire; undefined when it is not one. */
function readWire(raw: unknown): Wire | undefined {
  const message = raw as Record<string, unknown> | null;
  if (typeof message !== 'object' || message === null) return undefined;
  const entryOk = (entry: Record<string, unknown>) =>
    typeof entry.key === 'string' &&
    entry.key.length <= 256 &&
    Number.isSafeInteger(entry.clock) &&
    (entry.clock as number) >= 0 &&
    (entry.deleted === undefined || entry.deleted === true);
  switch (message.op) {
    case 'hello':
      return { op: 'hello' };
    case 'set':
      return entryOk(message) ? (message as Wire) : undefined;
    case 'snapshot': {
      const { entries } = message;
      if (!Array.isArray(entries) || entries.length > MAX_ENTRIES) return undefined;
      const ok = entries.every(
        (entry: Record<string, unknown>) => entryOk(entry) && isPeer(entry.author),
      );
      return ok ? (message as Wire) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A map every peer in the call holds the same copy of (see the file's comment for how writes
 * merge). `name` keeps maps of one widget apart. Values are JSON, at most 16 MiB a write and 1
 * MiB kept per widget on this device in all.
 */
export function sharedMap<V = Json>(
  tfx: Tfx,
  name: string,
  options: SharedMapOptions<V> = {},
): SharedMap<V> {
  const perAuthor = options.writers === 'author';
  const wire = tfx.channel(`state:${name}`);
  const entries = new Map<string, Stored>();
  const handlers = new Set<(change: SharedChange<V>) => void>();
  const storageKey = `~state:${name}`;
  let clock = 0;
  let saving = false;
  const idOf = (key: string, authorId: string) => (perAuthor ? `${authorId}\n${key}` : key);
  const reachable = (peerId: string) => tfx.peers().some((peer) => peer.id === peerId);
  const mayWrite = (authorId: string) =>
    options.writers !== 'creator' || authorId === tfx.openedBy();

  // Every change in one task is kept with one write, made as the task ends.
  const save = () => {
    if (saving) return;
    saving = true;
    queueMicrotask(() => {
      saving = false;
      void tfx.storage.set(storageKey, [...entries.values()] as unknown as Json).catch(() => {
        // Full or refused: the call still holds the state; only a reload would lose it.
      });
    });
  };

  /** Takes a write if it is newer than what is held; says whether it did. */
  const merge = (entry: Stored, how: 'local' | 'live' | 'copied'): boolean => {
    const id = idOf(entry.key, entry.author.id);
    const held = entries.get(id);
    clock = Math.max(clock, entry.clock);
    if (
      held &&
      (entry.clock < held.clock ||
        (entry.clock === held.clock && entry.author.id <= held.author.id))
    )
      return false;
    entries.set(id, entry);
    const change = {
      key: entry.key,
      value: entry.value as V | undefined,
      author: entry.author,
      ...(entry.via ? { via: entry.via } : {}),
      deleted: entry.deleted === true,
      local: how === 'local',
      copied: how === 'copied',
    };
    for (const handler of handlers) {
      try {
        handler(change);
      } catch (error) {
        console.error('[tfx-sdk] a shared map handler threw', error);
      }
    }
    save();
    return true;
  };

  /** A value from a peer, checked by the schema when there is one. */
  const accepts = async (entry: Stored, from: Peer): Promise<boolean> => {
    if (!mayWrite(entry.author.id)) {
      wire.refuse(from, `NOT_ALLOWED: only the person who opened this widget may change ${name}`);
      return false;
    }
    if (!options.schema || entry.deleted) return true;
    const result = await options.schema['~standard'].validate(entry.value);
    if (!result.issues) return true;
    wire.refuse(from, `INVALID_MESSAGE: ${name}.${entry.key}: ${result.issues[0]?.message ?? ''}`);
    return false;
  };

  const write = async (key: string, value: Json | undefined): Promise<void> => {
    await ready;
    if (!mayWrite(tfx.self().id))
      throw new tfx.TfxError(
        'NOT_ALLOWED',
        `Only the person who opened this widget may change ${name}.`,
      );
    const entry: Stored = {
      key,
      author: tfx.self(),
      clock: clock + 1,
      ...(value === undefined ? { deleted: true as const } : { value }),
    };
    merge(entry, 'local');
    await wire.send({
      op: 'set',
      key,
      clock: entry.clock,
      ...(value === undefined ? { deleted: true } : { value }),
    });
  };

  const snapshot = (): Json => ({ op: 'snapshot', entries: [...entries.values()] }) as never;

  const receive = async (raw: unknown, from: Peer): Promise<void> => {
    const message = readWire(raw);
    if (!message) return wire.refuse(from, `INVALID_MESSAGE: not a ${name} state message`);
    if (message.op === 'hello') {
      await wire.send(snapshot(), { to: from.id }).catch(() => undefined);
      return;
    }
    if (message.op === 'set') {
      const entry: Stored = { ...message, author: from };
      if (await accepts(entry, from)) merge(entry, 'live');
      return;
    }
    for (const entry of message.entries) {
      // Only the author speaks for an entry while they are here; others only pass on what
      // someone who left wrote.
      if (entry.author.id !== from.id && reachable(entry.author.id)) continue;
      const { key, author, clock, value, deleted } = entry;
      const copy: Stored = {
        key,
        author,
        clock,
        ...(deleted ? { deleted } : { value }),
        // The passer-on is the host's word; any `via` in the data is dropped.
        ...(author.id === from.id ? {} : { via: from }),
      };
      if (await accepts(copy, from)) merge(copy, 'copied');
    }
  };

  const ready = (async () => {
    await tfx.ready();
    const kept = await tfx.storage.get(storageKey).catch(() => undefined);
    const stored = readWire({ op: 'snapshot', entries: kept });
    if (stored?.op === 'snapshot') for (const entry of stored.entries) merge(entry, 'copied');
    wire.onMessage((raw, from) => void receive(raw, from));
    tfx.onPeerJoined((peer) => void wire.send(snapshot(), { to: peer.id }).catch(() => undefined));
    // Peers reached before this map existed: ask them, and tell them what is here.
    if (tfx.peers().length > 0) {
      await wire.send({ op: 'hello' }).catch(() => undefined);
      await wire.send(snapshot()).catch(() => undefined);
    }
  })();
  ready.catch(() => undefined);

  return {
    ready,
    get: (key, authorId) => {
      const entry = entries.get(idOf(key, authorId ?? safeSelfId(tfx)));
      return entry && !entry.deleted ? (entry.value as V) : undefined;
    },
    entries: () =>
      [...entries.values()]
        .filter((entry) => !entry.deleted)
        .map((entry) => ({
          key: entry.key,
          value: entry.value as V,
          author: entry.author,
          ...(entry.via ? { via: entry.via } : {}),
        })),
    set: (key, value) => write(key, value),
    delete: (key) => write(key, undefined),
    onChange: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
}

function safeSelfId(tfx: Tfx): string {
  try {
    return tfx.self().id;
  } catch {
    return '';
  }
}

/** What one person shows of themself in a widget: a cursor, "typing", which page they are on. */
export interface PresenceOf<S> {
  peer: Peer;
  state: S;
  /** Whether they have this widget on screen now. */
  looking: boolean;
}

export interface Presence<S> {
  /** Shares your state with everyone (and with each newcomer); not kept after you leave. */
  set(state: S & Json): void;
  /** Everyone else who has shared a state, and whether they are looking at the widget. */
  others(): PresenceOf<S>[];
  onChange(handler: (others: PresenceOf<S>[]) => void): Unsubscribe;
}

/** Who is looking at this widget, each with a small state of their own. Not stored. */
export function presence<S extends Json>(tfx: Tfx, name: string): Presence<S> {
  const wire = tfx.channel(`presence:${name}`);
  const others = new Map<string, PresenceOf<S>>();
  const handlers = new Set<(others: PresenceOf<S>[]) => void>();
  let mine: S | undefined;
  const list = () => [...others.values()];
  const changed = () => handlers.forEach((handler) => handler(list()));
  const mineNow = (): Json => ({ state: mine ?? null, looking: tfx.isVisible?.() ?? true });
  const share = (to?: string) => {
    if (mine !== undefined)
      void tfx
        .ready()
        .then(() => wire.send(mineNow(), to ? { to } : {}))
        .catch(() => undefined);
  };
  wire.onMessage((raw, from) => {
    const message = raw as { state?: unknown; looking?: unknown } | null;
    if (typeof message?.looking !== 'boolean' || message.state === undefined)
      return wire.refuse(from, `INVALID_MESSAGE: not a ${name} presence message`);
    others.set(from.id, { peer: from, state: message.state as S, looking: message.looking });
    changed();
  });
  tfx.onPeerJoined((peer) => share(peer.id));
  tfx.onPeerLeft((peer) => {
    if (others.delete(peer.id)) changed();
  });
  tfx.onVisibilityChanged?.(() => share());
  return {
    set: (state) => {
      mine = state;
      share();
    },
    others: list,
    onChange: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
}

export interface SharedTimer {
  start(durationMs: number): Promise<void>;
  pause(): Promise<void>;
  reset(): Promise<void>;
  /** What is left, by this device's clock; 0 when it has run out or was never started. */
  remainingMs(): number;
  isRunning(): boolean;
  /** Called when anyone starts, pauses or resets it (not on every tick: read remainingMs). */
  onChange(handler: () => void): Unsubscribe;
}

type TimerState = { durationMs: number; startedAt?: number; leftMs: number };

/**
 * A countdown everyone in the call sees the same, like Live Share's timer: anyone may start,
 * pause or reset it. It runs on each device's wall clock, so clocks that disagree by a second
 * show a second's difference.
 */
export function sharedTimer(tfx: Tfx, name: string): SharedTimer {
  const map = sharedMap<TimerState>(tfx, `timer:${name}`);
  const state = () => map.get('timer');
  const remainingMs = () => {
    const now = state();
    if (!now) return 0;
    if (now.startedAt === undefined) return now.leftMs;
    return Math.max(0, now.leftMs - (Date.now() - now.startedAt));
  };
  return {
    start: (durationMs) =>
      map.set('timer', { durationMs, startedAt: Date.now(), leftMs: durationMs }),
    pause: () => map.set('timer', { durationMs: state()?.durationMs ?? 0, leftMs: remainingMs() }),
    reset: () => map.delete('timer'),
    remainingMs,
    isRunning: () => state()?.startedAt !== undefined && remainingMs() > 0,
    onChange: (handler) => map.onChange(() => handler()),
  };
}
