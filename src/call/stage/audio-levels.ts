import type { CallContext } from '../call-context.js';
import { TileGrid } from './tile-grid.js';
import type { MessageKey } from '../../shared/i18n.js';

/** Often enough to follow speech; each reading is a cheap look at the last packets. */
const EVERY_MS = 150;

/**
 * Keeps the tiles' sound meters moving. Levels come from WebRTC itself (the audio level each
 * RTP packet carries, and the encoder's for our own), not from decoding audio in Web Audio: on
 * a busy two-core machine an AudioContext per page cost a 4-person call most of its CPU.
 */
export const title: MessageKey = 'feature_audio_levels';

export function start({ session, grid }: CallContext, signal: AbortSignal): void {
  const shown = new Map<string, number>();
  const show = (id: string, raw: number): void => {
    // Speech sits around 0.01–0.3 of full scale: stretch it, rise at once, fall gently.
    const target = Math.min(1, Math.sqrt(raw) * 1.5);
    const previous = shown.get(id) ?? 0;
    const level = target >= previous ? target : previous * 0.6 + target * 0.4;
    const rounded = level < 0.01 ? 0 : level;
    shown.set(id, rounded);
    grid.showLevel(id, rounded);
  };
  let reading = false;
  let tick = 0;
  const timer = setInterval(() => {
    if (reading) return;
    reading = true;
    // Our own level needs getStats(), far dearer than the peers' packet levels: every third tick.
    session
      .audioLevels({ withOwn: tick++ % 3 === 0 })
      .then(({ own, peers }) => {
        if (own !== undefined) show(TileGrid.SELF, own);
        for (const [peerId, level] of peers) show(peerId, level);
      })
      .catch(() => undefined)
      .finally(() => (reading = false));
  }, EVERY_MS);
  signal.addEventListener('abort', () => clearInterval(timer));
}
