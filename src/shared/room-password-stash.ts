import { platform } from '../platform/current.js';

const stashKey = (room: string) => `tfx-room-password:${room}`;

/**
 * The popup hands a room password to the call page through session storage (in memory, gone
 * when the browser closes), never in the URL, so it stays out of history and invite links.
 */
export function stashPassword(room: string, password: string): Promise<void> {
  return platform.session.set(stashKey(room), password);
}

/** The stashed password for this room, removed as it is read. */
export async function takeStashedPassword(room: string): Promise<string | undefined> {
  const key = stashKey(room);
  const stored = await platform.session.get(key);
  await platform.session.remove(key);
  return typeof stored === 'string' && stored !== '' ? stored : undefined;
}
