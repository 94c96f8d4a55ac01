export interface Logger {
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

/** A console logger whose lines name the part of the extension that wrote them. */
export function createLogger(scope: string): Logger {
  const prefix = `[tfx:${scope}]`;
  return {
    info: (message, details) => console.info(prefix, message, ...(details ? [details] : [])),
    warn: (message, details) => console.warn(prefix, message, ...(details ? [details] : [])),
    error: (message, details) => console.error(prefix, message, ...(details ? [details] : [])),
  };
}

/** Every extension context calls this once, so a forgotten promise is logged, not lost. */
export function logUnhandledRejections(logger: Logger): void {
  globalThis.addEventListener('unhandledrejection', (event) => {
    logger.error('Unhandled promise rejection', event.reason);
  });
}
