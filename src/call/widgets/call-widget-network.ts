import type { PayloadKind } from '../../protocol/peer.js';
import type { PeerInfo } from '../../protocol/widget.js';
import type { CallSession } from '../../session/call-session.js';
import { TypedEmitter } from '../../shared/typed-emitter.js';
import { WidgetBus } from '../../widget-host/widget-bus.js';
import type { WidgetNetwork, WidgetNetworkEvents } from '../../widget-host/widget-network.js';
import type { Logger } from '../../shared/log.js';
import { t } from '../../shared/i18n.js';

/**
 * Widgets' view of the call: the peers whose data channel is open, named as the room knows
 * them, and the bus that carries every widget's messages over those channels.
 */
export class CallWidgetNetwork extends TypedEmitter<WidgetNetworkEvents> implements WidgetNetwork {
  private readonly bus = new WidgetBus();
  private readonly names = new Map<string, string>();
  private selfId: string;

  constructor(
    private readonly session: CallSession,
    private readonly selfName: string,
    log: Logger,
    signal: AbortSignal,
  ) {
    super();
    // Who this person is for their widgets: the id the server gave them, kept through a lost
    // server ('reconnecting'), when the call goes on under the same id. A widget frame that
    // (re)connected then was once told an empty id, and the lines it sent were refused as
    // forged.
    this.selfId = session.state.kind === 'in-call' ? session.state.selfId : '';
    session.on(
      'stateChanged',
      (state) => {
        if (state.kind === 'in-call') this.selfId = state.selfId;
      },
      { signal },
    );
    session.on(
      'dataChannelOpened',
      ({ peerId, channel }) => {
        this.names.set(peerId, session.peer(peerId)?.name ?? t('someone'));
        this.bus.connect(peerId, channel);
      },
      { signal },
    );
    session.on('dataChannelClosed', ({ peerId }) => this.bus.disconnect(peerId), { signal });
    session.on('participantUpdated', (peer) => this.names.set(peer.id, peer.name), { signal });
    this.bus.on('peerConnected', (peerId) => this.emit('peerJoined', this.info(peerId)), {
      signal,
    });
    this.bus.on('peerDisconnected', (peerId) => this.emit('peerLeft', this.info(peerId)), {
      signal,
    });
    this.bus.on(
      'messageReceived',
      ({ from, ...message }) => this.emit('messageReceived', { ...message, from: this.info(from) }),
      { signal },
    );
    this.bus.on(
      'frameRejected',
      ({ from, widgetId, reason }) =>
        log.warn(`Dropped widget data from ${from}${widgetId ? ` for "${widgetId}"` : ''}`, reason),
      { signal },
    );
  }

  /** This person; the id is '' until the server first admits them to the room. */
  get self(): PeerInfo {
    return { id: this.selfId, name: this.selfName };
  }

  peers(): PeerInfo[] {
    return this.bus.connectedPeers().map((peerId) => this.info(peerId));
  }

  /** Another person in the room: this person is never their own peer, as in the playground. */
  knows(peerId: string): boolean {
    return peerId !== this.selfId && this.session.peer(peerId) !== undefined;
  }

  send(widgetId: string, kind: PayloadKind, payload: Uint8Array, to?: string): Promise<void> {
    return this.bus.send(widgetId, kind, payload, to);
  }

  private info(peerId: string): PeerInfo {
    return {
      id: peerId,
      name: this.session.peer(peerId)?.name ?? this.names.get(peerId) ?? t('someone'),
    };
  }
}
