import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeIssue } from '../protocol/parsed.js';
import { SIGNALLING_LIMITS } from '../protocol/signalling.js';
import { DEFAULT_ABUSE_LIMITS } from './abuse-guard.js';
import { DEFAULT_RESUME_GRACE_MS } from './peer-identity.js';

/** The id the manifest's `key` gives the extension on every machine (see README). */
export const DEFAULT_EXTENSION_ID = 'ohkbnkbkglagkcjllodajoodcfgblphj';

/** A comma-separated list from a flag or env, each entry checked. */
function urlList(pattern: RegExp, message: string) {
  return z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((url) => url.trim())
        .filter((url) => url !== ''),
    )
    .pipe(z.array(z.string().regex(pattern, message).max(250)).max(8));
}

const configSchema = z
  .strictObject({
    port: z.coerce.number().int().min(0).max(65535),
    host: z.string().min(1),
    roomCapacity: z.coerce.number().int().min(2).max(50),
    extensionId: z.string().regex(/^[a-p]{32}$/, 'must be a 32-letter Chrome extension id (a–p)'),
    webOrigins: urlList(
      /^https?:\/\/[^/\s]+$/,
      'must be an origin such as https://calls.example.com (no path)',
    ),
    embedOrigins: urlList(
      /^https?:\/\/[^/\s*]+$/,
      'must be an origin such as https://shop.example.com (no path, no wildcard)',
    ),
    webRoot: z.string().min(1).optional(),
    privacyPolicy: z.string().min(1),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    stunUrls: urlList(/^stuns?:/, 'must be a stun: URL'),
    turnUrls: urlList(/^turns?:/, 'must be a turn: or turns: URL'),
    turnSecret: z.string().min(16, 'must be at least 16 characters').optional(),
    metricsToken: z.string().min(16, 'must be at least 16 characters').optional(),
    turnTtlSeconds: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600),
    connectionsPerIp: z.coerce.number().int().min(1).max(100_000),
    joinsPerMinutePerIp: z.coerce.number().int().min(1).max(100_000),
    messagesPerSecond: z.coerce.number().int().min(1).max(100_000),
    maxRooms: z.coerce.number().int().min(1).max(10_000_000),
    tlsCertFile: z.string().min(1).optional(),
    tlsKeyFile: z.string().min(1).optional(),
    resumeGraceSeconds: z.coerce.number().min(0).max(600),
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
      .optional(),
  })
  .refine((config) => (config.tlsCertFile === undefined) === (config.tlsKeyFile === undefined), {
    path: ['tlsKeyFile'],
    message: 'HTTPS needs both --tls-cert and --tls-key',
  })
  .refine((config) => config.turnUrls.length === 0 || config.turnSecret !== undefined, {
    path: ['turnSecret'],
    message: 'TURN URLs need the shared secret (--turn-secret / TURN_SECRET)',
  })
  .refine((config) => config.turnSecret === undefined || config.turnUrls.length > 0, {
    path: ['turnUrls'],
    message: 'a TURN secret needs TURN URLs to hand out (--turn-urls / TURN_URLS)',
  });
export type ServerConfig = z.output<typeof configSchema>;

export const DEFAULT_CONFIG: ServerConfig = {
  port: 8084,
  host: '127.0.0.1',
  roomCapacity: SIGNALLING_LIMITS.defaultRoomCapacity,
  extensionId: DEFAULT_EXTENSION_ID,
  webOrigins: [],
  embedOrigins: [],
  webRoot: fileURLToPath(new URL('../../web/', import.meta.url)),
  // docs/privacy.md of the tree this server was built from (build/server/server/ → the root).
  privacyPolicy: fileURLToPath(new URL('../../../docs/privacy.md', import.meta.url)),
  logLevel: 'info',
  stunUrls: [],
  turnUrls: [],
  turnTtlSeconds: 3600,
  connectionsPerIp: DEFAULT_ABUSE_LIMITS.connectionsPerIp,
  joinsPerMinutePerIp: DEFAULT_ABUSE_LIMITS.joinsPerMinutePerIp,
  messagesPerSecond: DEFAULT_ABUSE_LIMITS.messagesPerSecond,
  maxRooms: DEFAULT_ABUSE_LIMITS.maxRooms,
  resumeGraceSeconds: DEFAULT_RESUME_GRACE_MS / 1000,
};

