import type { Signal } from '../protocol/signalling.js';
import type { Logger } from '../shared/log.js';
import { IceRecovery } from './ice-recovery.js';
import {
  cappedEncoding,
  ignoresOffer,
  keepEarlyCandidate,
  linkStateOf,
  type LinkState,
} from './link-rules.js';
import type { VideoBudget } from './video-budget.js';
import { TypedEmitter } from '../shared/typed-emitter.js';

export type { LinkState };

export interface PeerLinkEvents extends Record<string, unknown> {
  stateChanged: LinkState;
  remoteTrackAdded: MediaStreamTrack;
  /** The peer's shared screen: a stream while it shares, null when it stops. */
  remoteScreenChanged: MediaStream | null;
  dataChannelOpened: RTCDataChannel;
  dataChannelClosed: RTCDataChannel;
}

export type TrackKind = 'audio' | 'video';
export type LocalTracks = Record<TrackKind, MediaStreamTrack | null>;

export interface PeerLinkOptions {
  peerId: string;
  /** The joiner starts the connection; the peer already in the room answers, politely. */
  role: 'initiator' | 'responder';
  rtcConfig: RTCConfiguration;
  localTracks: LocalTracks;
  sendSignal: (signal: Signal) => Promise<void>;
  log: Logger;
}

/** The DataChannel the widget platform shares; negotiated so both sides create it with id 0. */
export const WIDGET_CHANNEL = { label: 'tfx-widgets', id: 0 } as const;

/**
 * One RTCPeerConnection to one peer, using the perfect-negotiation pattern so either side may
 * renegotiate at any time without glare. One audio and one video transceiver live for the whole
 * call; device switches and camera on/off swap tracks on them with `replaceTrack`.
 */
export class PeerLink extends TypedEmitter<PeerLinkEvents> {
  readonly peerId: string;
  readonly remoteStream = new MediaStream();
  /** The screen this peer shares, on a video transceiver of its own (never the camera's). */
  private readonly remoteScreen = new MediaStream();
  /** Ours for sharing our screen: added on the first share, then kept (inactive when not). */
  private screenTransceiver: RTCRtpTransceiver | undefined;
  readonly pc: RTCPeerConnection;
  private readonly polite: boolean;
  private readonly transceivers: Partial<Record<TrackKind, RTCRtpTransceiver>> = {};
  private channel: RTCDataChannel | undefined;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswerPending = false;
  private signalQueue: Promise<void> = Promise.resolve();
  private linkState: LinkState = 'connecting';
  private videoBudget: VideoBudget | null = null;
  private budgetApplied: Promise<void> = Promise.resolve();
  private readonly earlyCandidates: RTCIceCandidateInit[] = [];
  private readonly lifetime = new AbortController();
  private readonly recovery: IceRecovery;

  constructor(private readonly options: PeerLinkOptions) {
    super();
    this.peerId = options.peerId;
    this.polite = options.role === 'responder';
    this.pc = new RTCPeerConnection(options.rtcConfig);
    this.pc.addEventListener('negotiationneeded', () => void this.negotiate());
    this.pc.addEventListener('icecandidate', ({ candidate }) => {
      if (!candidate) return;
      const init = candidate.toJSON();
      void this.send({
        type: 'candidate',
        candidate: { ...init, candidate: init.candidate ?? '' },
      });
    });
    this.pc.addEventListener('track', ({ track, transceiver }) => {
      if (this.isCameraOrMicrophone(transceiver)) {
        this.remoteStream.addTrack(track);
        this.emit('remoteTrackAdded', track);
        return;
      }
      // Any later video m-line is a screen (this app sends nothing else). Renegotiation to
      // inactive mutes its track and sharing again unmutes it: the tile follows. Sharing again
      // fires 'track' again for the same track, which is already followed.
      if (track.kind !== 'video') return;
      const show = () => this.emit('remoteScreenChanged', track.muted ? null : this.remoteScreen);
      if (!this.remoteScreen.getTrackById(track.id)) {
        for (const old of this.remoteScreen.getVideoTracks()) this.remoteScreen.removeTrack(old);
        this.remoteScreen.addTrack(track);
        track.addEventListener('mute', show, { signal: this.lifetime.signal });
        track.addEventListener('unmute', show, { signal: this.lifetime.signal });
      }
      show();
    });
    this.recovery = new IceRecovery(this.pc, {
      mayRestart: options.role === 'initiator',
      log: options.log,
      signal: this.lifetime.signal,
    });
    this.pc.addEventListener('connectionstatechange', () => {
      const next = linkStateOf(this.pc.connectionState, this.recovery.recovering);
      if (next && next !== this.linkState) {
        this.linkState = next;
        if (next === 'connected') void this.applyVideoBudget();
        this.emit('stateChanged', next);
      }
    });
    if (options.role === 'initiator') {
      for (const kind of ['audio', 'video'] as const) {
        this.transceivers[kind] = this.pc.addTransceiver(options.localTracks[kind] ?? kind, {
          direction: 'sendrecv',
        });
      }
      this.openChannel();
      // The first offer goes at once rather than after negotiationneeded, which waits behind
      // whatever the page has queued (on joining, the call's first render): about 15 ms.
      // Chromium then sees nothing left to negotiate and fires no second one.
      void this.negotiate();
    }
  }

