import { readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createTlsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { SIGNALLING_LIMITS } from '../protocol/signalling.js';
import type { ServerConfig } from './config.js';
import { iceServersFor } from './ice-credentials.js';
import { ServerMetrics } from './metrics.js';
import { AbuseGuard, DEFAULT_ABUSE_LIMITS, addressKey } from './abuse-guard.js';
import { createHttpHandler } from './http-routes.js';
import { isAllowedOrigin } from './request-origin.js';
import { WebClientFiles } from './web-client-files.js';
import type { Logger } from './logger.js';
import { MemoryRoomStore } from './memory-room-store.js';
import { RedisRoomStore } from './redis-room-store.js';
import type { RoomStore } from './room-store.js';
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

/** With a Redis URL: the command client rooms live in, and the adapter's subscriber. */
function redisClients(config: ServerConfig, log: Logger) {
  if (!config.redisUrl) return undefined;
  const commands = createClient({ url: config.redisUrl });
  const subscriber = commands.duplicate();
  for (const client of [commands, subscriber])
    client.on('error', (error: unknown) => log.error({ err: error }, 'redis error'));
  return { commands, subscriber };
}

export function createSignallingServer(config: ServerConfig, log: Logger): SignallingServer {
  const redis = redisClients(config, log);
  const redisRooms = redis
    ? new RedisRoomStore(redis.commands, config.roomCapacity, config.maxRooms)
    : undefined;
  const rooms: RoomStore = redisRooms ?? new MemoryRoomStore(config.roomCapacity, config.maxRooms);
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
  // Browsers say which page opens a socket: only the extension's own pages, this server's own
  // web client and the configured web origins may, so a page on another site can neither read a room nor spend the person's
  // per-address connection budget. Clients that are not browsers send no Origin.
  const allowedOrigins = [`chrome-extension://${config.extensionId}`, ...config.webOrigins];
  const handler = createHttpHandler(rooms, {
    extensionId: config.extensionId,
    metrics,
    metricsToken: config.metricsToken,
    allowedOrigins,
    webClient: WebClientFiles.open(config.webRoot),
    embedOrigins: config.embedOrigins,
    privacyPolicy: readPrivacyPolicy(config.privacyPolicy),
    admitPeek: (ip) => guard.admitPeek(ip),
    capacity: rooms.capacityLimit,
  });
  const tls = readTls(config);
  const http = tls ? createTlsServer(tls, handler) : createServer(handler);
  // Slow or silent clients must not hold sockets: headers within 10 s, a request within 15 s,
  // nothing at all for 30 s on a connection that is not a WebSocket yet.
  http.headersTimeout = 10_000;
  http.requestTimeout = 15_000;
  http.setTimeout(30_000);
  http.maxConnections = 20_000;
  const io = new Server(http, {
    maxHttpBufferSize: SIGNALLING_LIMITS.maxPacketBytes,
    transports: ['websocket'],
    // A socket that never says which namespace it wants is closed after this.
    connectTimeout: 10_000,
    allowRequest: (request, callback) => {
      if (!isAllowedOrigin(request, allowedOrigins)) return callback(null, false);
      // Counted at the transport: WebSockets that never reach socket.io count too.
      const ip = addressKey(request.socket.remoteAddress);
      if (!guard.admitTransport(ip)) {
        if (guard.mayLog(ip))
          log.warn({ ip }, 'connection refused: too many WebSockets from one address');
        return callback(null, false);
      }
      request.socket.once('close', () => guard.transportClosed(ip));
      callback(null, true);
    },
    cors: { origin: allowedOrigins, credentials: false },
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
    listen: async () => {
      if (redis && redisRooms) {
        // Every broadcast and relay goes through Redis, so a peer on another process gets it.
        await Promise.all([redis.commands.connect(), redis.subscriber.connect()]);
        io.adapter(createAdapter(redis.commands, redis.subscriber, { key: 'tfx' }));
        await redisRooms.start();
      }
      return new Promise<AddressInfo>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => {
          http.off('error', reject);
          resolve(http.address() as AddressInfo);
        });
      });
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      await rooms.close();
      if (redis?.commands.isOpen) await redis.commands.close();
      if (redis?.subscriber.isOpen) await redis.subscriber.close();
    },
  };
}

/** Read once at start: an operator who edits it restarts the server, as for any setting. */
function readPrivacyPolicy(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