export const CONFIG_HELP = `Usage: npm run serve -- [options]   (or: node build/server/server/main.js [options])
  --port N           listen port (env PORT, default ${DEFAULT_CONFIG.port})
  --host ADDR        listen address (env HOST, default ${DEFAULT_CONFIG.host})
  --capacity N       people per room, 2–50 (env ROOM_CAPACITY, default ${DEFAULT_CONFIG.roomCapacity})
  --extension-id ID  extension the invite page opens, and whose pages may connect (env EXTENSION_ID)
  --web-origins LIST web pages that may connect too, comma-separated origins (env WEB_ORIGINS)
  --embed-origins LIST  sites that may embed the call in an iframe, comma-separated origins (env EMBED_ORIGINS; default none)
  --web-root DIR     the web client to serve at /call (env WEB_ROOT, default the build's build/web; served only if built)
  --privacy-policy FILE  the policy served at /privacy, text (env PRIVACY_POLICY, default docs/privacy.md)
  --log-level LEVEL  fatal|error|warn|info|debug|trace|silent (env LOG_LEVEL, default info)
  --stun-urls LIST   STUN URLs handed to clients, comma-separated (env STUN_URLS)
  --turn-urls LIST   TURN URLs handed to clients with credentials (env TURN_URLS)
  --turn-secret S    coturn's static-auth-secret (env TURN_SECRET; prefer the env)
  --metrics-token T  serve /metrics to requests with "Authorization: Bearer T" (env METRICS_TOKEN; prefer the env); without it /metrics is off
  --turn-ttl SECONDS lifetime of TURN credentials, 60–604800 (env TURN_TTL, default ${DEFAULT_CONFIG.turnTtlSeconds})
  --max-connections-per-ip N  sockets open at once per address (env MAX_CONNECTIONS_PER_IP, default ${DEFAULT_CONFIG.connectionsPerIp})
  --joins-per-minute N        room joins a minute per address (env JOINS_PER_MINUTE, default ${DEFAULT_CONFIG.joinsPerMinutePerIp})
  --messages-per-second N     events a second per socket (env MESSAGES_PER_SECOND, default ${DEFAULT_CONFIG.messagesPerSecond})
  --max-rooms N               rooms in this process (env MAX_ROOMS, default ${DEFAULT_CONFIG.maxRooms})
  --resume-grace SECONDS      how long a dropped peer keeps its place to come back as itself, 0–600 (env RESUME_GRACE, default ${DEFAULT_CONFIG.resumeGraceSeconds})
  --redis-url URL    share rooms with every server process on this Redis (env REDIS_URL; default: in memory)
  --tls-cert FILE --tls-key FILE  serve HTTPS/WSS with this PEM certificate and key (env TLS_CERT, TLS_KEY)`;

/** Flags win over environment variables, which win over the embedded defaults. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      capacity: { type: 'string' },
      'extension-id': { type: 'string' },
      'web-origins': { type: 'string' },
      'embed-origins': { type: 'string' },
      'web-root': { type: 'string' },
      'privacy-policy': { type: 'string' },
      'log-level': { type: 'string' },
      'stun-urls': { type: 'string' },
      'turn-urls': { type: 'string' },
      'turn-secret': { type: 'string' },
      'turn-ttl': { type: 'string' },
      'metrics-token': { type: 'string' },
      'max-connections-per-ip': { type: 'string' },
      'joins-per-minute': { type: 'string' },
      'messages-per-second': { type: 'string' },
      'max-rooms': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'resume-grace': { type: 'string' },
      'redis-url': { type: 'string' },
    },
    strict: true,
  });
  const raw = {
    port: values.port ?? env.PORT ?? DEFAULT_CONFIG.port,
    host: values.host ?? env.HOST ?? DEFAULT_CONFIG.host,
    roomCapacity: values.capacity ?? env.ROOM_CAPACITY ?? DEFAULT_CONFIG.roomCapacity,
    extensionId: values['extension-id'] ?? env.EXTENSION_ID ?? DEFAULT_CONFIG.extensionId,
    webOrigins: values['web-origins'] ?? env.WEB_ORIGINS ?? '',
    embedOrigins: values['embed-origins'] ?? env.EMBED_ORIGINS ?? '',
    webRoot: values['web-root'] ?? (env.WEB_ROOT || DEFAULT_CONFIG.webRoot),
    privacyPolicy: values['privacy-policy'] ?? (env.PRIVACY_POLICY || DEFAULT_CONFIG.privacyPolicy),
    logLevel: values['log-level'] ?? env.LOG_LEVEL ?? DEFAULT_CONFIG.logLevel,
    stunUrls: values['stun-urls'] ?? env.STUN_URLS ?? '',
    turnUrls: values['turn-urls'] ?? env.TURN_URLS ?? '',
    turnSecret: values['turn-secret'] ?? env.TURN_SECRET,
    metricsToken: values['metrics-token'] ?? (env.METRICS_TOKEN || undefined),
    turnTtlSeconds: values['turn-ttl'] ?? env.TURN_TTL ?? DEFAULT_CONFIG.turnTtlSeconds,
    connectionsPerIp:
      values['max-connections-per-ip'] ??
      env.MAX_CONNECTIONS_PER_IP ??
      DEFAULT_CONFIG.connectionsPerIp,
    joinsPerMinutePerIp:
      values['joins-per-minute'] ?? env.JOINS_PER_MINUTE ?? DEFAULT_CONFIG.joinsPerMinutePerIp,
    messagesPerSecond:
      values['messages-per-second'] ?? env.MESSAGES_PER_SECOND ?? DEFAULT_CONFIG.messagesPerSecond,
    maxRooms: values['max-rooms'] ?? env.MAX_ROOMS ?? DEFAULT_CONFIG.maxRooms,
    tlsCertFile: values['tls-cert'] ?? env.TLS_CERT,
    tlsKeyFile: values['tls-key'] ?? env.TLS_KEY,
    resumeGraceSeconds:
      values['resume-grace'] ?? env.RESUME_GRACE ?? DEFAULT_CONFIG.resumeGraceSeconds,
    redisUrl: values['redis-url'] ?? (env.REDIS_URL || undefined),
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${describeIssue(issue, 'config')}`);
    throw new Error(`Invalid server configuration:\n${lines.join('\n')}\n\n${CONFIG_HELP}`);
  }
  return parsed.data;
}
