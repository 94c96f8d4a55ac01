import { pino, type Logger } from 'pino';
import type { ServerConfig } from './config.js';

export type { Logger };

/** JSON lines on stdout, one object per event, ready for any log shipper. */
export function createServerLogger(level: ServerConfig['logLevel']): Logger {
  return pino({ level, base: { service: 'tfx-signalling' } });
}
