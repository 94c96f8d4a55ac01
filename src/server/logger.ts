import { pino, type Logger } from 'pino';
import type { ServerConfig } from './config.js';

export type { Logger };

/**
 * JSON lines on stdout, one object per event, ready for any log shipper. Written synchronously:
 * the shutdown path calls process.exit, and an async writer could lose or reorder its last lines.
 */
export function createServerLogger(level: ServerConfig['logLevel']): Logger {
  return pino(
    { level, base: { service: 'tfx-signalling' } },
    pino.destination({ dest: 1, sync: true }),
  );
}
