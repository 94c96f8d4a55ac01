import {
  SIGNALLING_PROTOCOL_VERSION,
  type Peer,
  type RoomSettings,
  type Signal,
} from '../protocol/signalling.js';
import { AppError, errors, type WireError } from '../shared/app-error.js';
import type { Logger } from '../shared/log.js';
import { markMoment } from '../shared/perf-marks.js';
import { TypedEmitter } from '../shared/typed-emitter.js';
import {
  SignallingClient,
  type SignallingConnection,
} from '../signalling-client/signalling-client.js';
import type { LocalMediaController } from './local-media-controller.js';
import { PeerLink, type LinkState, type PeerLinkOptions, type TrackKind } from './peer-link.js';
import { videoBudgetFor } from './video-budget.js';

/** Where this person is in the call; one value, one `stateChanged` event. */
export type SessionState =
  | { kind: 'joining' }
  | { kind: 'server-unreachable'; serverUrl: string }
  /** The signalling server went away mid-call: media keeps flowing, newcomers can't join. */
  | { kind: 'reconnecting' }
  | { kind: 'in-call'; selfId: string; capacity: number }
  | { kind: 'room-full'; message: string }
  /** The room has a password: ask for it (again, if the last one was wrong) and `submitPassword`. */
  | { kind: 'password-needed'; wrong: boolean }
  | { kind: 'room-locked'; message: string }
  | { kind: 'refused'; error: WireError }
  /** The same person rejoined from another tab or window (a duplicated tab): this one stops. */
  | { kind: 'moved' }
  | { kind: 'left' };

export interface CallSessionEvents extends Record<string, unknown> {
  stateChanged: SessionState;
  participantJoined: Peer;
  participantUpdated: Peer;
  participantLeft: string;
  linkStateChanged: { peerId: string; state: LinkState };
  remoteStreamChanged: { peerId: string; stream: MediaStream };
  /** A peer started (a stream) or stopped (null) sharing its screen. */
  remoteScreenChanged: { peerId: string; stream: MediaStream | null };
  /** The widget platform's DataChannel to one peer is open (unused until widgets land). */
  dataChannelOpened: { peerId: string; channel: RTCDataChannel };
  dataChannelClosed: { peerId: string };
  /** Locked or not, password or not: as the server says, at join and whenever someone changes it. */
  roomChanged: RoomSettings;
}

/** What the session uses of its signalling connection: a SignallingClient, or a fake in a test. */
export type SessionSignalling = Pick<SignallingClient, 'on' | 'request' | 'sendSignal' | 'state'>;
/** What it uses of the connection to one peer: a PeerLink, or a fake. */
export type SessionLink = Pick<
  PeerLink,
  | 'on'
  | 'pc'
  | 'remoteStream'
  | 'incomingAudioLevel'
  | 'outgoingAudioLevel'
  | 'setScreenTrack'
  | 'setLocalTrack'
  | 'setVideoBudget'
  | 'handleSignal'
  | 'close'
>;
/** What it uses of this person's camera and microphone. */
export type SessionMedia = Pick<LocalMediaController, 'on' | 'state' | 'currentTracks' | 'stop'>;

export interface CallSessionOptions<Media extends SessionMedia = LocalMediaController> {
  room: string;
  name: string;
  serverUrl: string;
  rtcConfig: RTCConfiguration;
  log: Logger;
  /** Sets the password of a new room, or opens a protected one. */
  password?: string;
  /** Where this page keeps its resume token, so a reload comes back as the same person. */
  resumeTokens?: ResumeTokenStore;
  /**
   * The camera and microphone, already started by the pre-join step: joining sends what the
   * person saw and chose there.
   */
  media: Media;
  /** How the session reaches the server; a test hands in a fake. */
  createSignalling?: (serverUrl: string, log: Logger, signal: AbortSignal) => SessionSignalling;
  /** How it connects to one peer; a test hands in a fake. */
  createLink?: (options: PeerLinkOptions) => SessionLink;
}

export interface ResumeTokenStore {
  load(): string | undefined;
  save(token: string): void;
}

/**
 * After rejoining a restarted server, how long a peer we still have a connection to may take to
 * rejoin too before we take it for gone.
 */
const ABSENT_AFTER_REJOIN_MS = 15_000;

function newInstanceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

/** The call: this person's media, the signalling connection and one PeerLink per participant. */
export class CallSession<
  Media extends SessionMedia = LocalMediaController,