  /**
   * Shares a screen (or stops, with null). The first share adds a transceiver and renegotiates
   * through the perfect-negotiation path; stopping makes it inactive, so the peer's tile goes.
   */
  async setScreenTrack(track: MediaStreamTrack | null): Promise<void> {
    if (!this.screenTransceiver) {
      if (!track) return;
      this.screenTransceiver = this.pc.addTransceiver(track, { direction: 'sendonly' });
      return;
    }
    await this.screenTransceiver.sender.replaceTrack(track);
    // Changing the direction fires negotiationneeded; the offer tells the peer.
    this.screenTransceiver.direction = track ? 'sendonly' : 'inactive';
  }

  /**
   * The peer's sound level (0–1) from the audio level the RTP packets carry: cheap and
   * synchronous, no audio decoding. 0 when nothing arrived in the last second (muted, silent).
   */
  incomingAudioLevel(): number {
    const receiver = this.transceivers.audio?.receiver;
    const [latest] = receiver?.getSynchronizationSources() ?? [];
    if (!latest || performance.timeOrigin + performance.now() - latest.timestamp > 1000) return 0;
    return latest.audioLevel ?? 0;
  }

  /** Our own sound level (0–1) as the audio encoder sees it; undefined before it has one. */
  async outgoingAudioLevel(): Promise<number | undefined> {
    const sender = this.transceivers.audio?.sender;
    if (!sender?.track) return undefined;
    let level: number | undefined;
    (await sender.getStats()).forEach((entry: { type?: string; audioLevel?: number }) => {
      if (entry.type === 'media-source' && typeof entry.audioLevel === 'number')
        level = entry.audioLevel;
    });
    return level;
  }

  /** The first audio and the first video m-line (not our screen's) carry microphone and camera. */
  private isCameraOrMicrophone(transceiver: RTCRtpTransceiver): boolean {
    const kind = transceiver.receiver.track.kind;
    const first = this.pc
      .getTransceivers()
      .find((each) => each !== this.screenTransceiver && each.receiver.track.kind === kind);
    return first === transceiver;
  }

  /** Swaps the outgoing track of one kind (null sends nothing) without renegotiating. */
  async setLocalTrack(kind: TrackKind, track: MediaStreamTrack | null): Promise<void> {
    this.options.localTracks[kind] = track;
    await this.transceivers[kind]?.sender.replaceTrack(track);
  }

  /** Caps the outgoing video to this link; applied once encodings exist (after negotiation). */
  async setVideoBudget(budget: VideoBudget | null): Promise<void> {
    this.videoBudget = budget;
    await this.applyVideoBudget();
  }

  /**
   * One budget change at a time: `setParameters` must be given what the latest `getParameters`
   * returned, so a second change started before the first settles is refused.
   */
  private applyVideoBudget(): Promise<void> {
    this.budgetApplied = this.budgetApplied.then(() => this.writeVideoBudget());
    return this.budgetApplied;
  }

