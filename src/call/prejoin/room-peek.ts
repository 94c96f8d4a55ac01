import { refused, type Parsed } from '../../protocol/parsed.js';
import { parseRoomPeek, type RoomPeek } from '../../protocol/room-peek.js';
import { t } from '../../shared/i18n.js';

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

function namesInCall([first = '', second = '', ...others]: string[]): string {
  if (others.length > 0) return t('peek_names_more', first, second, others.length);
  return second ? t('peek_names_two', first, second) : t('peek_names_one', first);
}

/** What the pre-join step says about the room, in words a person reads at a glance. */
export function describePeek(peek: RoomPeek): string {
  if (peek.people === 0) return t('peek_nobody');
  if (peek.names) return namesInCall(peek.names);
  return peek.people === 1 ? t('peek_one_person') : t('peek_people', peek.people);
}

/** Why this person cannot join, known before they try, or undefined when they may. */
export function refusalOf(peek: RoomPeek): string | undefined {
  if (peek.locked) return t('peek_locked');
  if (peek.people >= peek.capacity) return t('peek_full', peek.capacity);
  return undefined;
}
