import type { PayloadKind } from '../protocol/peer.js';
import type { PeerInfo } from '../protocol/widget.js';
import type { TypedEmitter } from '../shared/typed-emitter.js';

export interface NetworkMessage {
  widgetId: string;
  from: PeerInfo;
  kind: PayloadKind;
  payload: Uint8Array;
}

export interface WidgetNetworkEvents extends Record<string, unknown> {
  messageReceived: NetworkMessage;
  /** A peer whose widget traffic can now flow (its data channel opened). */
  peerJoined: PeerInfo;
  peerLeft: PeerInfo;
}

/**
 * What widgets run on: the call's data channels in a call, an in-memory bus in the playground.
 * `send` resolves once the message has been handed to every target's channel.
 */
export interface WidgetNetwork extends Pick<TypedEmitter<WidgetNetworkEvents>, 'on'> {
  readonly self: PeerInfo;
  /** Peers whose widget traffic can flow now. */
  peers(): PeerInfo[];
  /**
   * Whether this id is someone else in the room (connected or not). Never this person: a
   * widget sending to itself is refused with UNKNOWN_PEER, in a call and in the playground.
   */
  knows(peerId: string): boolean;
  send(widgetId: string, kind: PayloadKind, payload: Uint8Array, to?: string): Promise<void>;
}

/** Per widget and room: the only storage a sandboxed widget has. Values are JSON text. */
export interface WidgetStorage {
  get(widgetId: string, key: string): Promise<string | undefined>;
  /** `null` removes the key. Rejects with STORAGE_FULL past the per-widget limit. */
  set(widgetId: string, key: string, text: string | null): Promise<void>;
}
