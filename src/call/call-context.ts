import type { CallSession } from '../session/call-session.js';
import type { Logger } from '../shared/log.js';
import type { WidgetNetwork } from '../widget-host/widget-network.js';
import type { PeerControlChannel } from './peer-control-channel.js';
import type { TileGrid } from './stage/tile-grid.js';
import type { MessageKey } from '../shared/i18n.js';

/** What every call feature may use: the call, the stage, and the call's peer channels. */
export interface CallContext {
  readonly session: CallSession;
  readonly grid: TileGrid;
  readonly room: string;
  /** This person's name in the call. */
  readonly name: string;
  /** The link others open to join this room. */
  readonly inviteUrl: string;
  /** The peers' shared data channels, as widgets see them. */
  readonly network: WidgetNetwork;
  /** The call's own messages between peers (open widgets, recording). */
  readonly control: PeerControlChannel;
  readonly log: Logger;
}

/**
 * One call feature (the controls, recording, the widgets…): `start` wires it into the page for
 * as long as `signal` lives, which is as long as the person is in the call.
 */
export interface CallFeature {
  /** Named to the person if the feature fails to start. */
  readonly title: MessageKey;
  /**
   * Called when the page opens, before the pre-join: work that needs no call (reading what is
   * stored) starts here, so Join now does not wait for it. It must not throw.
   */
  prepare?(): void;
  start(ctx: CallContext, signal: AbortSignal): void | Promise<void>;
}
