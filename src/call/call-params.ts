import { accepted, describeIssue, refused, type Parsed } from '../protocol/parsed.js';
import { displayNameSchema, roomIdSchema } from '../protocol/signalling.js';
import { parseServerUrl } from '../shared/server-url.js';

export interface CallParams {
  room: string;
  /** Set when the call came from an invite page: use the server that page is on. */
  server?: string;
  name?: string;
}

/**
 * Reads `call.html?room=<id>[&server=<origin>][&name=<name>]`. Only the room is required; a bad
 * server or name is dropped (the call falls back to Settings), a bad room refuses the link.
 */
export function readCallParams(search: string): Parsed<CallParams> {
  const params = new URLSearchParams(search);
  const room = roomIdSchema.safeParse(params.get('room') ?? '');
  if (!room.success) return refused(describeIssue(room.error.issues[0], 'room'));
  const server = params.get('server');
  const name = displayNameSchema.safeParse(params.get('name') ?? '');
  return accepted({
    room: room.data,
    ...(server && parseServerUrl(server) ? { server: parseServerUrl(server) } : {}),
    ...(name.success ? { name: name.data } : {}),
  });
}
