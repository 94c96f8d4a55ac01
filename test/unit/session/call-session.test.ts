import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Peer, Signal } from '../../../src/protocol/signalling.js';
import { CallSession, type SessionSignalling } from '../../../src/session/call-session.js';
import type { PeerLinkEvents, PeerLinkOptions } from '../../../src/session/peer-link.js';
import { createLogger } from '../../../src/shared/log.js';
import { TypedEmitter } from '../../../src/shared/typed-emitter.js';
import type {
  SignallingConnection,
  SignallingEvents,
} from '../../../src/signalling-client/signalling-client.js';

/** The call's core in Node: a scripted server, links and media that only record what they are asked. */
class FakeSignalling extends TypedEmitter<SignallingEvents> {
  readonly joins: Record<string, unknown>[] = [];
  /** What the next joins are answered with, in turn; the last one repeats. */
  replies: unknown[] = [];

  request = ((name: string, payload: Record<string, unknown>) => {
    if (name !== 'room:join') return Promise.resolve({ ok: true, data: null });
    this.joins.push(payload);
    const reply = this.replies.length > 1 ? this.replies.shift() : this.replies[0];
    return Promise.resolve(reply);
  }) as SessionSignalling['request'];

  sendSignal = () => Promise.resolve({ ok: true as const, data: null });
  state: SignallingConnection = 'connecting';

  server(name: keyof SignallingEvents, payload: unknown): void {
    if (name === 'connectionChanged') this.state = payload as SignallingConnection;
    this.emit(name, payload);
  }
}

class FakeLink extends TypedEmitter<PeerLinkEvents> {
  closed = false;
  readonly signals: Signal[] = [];
  readonly pc = {} as RTCPeerConnection;
  readonly remoteStream = {} as MediaStream;
  constructor(readonly options: PeerLinkOptions) {
    super();
  }
  incomingAudioLevel = () => 0;
  outgoingAudioLevel = () => Promise.resolve(0);
  setScreenTrack = () => Promise.resolve();
  setLocalTrack = () => Promise.resolve();
  setVideoBudget = () => Promise.resolve();
  handleSignal = (signal: Signal) => {
    this.signals.push(signal);
    return Promise.resolve();
  };
  close = () => {
    this.closed = true;
  };
  fire<K extends keyof PeerLinkEvents>(name: K, payload: PeerLinkEvents[K]): void {
    this.emit(name, payload);
  }
}

class FakeMedia extends TypedEmitter<Record<string, unknown>> {
  stopped = false;
  readonly state = { audio: true, video: true };
  readonly currentTracks = { audio: null, video: null };
  stop = () => {
    this.stopped = true;
  };
}

const peer = (id: string, instance = `${id}-tab-1`): Peer => ({
  id,
  instance,
  name: id.toUpperCase(),
  media: { audio: true, video: true },
});

const accepted = (others: Peer[], self = 'me') => ({
  ok: true,
  data: {
    room: { locked: false, passwordProtected: false },
    self: peer(self),
    resume: 'r'.repeat(32),
    peers: others,
    capacity: 6,
    iceServers: [],
  },
});

const refusedWith = (code: string) => ({ ok: false, error: { code, message: code } });

