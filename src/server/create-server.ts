import { readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createTlsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { SIGNALLING_LIMITS } from '../protocol/signalling.js';
import type { ServerConfig } from './config.js';
import { iceServersFor } from './ice-credentials.js';
import { ServerMetrics } from './metrics.js';
import { AbuseGuard, DEFAULT_ABUSE_LIMITS } from './abuse-guard.js';
import { createHttpHandler } from './http-routes.js';
import type { Logger } from './logger.js';
import { RoomRegistry } from './room-registry.js';
import { attachSignallingHandlers } from './signalling-handlers.js';

export interface SignallingServer {
  /** Resolves with the address actually bound (port 0 picks a free one). */
  listen(): Promise<AddressInfo>;
  /** Stops accepting, disconnects every client and resolves when the port is free. */
  close(): Promise<void>;
  readonly http: HttpServer | HttpsServer;
  /** 'https' when given a certificate: socket.io then runs over WSS on the same port. */
  readonly scheme: 'http' | 'https';
}

/** Reads the PEM files named in the config, with an error that names the file. */
function readTls(config: ServerConfig): { cert: Buffer; key: Buffer } | undefined {
  if (!config.tlsCertFile || !config.tlsKeyFile) return undefined;
  const read = (path: string, what: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`Cannot read the TLS ${what} ${path}: ${(error as Error).message}`);
    }
  };
  return { cert: read(config.tlsCertFile, 'certificate'), key: read(config.tlsKeyFile, 'key') };
}

export function createSignallingServer(config: ServerConfig, log: Logger): SignallingServer {
  const rooms = new RoomRegistry(config.roomCapacity, config.maxRooms);
  const guard = new AbuseGuard({
    ...DEFAULT_ABUSE_LIMITS,
    connectionsPerIp: config.connectionsPerIp,
    connectsPerMinutePerIp: Math.max(
      DEFAULT_ABUSE_LIMITS.connectsPerMinutePerIp,
      config.connectionsPerIp,
    ),
    joinsPerMinutePerIp: config.joinsPerMinutePerIp,
    messagesPerSecond: config.messagesPerSecond,
    messageBurst: config.messagesPerSecond * 2,
    maxRooms: config.maxRooms,
  });
  const pruning = setInterval(() => guard.prune(), 30_000);
  pruning.unref();
  const metrics = new ServerMetrics(rooms);
  const handler = createHttpHandler(rooms, config.extensionId, metrics);
  const tls = readTls(config);
  const http = tls ? createTlsServer(tls, handler) : createServer(handler);
  const io = new Server(http, {
    maxHttpBufferSize: SIGNALLING_LIMITS.maxPacketBytes,
    // The extension connects from a chrome-extension:// origin; it needs no cookies.
    cors: { origin: true, credentials: false },
    serveClient: false,
  });
  attachSignallingHandlers(io, rooms, log, {
    issueIceServers: (peerId) => iceServersFor(config, peerId),
    metrics,
    guard,
    resumeGraceMs: config.resumeGraceSeconds * 1000,
  });

  return {
    http,
    scheme: tls ? 'https' : 'http',
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => {
          http.off('error', reject);
          resolve(http.address() as AddressInfo);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        void io.close(() => resolve());
      }),
  };
}
