import { io, type Socket } from 'socket.io-client';
import {
  parseReply,
  parseServerEvent,
  serverEventSchemas,
  type ClientEventName,
  type ClientEventReplies,
  type Peer,
  type ServerEvent,
  type Signal,
  type clientEventSchemas,
  type RoomSettings,
} from '../protocol/signalling.js';
import type { z } from 'zod';
import { errors, type Result } from '../shared/app-error.js';
import { assertNever } from '../shared/assert-never.js';
import type { Logger } from '../shared/log.js';
import { TypedEmitter } from '../shared/typed-emitter.js';

export type SignallingConnection = 'connecting' | 'connected' | 'unreachable' | 'closed';

export interface SignallingEvents extends Record<string, unknown> {
  connectionChanged: SignallingConnection;
  peerJoined: Peer;
  peerLeft: string;
  peerUpdated: Peer;
  signalReceived: { from: string; signal: Signal };
  roomUpdated: RoomSettings;
  /** This peer rejoined from another tab or window; this connection no longer counts. */
  replaced: null;
}

const REQUEST_TIMEOUT_MS = 5000;

/** socket.io-client with every inbound event parsed against the signalling protocol. */
export class SignallingClient extends TypedEmitter<SignallingEvents> {
  private readonly socket: Socket;
  private connection: SignallingConnection = 'connecting';

  constructor(
    readonly serverUrl: string,
    private readonly log: Logger,
    signal: AbortSignal,
  ) {
    super();
    this.socket = io(serverUrl, {
      transports: ['websocket'],
      // Back within a few seconds of a restarted server (with jitter, so not all at once).
      reconnectionDelay: 500,
      reconnectionDelayMax: 2000,
      timeout: 4000,
    });
    this.socket.on('connect', () => this.setConnection('connected'));
    this.socket.on('disconnect', () => this.setConnection('connecting'));
    this.socket.on('connect_error', () => this.setConnection('unreachable'));
    for (const name of Object.keys(serverEventSchemas)) {
      this.socket.on(name, (raw: unknown) => this.receive(name, raw));
    }
    signal.addEventListener('abort', () => this.close(), { once: true });
  }

  /** Where the connection is now; `connectionChanged` tells each change after. */
  get state(): SignallingConnection {
    return this.connection;
  }

  async request<K extends ClientEventName>(
    name: K,
    payload: z.input<(typeof clientEventSchemas)[K]>,
  ): Promise<Result<ClientEventReplies[K]>> {
    if (this.connection === 'closed')
      return { ok: false, error: errors.destroyed('The signalling connection').toWire() };
    try {
      const raw: unknown = await this.socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(name, payload);
      return parseReply(name, raw);
    } catch {
      return { ok: false, error: errors.timeout(`The server's answer to ${name}`).toWire() };
    }
  }

  sendSignal(to: string, signal: Signal): Promise<Result<null>> {
    return this.request('signal:send', { to, signal });
  }

  private receive(name: string, raw: unknown): void {
    const parsed = parseServerEvent(name, raw);
    if (!parsed.ok) {
      this.log.warn('Ignored a malformed server event', parsed.reason);
      return;
    }
    this.dispatch(parsed.value);
  }

  private dispatch(event: ServerEvent): void {
    switch (event.type) {
      case 'peer:joined':
        return this.emit('peerJoined', event.payload.peer);
      case 'peer:left':
        return this.emit('peerLeft', event.payload.peerId);
      case 'peer:updated':
        return this.emit('peerUpdated', event.payload.peer);
      case 'signal:received':
        return this.emit('signalReceived', event.payload);
      case 'room:updated':
        return this.emit('roomUpdated', event.payload.room);
      case 'session:replaced':
        return this.emit('replaced', null);
      case 'request:refused':
        return this.log.warn('The server refused a request', event.payload);
      default:
        return assertNever(event);
    }
  }

  private setConnection(next: SignallingConnection): void {
    if (this.connection === next || this.connection === 'closed') return;
    this.connection = next;
    this.emit('connectionChanged', next);
  }

  private close(): void {
    this.setConnection('closed');
    this.socket.close();
  }
}
