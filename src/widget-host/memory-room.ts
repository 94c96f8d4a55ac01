import { PEER_LIMITS, type PayloadKind } from '../protocol/peer.js';
import type { PeerInfo } from '../protocol/widget.js';
import { errors } from '../shared/app-error.js';
import { TypedEmitter } from '../shared/typed-emitter.js';
import type { WidgetNetwork, WidgetNetworkEvents } from './widget-network.js';

/** How the simulated links behave; changeable while widgets run. */
export interface LinkConditions {
  /** One-way delay added to every message. */
  delayMs: number;
  /**
   * Share of transmissions lost (0–100). The real channel is reliable and ordered, so a lost
   * message is not dropped: it is resent after a retransmission timeout, and the messages
   * behind it wait (head-of-line blocking), as on SCTP.
   */
  lossPercent: number;
}

export interface MemoryRoomOptions {
  random?: () => number;
  schedule?: (run: () => void, afterMs: number) => void;
  now?: () => number;
}

/** SCTP's minimum retransmission timeout is about 1 s; browsers use less on fast links. */
const RETRANSMIT_BASE_MS = 200;

/**
 * A room of simulated peers in one page, for the widget playground: every widget network
 * feature (peers, joins and leaves, ordered delivery, one-peer sends) without a call.
 */
export class MemoryRoom {
  conditions: LinkConditions = { delayMs: 0, lossPercent: 0 };
  private readonly members = new Map<string, MemoryPeerNetwork>();
  // Per sender→receiver link: when its last message is delivered, so none overtakes another.
  private readonly linkClock = new Map<string, number>();
  private readonly random: () => number;
  private readonly schedule: (run: () => void, afterMs: number) => void;
  private readonly now: () => number;

  constructor(options: MemoryRoomOptions = {}) {
    this.random = options.random ?? Math.random;
    this.schedule = options.schedule ?? ((run, afterMs) => setTimeout(run, afterMs));
    this.now = options.now ?? (() => performance.now());
  }

  join(info: PeerInfo): MemoryPeerNetwork {
    const network = new MemoryPeerNetwork(this, info);
    const others = [...this.members.values()];
    this.members.set(info.id, network);
    for (const other of others) {
      other.announce('peerJoined', info);
      network.announce('peerJoined', other.self);
    }
    return network;
  }

  leave(peerId: string): void {
    const leaving = this.members.get(peerId);
    if (!leaving) return;
    this.members.delete(peerId);
    for (const other of this.members.values()) other.announce('peerLeft', leaving.self);
  }

  peersOf(peerId: string): PeerInfo[] {
    return [...this.members.values()]
      .filter((member) => member.self.id !== peerId)
      .map((member) => member.self);
  }

  has(peerId: string): boolean {
    return this.members.has(peerId);
  }

  deliver(
    from: PeerInfo,
    to: string,
    widgetId: string,
    kind: PayloadKind,
    payload: Uint8Array,
  ): void {
    const link = `${from.id}→${to}`;
    let latency = this.conditions.delayMs;
    const loss = Math.min(0.95, Math.max(0, this.conditions.lossPercent / 100));
    // Each lost transmission costs one retransmission timeout (doubling, as RTO backs off).
    for (let timeout = RETRANSMIT_BASE_MS + 2 * latency; this.random() < loss; timeout *= 2) {
      latency += timeout;
    }
    const now = this.now();
    const at = Math.max(now + latency, this.linkClock.get(link) ?? 0);
    this.linkClock.set(link, at);
    const copy = payload.slice();
    this.schedule(() => {
      this.members.get(to)?.announce('messageReceived', { widgetId, from, kind, payload: copy });
    }, at - now);
  }
}

/** One simulated peer's view of the room: what its WidgetHost runs on. */
export class MemoryPeerNetwork extends TypedEmitter<WidgetNetworkEvents> implements WidgetNetwork {
  constructor(
    private readonly room: MemoryRoom,
    readonly self: PeerInfo,
  ) {
    super();
  }

  announce<K extends keyof WidgetNetworkEvents>(name: K, payload: WidgetNetworkEvents[K]): void {
    this.emit(name, payload);
  }

  peers(): PeerInfo[] {
    return this.room.has(this.self.id) ? this.room.peersOf(this.self.id) : [];
  }

  /** Another person in the room: as in a call, this person is not their own peer. */
  knows(peerId: string): boolean {
    return peerId !== this.self.id && this.room.has(peerId);
  }

  send(widgetId: string, kind: PayloadKind, payload: Uint8Array, to?: string): Promise<void> {
    if (!this.room.has(this.self.id)) return Promise.reject(errors.notConnected());
    if (payload.byteLength > PEER_LIMITS.maxMessageBytes) {
      return Promise.reject(
        errors.messageTooLarge(payload.byteLength, PEER_LIMITS.maxMessageBytes),
      );
    }
    const targets = to === undefined ? this.peers().map((peer) => peer.id) : [to];
    for (const target of targets) {
      if (!this.knows(target)) return Promise.reject(errors.notConnected(target));
    }
    for (const target of targets) this.room.deliver(this.self, target, widgetId, kind, payload);
    return Promise.resolve();
  }
}
