import { createHmac } from 'node:crypto';
import type { IceServerOffer } from '../protocol/signalling.js';
import type { ServerConfig } from './config.js';

/**
 * The ICE servers a joining client is handed: the static STUN list, and the TURN URLs with
 * short-lived credentials in coturn's "TURN REST API" form (`use-auth-secret`): the username is
 * `<expiry unix seconds>:<peer id>` and the credential is base64(HMAC-SHA1(secret, username)).
 * coturn checks the HMAC with the shared secret and refuses the username once it has expired,
 * so nothing per user is stored anywhere and a leaked credential dies on its own.
 */
export function iceServersFor(
  config: Pick<ServerConfig, 'stunUrls' | 'turnUrls' | 'turnSecret' | 'turnTtlSeconds'>,
  peerId: string,
  nowMs: number = Date.now(),
): IceServerOffer[] {
  const servers: IceServerOffer[] = [];
  if (config.stunUrls.length > 0) servers.push({ urls: config.stunUrls });
  if (config.turnSecret && config.turnUrls.length > 0) {
    const expiry = Math.floor(nowMs / 1000) + config.turnTtlSeconds;
    const username = `${expiry}:${peerId}`;
    const credential = createHmac('sha1', config.turnSecret).update(username).digest('base64');
    servers.push({ urls: config.turnUrls, username, credential });
  }
  return servers;
}