  private async writeVideoBudget(): Promise<void> {
    const sender = this.transceivers.video?.sender;
    const budget = this.videoBudget;
    if (!sender) return;
    const parameters = sender.getParameters();
    const [encoding] = parameters.encodings;
    const capped = encoding && cappedEncoding(encoding, budget);
    if (!capped) return;
    parameters.encodings[0] = capped;
    try {
      await sender.setParameters(parameters);
    } catch (error) {
      this.options.log.warn(`Could not cap video to ${this.peerId}`, error);
    }
  }

  /** Signals are handled strictly in arrival order. */
  handleSignal(signal: Signal): Promise<void> {
    this.signalQueue = this.signalQueue
      .then(() => this.applySignal(signal))
      .catch((error: unknown) => {
        this.options.log.warn(`Signal from ${this.peerId} could not be applied`, error);
      });
    return this.signalQueue;
  }

  /**
   * Ends the link: no more events, the remote tracks stop now. The connection itself is closed on
   * a later task because Chromium's `RTCPeerConnection.close()` blocks the page while WebRTC tears
   * down (measured at 2.5 s with four video peers on two cores); the page must not freeze with
   * the departed person's tile still on screen.
   */
  close(): void {
    this.lifetime.abort();
    for (const track of this.remoteStream.getTracks()) track.stop();
    setTimeout(() => {
      this.channel?.close();
      this.pc.close();
    });
  }

  private async applySignal(signal: Signal): Promise<void> {
    if (signal.type === 'candidate') {
      // A candidate can overtake the offer it belongs to; keep it until there is one.
      if (!this.pc.remoteDescription) {
        keepEarlyCandidate(this.earlyCandidates, signal.candidate);
        return;
      }
      try {
        await this.pc.addIceCandidate(signal.candidate);
      } catch (error) {
        if (!this.ignoreOffer) throw error; // candidates of an offer we ignored are expected to fail
      }
      return;
    }
    this.ignoreOffer = ignoresOffer(signal.type, {
      makingOffer: this.makingOffer,
      signalingState: this.pc.signalingState,
      settingRemoteAnswerPending: this.settingRemoteAnswerPending,
      polite: this.polite,
    });
    if (this.ignoreOffer) return;
    this.settingRemoteAnswerPending = signal.type === 'answer';
    await this.pc.setRemoteDescription({ type: signal.type, sdp: signal.sdp });
    this.settingRemoteAnswerPending = false;
    for (const candidate of this.earlyCandidates.splice(0)) {
      await this.pc.addIceCandidate(candidate).catch(() => undefined);
    }
    if (signal.type === 'offer') {
      await this.adoptRemoteTransceivers();
      await this.pc.setLocalDescription();
      const answer = this.pc.localDescription;
      if (answer) await this.send({ type: 'answer', sdp: answer.sdp });
    }
  }

  /**
   * The responder's transceivers come from the initiator's first offer. Sending on them before
   * answering (rather than adding new ones) keeps one audio and one video m-line per link.
   */
  private async adoptRemoteTransceivers(): Promise<void> {
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind as TrackKind;
      if (
        this.transceivers[kind] ||
        transceiver === this.screenTransceiver ||
        transceiver.currentDirection === 'stopped'
      )
        continue;
      this.transceivers[kind] = transceiver;
      transceiver.direction = 'sendrecv';
      await transceiver.sender.replaceTrack(this.options.localTracks[kind]);
    }
    if (!this.channel) this.openChannel();
  }

  private openChannel(): void {
    const channel = this.pc.createDataChannel(WIDGET_CHANNEL.label, {
      negotiated: true,
      id: WIDGET_CHANNEL.id,
      ordered: true,
    });
    channel.binaryType = 'arraybuffer';
    channel.addEventListener('open', () => this.emit('dataChannelOpened', channel));
    channel.addEventListener('close', () => this.emit('dataChannelClosed', channel));
    this.channel = channel;
  }

  private async negotiate(): Promise<void> {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const offer = this.pc.localDescription;
      if (offer?.type === 'offer') await this.send({ type: 'offer', sdp: offer.sdp });
    } catch (error) {
      this.options.log.warn(`Negotiation with ${this.peerId} failed`, error);
    } finally {
      this.makingOffer = false;
    }
  }

  private async send(signal: Signal): Promise<void> {
    try {
      await this.options.sendSignal(signal);
    } catch (error) {
      this.options.log.warn(`Could not send ${signal.type} to ${this.peerId}`, error);
    }
  }
}
