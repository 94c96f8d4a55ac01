import { displayNameSchema, roomIdSchema } from '../protocol/signalling.js';
import { parseServerUrl } from '../shared/server-url.js';

export interface CallParams {
  room: string;
  /** Set when the call came from an invite page: use the server that page is on. */
  server?: string;
  name?: string;
}

/** Reads `call.html?room=<id>[&server=<origin>][&name=<name>]`; undefined if the room is bad. */
export function readCallParams(search: string): CallParams | undefined {
  const params = new URLSearchParams(search);
  const room = roomIdSchema.safeParse(params.get('room') ?? '');
  if (!room.success) return undefined;
  const server = params.get('server');
  const name = displayNameSchema.safeParse(params.get('name') ?? '');
  return {
    room: room.data,
    ...(server && parseServerUrl(server) ? { server: parseServerUrl(server) } : {}),
    ...(name.success ? { name: name.data } : {}),
  };
}
