import {
  CONTROL_CHANNEL_ID,
  parsePeerControl,
  type PeerControl,
} from '../protocol/peer-control.js';
import type { PeerInfo } from '../protocol/widget.js';
import type { Logger } from '../shared/log.js';
import { TokenBucket } from '../shared/token-bucket.js';
import { TypedEmitter } from '../shared/typed-emitter.js';
import type { NetworkMessage, WidgetNetwork } from '../widget-host/widget-network.js';

export type PeerControlOf<K extends PeerControl['type']> = Extract<PeerControl, { type: K }>;

/** One event per kind of control message, so each call feature hears only its own. */
export type PeerControlEvents = {
  [K in PeerControl['type']]: { control: PeerControlOf<K>; from: PeerInfo };
};

/**
 * Control messages one peer may send: a person opens a widget or starts recording a few times
 * a minute; a burst of 20 and 5 a second leave room for that and none for a flood (a peer that
 * force-opened widgets 200 times a second, or flickered the recording indicator).
 */
const CONTROL_BURST = 20;
const CONTROL_PER_SECOND = 5;

const utf8 = new TextEncoder();

/**
 * The call's own messages between peers (which widgets are open, who records), on the data
 * channel the widgets share but under an id no widget can have. Parsed and rate-limited per
 * peer where they enter; each feature subscribes to its own kinds.
 */
export class PeerControlChannel extends TypedEmitter<PeerControlEvents> {
  private readonly allowance = new Map<string, TokenBucket>();
  private refusalsLogged = 0;

  constructor(
    private readonly network: WidgetNetwork,
    private readonly log: Logger,
    signal: AbortSignal,
  ) {
    super();
    network.on(
      'messageReceived',
      (message) => message.widgetId === CONTROL_CHANNEL_ID && this.receive(message),
      { signal },
    );
    network.on('peerLeft', (peer) => this.allowance.delete(peer.id), { signal });
  }

  /** Sends to one peer or everyone; control never competes with a widget's send budget. */
  send(control: PeerControl, to?: string): Promise<void> {
    return this.network.send(CONTROL_CHANNEL_ID, 'json', utf8.encode(JSON.stringify(control)), to);
  }

  private receive(message: NetworkMessage): void {
    const peer = message.from.id;
    let allowance = this.allowance.get(peer);
    if (!allowance) {
      allowance = new TokenBucket(CONTROL_BURST, CONTROL_PER_SECOND, () => performance.now());
      this.allowance.set(peer, allowance);
    }
    if (!allowance.take()) {
      // Logged a few times, not once per message: the log must not become the flood.
      if (this.refusalsLogged++ < 10)
        this.log.warn(`Dropped control messages from ${peer}: too many`);
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(message.payload));
    } catch {
      raw = undefined;
    }
    const parsed = parsePeerControl(raw);
    if (!parsed.ok) {
      this.log.warn(`Refused a control message from ${peer}`, parsed.reason);
      return;
    }
    this.deliver(parsed.value, message.from);
  }

  private deliver<K extends PeerControl['type']>(control: PeerControlOf<K>, from: PeerInfo): void {
    this.emit(control.type, { control, from } as PeerControlEvents[K]);
  }
}
