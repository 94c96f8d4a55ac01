import { refused, type Parsed } from '../../protocol/parsed.js';
import { parseRoomPeek, type RoomPeek } from '../../protocol/room-peek.js';

/** Long enough for a slow server; the step never waits on it to let the person join. */
const PEEK_TIMEOUT_MS = 4_000;

/**
 * Asks the server who is in the room, before joining: a plain HTTP request that joins no one
 * and sends nothing of the person but their address. Failing to ask is not a refusal.
 */
export async function peekRoom(
  serverUrl: string,
  room: string,
  signal: AbortSignal,
): Promise<Parsed<RoomPeek>> {
  try {
    const response = await fetch(`${serverUrl}/rooms/${encodeURIComponent(room)}`, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(PEEK_TIMEOUT_MS)]),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    if (!response.ok) return refused(`the server answered ${response.status}`);
    return parseRoomPeek(await response.json());
  } catch (error) {
    return refused(error instanceof Error ? error.message : String(error));
  }
}

function listed(names: string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

/** What the pre-join step says about the room, in words a person reads at a glance. */
export function describePeek(peek: RoomPeek): string {
  if (peek.people === 0) return 'No one is here yet.';
  if (peek.names) return `${listed(peek.names)} ${peek.people === 1 ? 'is' : 'are'} in this call.`;
  return `${peek.people} ${peek.people === 1 ? 'person is' : 'people are'} in this call.`;
}

/** Why this person cannot join, known before they try, or undefined when they may. */
export function refusalOf(peek: RoomPeek): string | undefined {
  if (peek.locked)
    return 'This room is locked: no one else can join until someone in it unlocks it.';
  if (peek.people >= peek.capacity) return `This room is full (${peek.capacity} people).`;
  return undefined;
}
