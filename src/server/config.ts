import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeIssue } from '../protocol/problem.js';
import { SIGNALLING_LIMITS } from '../protocol/signalling.js';

/** The id the manifest's `key` gives the extension on every machine (see README). */
export const DEFAULT_EXTENSION_ID = 'ohkbnkbkglagkcjllodajoodcfgblphj';

const configSchema = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  roomCapacity: z.coerce.number().int().min(2).max(50),
  extensionId: z.string().regex(/^[a-p]{32}$/, 'must be a 32-letter Chrome extension id (a–p)'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});
export type ServerConfig = z.infer<typeof configSchema>;

export const DEFAULT_CONFIG: ServerConfig = {
  port: 8084,
  host: '127.0.0.1',
  roomCapacity: SIGNALLING_LIMITS.defaultRoomCapacity,
  extensionId: DEFAULT_EXTENSION_ID,
  logLevel: 'info',
};

export const CONFIG_HELP = `Usage: npm run serve -- [options]   (or: node build/server/server/main.js [options])
  --port N           listen port (env PORT, default ${DEFAULT_CONFIG.port})
  --host ADDR        listen address (env HOST, default ${DEFAULT_CONFIG.host})
  --capacity N       people per room, 2–50 (env ROOM_CAPACITY, default ${DEFAULT_CONFIG.roomCapacity})
  --extension-id ID  extension the invite page opens (env EXTENSION_ID)
  --log-level LEVEL  fatal|error|warn|info|debug|trace|silent (env LOG_LEVEL, default info)`;

/** Flags win over environment variables, which win over the embedded defaults. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      capacity: { type: 'string' },
      'extension-id': { type: 'string' },
      'log-level': { type: 'string' },
    },
    strict: true,
  });
  const raw = {
    port: values.port ?? env.PORT ?? DEFAULT_CONFIG.port,
    host: values.host ?? env.HOST ?? DEFAULT_CONFIG.host,
    roomCapacity: values.capacity ?? env.ROOM_CAPACITY ?? DEFAULT_CONFIG.roomCapacity,
    extensionId: values['extension-id'] ?? env.EXTENSION_ID ?? DEFAULT_CONFIG.extensionId,
    logLevel: values['log-level'] ?? env.LOG_LEVEL ?? DEFAULT_CONFIG.logLevel,
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${describeIssue(issue, 'config')}`);
    throw new Error(`Invalid server configuration:\n${lines.join('\n')}\n\n${CONFIG_HELP}`);
  }
  return parsed.data;
}
