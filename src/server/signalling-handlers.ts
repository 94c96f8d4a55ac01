import type { Server, Socket } from 'socket.io';
import type { IceServerOffer } from '../protocol/signalling.js';
import type { Logger } from './logger.js';
import type { ServerMetrics } from './metrics.js';
import { AbuseGuard, addressKey } from './abuse-guard.js';
import { DEFAULT_RESUME_GRACE_MS } from './peer-identity.js';
import type { RoomStore } from './room-store.js';
import { SignallingConnection } from './signalling-connection.js';

export interface SignallingOptions {
  issueIceServers?: (peerId: string) => IceServerOffer[];
  /**
   * How long a peer whose connection dropped (not one who left) keeps its place, so that it can
   * come back as itself after a network blip or a reload without the others losing its tile.
   */
  resumeGraceMs?: number;
  metrics?: ServerMetrics;
  guard?: AbuseGuard;
}

/** The signalling server's sockets: each connection is admitted, then handled on its own. */
export function attachSignallingHandlers(
  io: Server,
  rooms: RoomStore,
  log: Logger,
  options: SignallingOptions = {},
): void {
  const guard = options.guard ?? new AbuseGuard();
  const { metrics } = options;
  // Limits on connecting are checked before a socket exists, so a refused one costs nothing.
  io.use((socket, next) => {
    const ip = addressKey(socket.handshake.address);
    const refusal = guard.admitConnection(ip);
    if (!refusal) {
      socket.once('disconnect', () => guard.released(ip));
      return next();
    }
    if (guard.mayLog(ip)) log.warn({ ip, code: refusal.code }, 'connection refused');
    metrics?.refused(refusal.code);
    next(Object.assign(new Error(refusal.message), { data: refusal.toWire() }));
  });
  const ctx = {
    io,
    rooms,
    log,
    guard,
    metrics,
    issueIceServers: options.issueIceServers ?? (() => []),
    resumeGraceMs: options.resumeGraceMs ?? DEFAULT_RESUME_GRACE_MS,
    handOvers: new Map<string, () => void>(),
    storeFailed: (error: unknown): void => log.error({ err: error }, 'room store failed'),
  };
  io.on('connection', (socket) => {
    new SignallingConnection(socket, addressKey(socket.handshake.address), ctx);
  });
}

export type { Socket };