function call() {
  const signalling = new FakeSignalling();
  const links: FakeLink[] = [];
  const media = new FakeMedia();
  const saved: string[] = [];
  const session = new CallSession({
    room: 'room-1',
    name: 'Me',
    serverUrl: 'http://127.0.0.1:1',
    rtcConfig: {},
    log: createLogger('test'),
    media: media,
    resumeTokens: { load: () => saved.at(-1), save: (token) => void saved.push(token) },
    createSignalling: () => signalling,
    createLink: (options) => {
      const link = new FakeLink(options);
      links.push(link);
      return link;
    },
  });
  const events: string[] = [];
  session.on('stateChanged', (state) => events.push(state.kind));
  session.on('participantJoined', (p) => events.push(`joined:${p.id}`));
  session.on('participantUpdated', (p) => events.push(`updated:${p.id}`));
  session.on('participantLeft', (id) => events.push(`left:${id}`));
  session.on('linkStateChanged', ({ peerId, state }) => events.push(`link:${peerId}:${state}`));
  session.on('dataChannelClosed', ({ peerId }) => events.push(`channel-closed:${peerId}`));
  return { session, signalling, links, media, saved, events };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('joining', () => {
  it('says the server is unreachable when the connection opened before Join now already failed, and joins once it connects', async () => {
    const { session, signalling } = call();
    signalling.replies = [accepted([])];
    signalling.server('connectionChanged', 'unreachable');
    session.start();
    await settle();
    expect(session.state).toEqual({ kind: 'server-unreachable', serverUrl: 'http://127.0.0.1:1' });
    signalling.server('connectionChanged', 'connected');
    await settle();
    expect(signalling.joins).toHaveLength(1);
    expect(session.state.kind).toBe('in-call');
  });

  it('joins at once when the connection was made before Join now, and not twice', async () => {
    const { session, signalling } = call();
    signalling.replies = [accepted([])];
    // The call page connects during the pre-join; the room hears nothing until start.
    signalling.server('connectionChanged', 'connected');
    await settle();
    expect(signalling.joins).toEqual([]);
    session.start();
    await settle();
    expect(signalling.joins).toHaveLength(1);
    expect(session.state.kind).toBe('in-call');
  });

  it('sends nothing before start, then joins and connects to everyone already there', async () => {
    const { session, signalling, links, events, saved } = call();
    signalling.replies = [accepted([peer('ana'), peer('bea')])];
    expect(signalling.joins).toEqual([]);
    session.start();
    signalling.server('connectionChanged', 'connected');
    await settle();
    expect(signalling.joins).toHaveLength(1);
    expect(signalling.joins[0]).toMatchObject({ v: 1, room: 'room-1', name: 'Me' });
    expect(events).toEqual(['joining', 'in-call', 'joined:ana', 'joined:bea']);
    expect(links.map((link) => [link.options.peerId, link.options.role])).toEqual([
      ['ana', 'initiator'],
      ['bea', 'initiator'],
    ]);
    expect(saved).toEqual(['r'.repeat(32)]);
  });

  it('asks for the password, keeps the camera on meanwhile, and joins with the one typed', async () => {
    const { session, signalling, media, events } = call();
    signalling.replies = [
      refusedWith('PASSWORD_REQUIRED'),
      refusedWith('WRONG_PASSWORD'),
      accepted([]),
    ];
    session.start();
    signalling.server('connectionChanged', 'connected');
    await settle();
    session.submitPassword('wrong');
    await settle();
    session.submitPassword('right');
    await settle();
    expect(events.filter((e) => !e.startsWith('joining'))).toEqual([
      'password-needed',
      'password-needed',
      'in-call',
    ]);
    expect(signalling.joins.map((join) => join.password)).toEqual([undefined, 'wrong', 'right']);
    expect(media.stopped).toBe(false);
  });

  it('ends everything when the room is full: the camera goes off', async () => {
    const { session, signalling, media, events } = call();
    signalling.replies = [refusedWith('ROOM_FULL')];
    session.start();
    signalling.server('connectionChanged', 'connected');
    await settle();
    expect(events.at(-1)).toBe('room-full');
    expect(media.stopped).toBe(true);
  });

  it('stops when the same person joined from another tab', async () => {
    const { session, signalling, links, media, events } = call();
    signalling.replies = [accepted([peer('ana')])];
    session.start();
    signalling.server('connectionChanged', 'connected');
    await settle();
    signalling.server('replaced', null);
    expect(events.slice(-2)).toEqual(['left:ana', 'moved']);
    expect(links[0]!.closed).toBe(true);
    expect(media.stopped).toBe(true);
  });
});

describe('a lost and restarted server', () => {
  async function inCallWith(others: Peer[]) {
    const setup = call();
    setup.signalling.replies = [accepted(others)];
    setup.session.start();
    setup.signalling.server('connectionChanged', 'connected');
    await settle();
    setup.events.length = 0;
    return setup;
  }

  it('keeps the call going while the server is away, and rejoins with the resume token', async () => {
    const { signalling, links, events } = await inCallWith([peer('ana')]);
    signalling.server('connectionChanged', 'connecting');
    expect(events).toEqual(['reconnecting']);
    signalling.server('connectionChanged', 'connected');
    await settle();
    expect(signalling.joins[1]).toMatchObject({ resume: 'r'.repeat(32) });
    // Ana came back on the same page: her connection is kept, not redone.
    expect(links).toHaveLength(1);
    expect(links[0]!.closed).toBe(false);
    expect(events).toEqual(['reconnecting', 'joining', 'in-call', 'updated:ana']);
  });

  it('takes a peer who does not come back within 15 s for gone, and keeps one who does', async () => {
    const { signalling, links, events } = await inCallWith([peer('ana'), peer('bea')]);
    signalling.replies = [accepted([])];
    signalling.server('connectionChanged', 'connecting');
    signalling.server('connectionChanged', 'connected');
    await settle();
    await vi.advanceTimersByTimeAsync(5_000);
    signalling.server('peerJoined', peer('ana'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events.filter((e) => e.startsWith('left:'))).toEqual(['left:bea']);
    expect(links.map((link) => link.closed)).toEqual([false, true]);
  });

  it('gives a peer who reloaded a new connection, in the same tile', async () => {
    const { signalling, links, events } = await inCallWith([peer('ana')]);
    signalling.server('peerJoined', peer('ana', 'ana-tab-2'));
    // Its old connection closes; the tile stays (an update, not a leave and a join).
    expect(links.map((link) => link.closed)).toEqual([true]);
    expect(events).toEqual(['updated:ana']);
    // The reloaded page starts the new connection: its offer makes our answering link.
    signalling.server('signalReceived', { from: 'ana', signal: { type: 'offer', sdp: 'v=0' } });
    await settle();
    expect(links).toHaveLength(2);
    expect(links[1]!.options.role).toBe('responder');
    expect(links[1]!.signals).toEqual([{ type: 'offer', sdp: 'v=0' }]);
  });
});

describe('links', () => {
  it('drop their listeners when they close: a closed link is never heard again', async () => {
    const { session, signalling, links, events } = call();
    signalling.replies = [accepted([peer('ana')])];
    session.start();
    signalling.server('connectionChanged', 'connected');
    await settle();
    const first = links[0]!;
    first.fire('dataChannelOpened', {} as RTCDataChannel);
    signalling.server('peerLeft', 'ana');
    events.length = 0;
    first.fire('stateChanged', 'failed');
    first.fire('dataChannelClosed', {} as RTCDataChannel);
    expect(events).toEqual([]);
  });

  it('tell a dropped link’s open data channel as closed at once', async () => {
    const { session, signalling, links, events } = call();
    signalling.replies = [accepted([peer('ana')])];
    session.start();
    signalling.server('connectionChanged', 'connected');
    await settle();
    links[0]!.fire('dataChannelOpened', {} as RTCDataChannel);
    events.length = 0;
    signalling.server('peerLeft', 'ana');
    expect(events).toEqual(['channel-closed:ana', 'left:ana']);
  });

  it('ignore signals from someone not in the room', async () => {
    const { session, signalling, links } = call();
    signalling.replies = [accepted([])];
    session.start();
    signalling.server('connectionChanged', 'connected');
    await settle();
    signalling.server('signalReceived', {
      from: 'stranger',
      signal: { type: 'offer', sdp: 'v=0' },
    });
    await settle();
    expect(links).toHaveLength(0);
  });
});
