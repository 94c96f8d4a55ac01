import { PEER_LIMITS, encodeMessage, parseFrame, type PayloadKind } from '../protocol/peer.js';
import { errors } from '../shared/app-error.js';
import { TypedEmitter } from '../shared/typed-emitter.js';
import { FrameScheduler, type FrameChannel, type SchedulerLimits } from './frame-scheduler.js';
import { MessageReassembler } from './message-reassembler.js';

/** The part of an RTCDataChannel the bus uses; a test drives it with a fake. */
export interface BusChannel extends FrameChannel {
  close(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'bufferedamountlow' | 'close', listener: () => void): void;
}

export interface BusMessage {
  widgetId: string;
  /** The peer whose channel it came from: the only sender identity the bus trusts. */
  from: string;
  kind: PayloadKind;
  payload: Uint8Array;
}

export interface WidgetBusEvents extends Record<string, unknown> {
  messageReceived: BusMessage;
  /** A frame or message from a peer that broke the peer wire; it is dropped, the call goes on. */
  frameRejected: { from: string; widgetId?: string; reason: string };
  peerConnected: string;
  peerDisconnected: string;
}

class PeerLane {
  readonly scheduler: FrameScheduler;
  readonly reassembler = new MessageReassembler();
  private readonly nextIds = new Map<string, number>();

  constructor(
    readonly channel: BusChannel,
    limits?: SchedulerLimits,
  ) {
    this.scheduler = new FrameScheduler(channel, limits);
  }

  nextMessageId(widgetId: string): number {
    const id = this.nextIds.get(widgetId) ?? 0;
    this.nextIds.set(widgetId, (id + 1) >>> 0);
    return id;
  }
}

/**
 * The widget bus: every widget's messages to every peer over the one DataChannel each pair of
 * peers shares. Outgoing messages are chunked and scheduled fairly per channel; incoming frames
 * are validated and reassembled, and each complete message is attributed to the channel's peer.
 */
export class WidgetBus extends TypedEmitter<WidgetBusEvents> {
  private readonly lanes = new Map<string, PeerLane>();

  constructor(private readonly limits?: SchedulerLimits) {
    super();
  }

  /** Starts using an open channel to a peer; a second channel for the same peer replaces it. */
  connect(peerId: string, channel: BusChannel): void {
    const lane = new PeerLane(channel, this.limits);
    this.lanes.set(peerId, lane);
    channel.addEventListener('message', (event) => this.receive(peerId, lane, event.data));
    channel.addEventListener('close', () => this.disconnect(peerId, lane));
    this.emit('peerConnected', peerId);
  }

  disconnect(peerId: string, lane = this.lanes.get(peerId)): void {
    if (!lane || this.lanes.get(peerId) !== lane) return;
    this.lanes.delete(peerId);
    this.emit('peerDisconnected', peerId);
  }

  connectedPeers(): string[] {
    return [...this.lanes.keys()];
  }

  /**
   * Sends one message to one peer, or to every connected peer. Resolves once every frame has
   * been handed to the channel(s); rejects with NOT_CONNECTED if a channel is or goes away.
   */
  async send(widgetId: string, kind: PayloadKind, payload: Uint8Array, to?: string): Promise<void> {
    // Refused with a code, as every widget network does, before any frame is made.
    if (payload.byteLength > PEER_LIMITS.maxMessageBytes)
      throw errors.messageTooLarge(payload.byteLength, PEER_LIMITS.maxMessageBytes);
    const targets =
      to === undefined ? [...this.lanes.entries()] : [[to, this.lanes.get(to)] as const];
    await Promise.all(
      targets.map(async ([peerId, lane]) => {
        if (!lane) throw errors.notConnected(peerId);
        const frames = encodeMessage(widgetId, lane.nextMessageId(widgetId), kind, payload);
        try {
          await lane.scheduler.send(widgetId, frames);
        } catch (error) {
          if (error instanceof RangeError) throw error;
          throw errors.notConnected(peerId);
        }
      }),
    );
  }

  private receive(from: string, lane: PeerLane, data: unknown): void {
    const parsed = parseFrame(data);
    if (!parsed.ok) {
      this.emit('frameRejected', { from, reason: parsed.reason });
      return;
    }
    const result = lane.reassembler.accept(parsed.value);
    if (result.status === 'rejected') {
      this.emit('frameRejected', { from, widgetId: result.widgetId, reason: result.reason });
      // A flood is not a mistake: hang up on that peer's widgets rather than keep its bytes.
      if (result.flood) lane.channel.close();
    } else if (result.status === 'complete') {
      const { widgetId, kind, payload } = result;
      this.emit('messageReceived', { widgetId, from, kind, payload });
    }
  }
}