> extends TypedEmitter<CallSessionEvents> {
  readonly media: Media;
  private readonly lifetime = new AbortController();
  private readonly links = new Map<string, SessionLink>();
  /** Each link's listeners and whether its data channel was announced, until it is dropped. */
  private readonly linkScopes = new Map<SessionLink, { scope: AbortController; open: boolean }>();
  private readonly participants = new Map<string, Peer>();
  /** The screen this person shares, sent to every link, including ones made later. */
  private screenTrack: MediaStreamTrack | null = null;
  private signalling: SessionSignalling | undefined;
  private current: SessionState = { kind: 'joining' };
  private joinedOnce = false;
  private serverIceServers: RTCIceServer[] = [];
  private password: string | undefined;
  /** This page's run: tells the others whether we came back with our connections or without. */
  private readonly instance = newInstanceId();
  /** Peers the server has confirmed since our last join; the rest may have gone meanwhile. */
  private confirmed = new Set<string>();

  constructor(private readonly options: CallSessionOptions<Media>) {
    super();
    this.media = options.media;
    this.password = options.password;
    this.media.on('trackReplaced', ({ kind, track }) => this.sendTrackToAll(kind, track), {
      signal: this.lifetime.signal,
    });
    this.media.on(
      'mediaStateChanged',
      (media) => void this.signalling?.request('media:update', { media }),
      {
        signal: this.lifetime.signal,
      },
    );
  }

  get state(): SessionState {
    return this.current;
  }

  /**
   * Joins the room: the first moment anything leaves this browser. The camera and microphone
   * were started (and only shown here) by the pre-join step.
   */
  start(): void {
    this.assertAlive();
    const createSignalling =
      this.options.createSignalling ??
      ((url, log, signal) => new SignallingClient(url, log, signal));
    const signalling = createSignalling(
      this.options.serverUrl,
      this.options.log,
      this.lifetime.signal,
    );
    this.signalling = signalling;
    const signal = this.lifetime.signal;
    const connectionChanged = (connection: SignallingConnection) => {
      if (connection === 'connected') void this.join();
      if (connection === 'connecting' || connection === 'unreachable') {
        this.setState(
          this.current.kind === 'in-call' || this.current.kind === 'reconnecting'
            ? { kind: 'reconnecting' }
            : { kind: 'server-unreachable', serverUrl: this.options.serverUrl },
        );
      }
    };
    signalling.on('connectionChanged', connectionChanged, { signal });
    signalling.on('peerJoined', (peer) => this.welcome(peer, 'responder'), { signal });
    signalling.on(
      'replaced',
      () => {
        this.end();
        this.setState({ kind: 'moved' });
      },
      { signal },
    );
    signalling.on('peerUpdated', (peer) => this.updateParticipant(peer), { signal });
    signalling.on('roomUpdated', (room) => this.emit('roomChanged', room), { signal });
    signalling.on('peerLeft', (peerId) => this.removeParticipant(peerId), { signal });
    signalling.on(
      'signalReceived',
      ({ from, signal: payload }) => void this.receiveSignal(from, payload),
      { signal },
    );
    // The connection may have been opened before Join now (see createSignalling): act on where
    // it stands already, connected (join at once) or unreachable (say so; it keeps trying).
    if (signalling.state === 'connected' || signalling.state === 'unreachable')
      connectionChanged(signalling.state);
  }

  peer(peerId: string): Peer | undefined {
    return this.participants.get(peerId);
  }

  /**
   * Sound levels (0–1) per peer from what their packets carry, and ours from the encoder of
   * one link (undefined when no one else is here).
   */
  async audioLevels({ withOwn }: { withOwn: boolean }): Promise<{
    own: number | undefined;
    peers: Map<string, number>;
  }> {
    const peers = new Map<string, number>();
    for (const [peerId, link] of this.links) peers.set(peerId, link.incomingAudioLevel());
    if (!withOwn) return { own: undefined, peers };
    const first = this.links.values().next().value;
    const own = this.media.state.audio ? await first?.outgoingAudioLevel() : 0;
    return { own, peers };
  }

  /** Shares a screen with everyone (null stops); peers who join later get it too. */
  shareScreen(track: MediaStreamTrack | null): void {
    this.screenTrack = track;
    for (const link of this.links.values()) void link.setScreenTrack(track);
  }

  /** The peer connection to each participant that has one, for call statistics. */
  peerConnections(): { peer: Peer; pc: RTCPeerConnection }[] {
    return [...this.links].flatMap(([peerId, link]) => {
      const peer = this.participants.get(peerId);
      return peer ? [{ peer, pc: link.pc }] : [];
    });
  }

  /**
   * Leaves the call. `mayReturn` when the page is going away (it may be reloading): the server
   * then keeps this person's place for a few seconds.
   */
  async leave({ mayReturn = false } = {}): Promise<void> {
    if (this.current.kind === 'left') return;
    await this.signalling
      ?.request('room:leave', mayReturn ? { mayReturn: true } : {})
      .catch(() => undefined);
    this.end();
    this.setState({ kind: 'left' });
  }

  /** Releases everything: links, camera and microphone (their lights go off), the socket. */
  private end(): void {
    this.removeAllParticipants();
    this.media.stop();
    this.lifetime.abort();
  }

  /** Tries joining again with this password (after a `password-needed` state). */
  submitPassword(password: string): void {
    this.assertAlive();
    this.password = password;
    void this.join();
  }

  /** Locks the room (no one else may join) or unlocks it; everyone in it is told. */
  async setLocked(locked: boolean): Promise<void> {
    const reply = await this.signalling?.request('room:lock', { locked });
    if (reply && !reply.ok) throw AppError.fromWire(reply.error);
  }

  /** The ICE configuration links use: the person's own servers, then the signalling server's. */
  get rtcConfig(): RTCConfiguration {
    return {
      ...this.options.rtcConfig,
      iceServers: [...(this.options.rtcConfig.iceServers ?? []), ...this.serverIceServers],
    };
  }

  private async join(): Promise<void> {
    if (!this.signalling || this.lifetime.signal.aborted) return;
    // Links stay up while the server is away: media is peer to peer. Rejoining reconciles them.
    this.setState({ kind: 'joining' });
    markMoment('tfx:join-sent');
    const resume = this.options.resumeTokens?.load();
    const reply = await this.signalling.request('room:join', {
      v: SIGNALLING_PROTOCOL_VERSION,
      room: this.options.room,
      name: this.options.name,
      media: this.media.state,
      instance: this.instance,
      ...(resume === undefined ? {} : { resume }),
      ...(this.password === undefined ? {} : { password: this.password }),
    });
    if (!reply.ok && ['PASSWORD_REQUIRED', 'WRONG_PASSWORD'].includes(reply.error.code)) {
      // Not the end of the call: the camera stays on while the person types the password.
      this.setState({ kind: 'password-needed', wrong: reply.error.code === 'WRONG_PASSWORD' });
      return;
    }
    if (!reply.ok) {
      this.setState(
        reply.error.code === 'ROOM_FULL'
          ? { kind: 'room-full', message: reply.error.message }
          : reply.error.code === 'ROOM_LOCKED'
            ? { kind: 'room-locked', message: reply.error.message }
            : { kind: 'refused', error: reply.error },
      );
      // Refused (full room, bad request): this call is over, so nothing stays switched on.
      this.end();
      return;
    }
    this.options.resumeTokens?.save(reply.data.resume);
    // The server's TURN credentials are fresh for each join; links made from now on use them.
    this.serverIceServers = reply.data.iceServers;
    this.emit('roomChanged', reply.data.room);
    this.setState({ kind: 'in-call', selfId: reply.data.self.id, capacity: reply.data.capacity });
    this.confirmed = new Set();
    for (const peer of reply.data.peers) this.welcome(peer, 'initiator');
    if (this.joinedOnce) this.forgetAbsentPeersLater();
    this.joinedOnce = true;
  }

  /**
   * Someone is in the room: new, or known. A known peer on the same page instance came back
   * with its connection to us intact (the server restarted) and keeps it; on a new instance it
   * reloaded, so its old connection is dropped and a new one made, in the same tile.
   */
  private welcome(peer: Peer, role: 'initiator' | 'responder'): void {
    this.confirmed.add(peer.id);
    const known = this.participants.get(peer.id);
    if (known && known.instance === peer.instance && this.links.has(peer.id)) {
      this.updateParticipant(peer);
      return;
    }
    this.dropLink(peer.id);
    this.participants.set(peer.id, peer);
    this.emit(known ? 'participantUpdated' : 'participantJoined', peer);
    // Whoever joined later starts the connection; the others answer its offer.
    if (role === 'initiator') this.connect(peer.id, 'initiator');
  }

  /** After a rejoin: peers that do not come back too have left while the server was away. */
  private forgetAbsentPeersLater(): void {
    const confirmedNow = this.confirmed;
    const timer = setTimeout(() => {
      if (this.confirmed !== confirmedNow) return; // joined again since; that join decides
      for (const peerId of [...this.participants.keys()])
        if (!confirmedNow.has(peerId)) this.removeParticipant(peerId);
    }, ABSENT_AFTER_REJOIN_MS);
    this.lifetime.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  }

  private connect(peerId: string, role: 'initiator' | 'responder'): SessionLink {
    const createLink = this.options.createLink ?? ((options) => new PeerLink(options));
    const link = createLink({
      peerId,
      role,
      rtcConfig: this.rtcConfig,
      localTracks: this.media.currentTracks,
      sendSignal: async (signal) => {
        const reply = await this.signalling?.sendSignal(peerId, signal);
        if (reply && !reply.ok) throw AppError.fromWire(reply.error);
      },
      log: this.options.log,
    });
    // A link's listeners end with the link, not with the call: a peer who left and came back
    // ten times leaves no listeners behind.
    const scope = new AbortController();
    const linkScope = { scope, open: false };
    this.linkScopes.set(link, linkScope);
    const signal = AbortSignal.any([this.lifetime.signal, scope.signal]);
    link.on('stateChanged', (state) => this.emit('linkStateChanged', { peerId, state }), {
      signal,
    });
    link.on(
      'remoteTrackAdded',
      () => this.emit('remoteStreamChanged', { peerId, stream: link.remoteStream }),
      { signal },
    );
    link.on(
      'remoteScreenChanged',
      (stream) => this.emit('remoteScreenChanged', { peerId, stream }),
      {
        signal,
      },
    );
    if (this.screenTrack) void link.setScreenTrack(this.screenTrack);
    link.on(
      'dataChannelOpened',
      (channel) => {
        linkScope.open = true;
        markMoment('tfx:datachannel-open', peerId);
        this.emit('dataChannelOpened', { peerId, channel });
      },
      { signal },
    );
    link.on(
      'dataChannelClosed',
      () => {
        linkScope.open = false;
        this.emit('dataChannelClosed', { peerId });
      },
      { signal },
    );
    this.links.set(peerId, link);
    this.rebalanceVideo();
    return link;
  }

  private async receiveSignal(from: string, signal: Signal): Promise<void> {
    if (!this.participants.has(from)) return; // the server only relays within the room
    let link = this.links.get(from);
    // Whoever joined later starts the connection, so a first signal from someone we have no
    // link to (an offer, or a candidate that overtook it) means we answer.
    link ??= this.connect(from, 'responder');
    await link.handleSignal(signal);
  }

  private updateParticipant(peer: Peer): void {
    if (!this.participants.has(peer.id)) return;
    this.participants.set(peer.id, peer);
    this.emit('participantUpdated', peer);
  }

  private removeParticipant(peerId: string): void {
    this.dropLink(peerId);
    if (this.participants.delete(peerId)) this.emit('participantLeft', peerId);
  }

  private dropLink(peerId: string): void {
    const link = this.links.get(peerId);
    if (!link) return;
    link.close();
    this.links.delete(peerId);
    // Its listeners go now. Its channel closes later, maybe after a successor's opened, so
    // its close is told here, while it is still this peer's news.
    const linkScope = this.linkScopes.get(link);
    this.linkScopes.delete(link);
    linkScope?.scope.abort();
    if (linkScope?.open) this.emit('dataChannelClosed', { peerId });
    this.rebalanceVideo();
  }

  /** Everyone leaves this person's call: their links close and their tiles go. */
  private removeAllParticipants(): void {
    for (const peerId of [...this.participants.keys()]) this.removeParticipant(peerId);
  }

  private rebalanceVideo(): void {
    const budget = videoBudgetFor(this.links.size);
    for (const link of this.links.values()) void link.setVideoBudget(budget);
  }

  private sendTrackToAll(kind: TrackKind, track: MediaStreamTrack | null): void {
    for (const link of this.links.values()) void link.setLocalTrack(kind, track);
  }

  private setState(next: SessionState): void {
    this.current = next;
    this.emit('stateChanged', next);
  }

  private assertAlive(): void {
    if (this.lifetime.signal.aborted) throw errors.destroyed('This call');
  }
}
