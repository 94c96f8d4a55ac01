/**
 * The signalling servers this extension may use: the ones its build was made for (see
 * scripts/build-servers.ts) and the one the person entered in Options. A call never goes to
 * any other server, whoever asks.
 */
import { parseServerUrl } from './server-url.js';

function serversOfThisBuild(): string[] {
  const built: unknown = import.meta.env.VITE_TFX_SERVERS;
  try {
    const list: unknown = typeof built === 'string' ? JSON.parse(built) : undefined;
    if (Array.isArray(list) && list.length > 0 && list.every((item) => typeof item === 'string')) {
      return list;
    }
  } catch {
    // not set (a unit test outside the build): the development default below
  }
  return ['http://127.0.0.1:8084'];
}

export const BUILD_SERVERS: readonly string[] = serversOfThisBuild();

/** The build's own default; Options may name another. */
export const DEFAULT_SERVER_URL = BUILD_SERVERS[0]!;

/** Whether `server` is one of the build's servers or the person's own choice. */
export function isConfiguredServer(server: string, chosenServerUrl: string): boolean {
  const origin = parseServerUrl(server);
  return (
    origin !== undefined &&
    (origin === parseServerUrl(chosenServerUrl) || BUILD_SERVERS.includes(origin))
  );
}
