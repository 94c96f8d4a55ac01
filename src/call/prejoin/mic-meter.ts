import { TrackLevel } from '../track-level.js';

/**
 * A live microphone level for the pre-join step, read from the local track: nothing is
 * connected yet, so there are no RTP levels to read as the call tiles do.
 */
export function startMicMeter(
  track: () => MediaStreamTrack | null,
  meter: HTMLElement,
  signal: AbortSignal,
): void {
  const level = new TrackLevel(signal);
  const timer = setInterval(() => {
    level.follow(track());
    // Ordinary talking peaks at a third of full scale and more, which fills most of the bar.
    const shown = Math.min(100, Math.round(level.peak() * 250));
    meter.setAttribute('aria-valuenow', String(shown));
    meter.style.setProperty('--level', `${shown}%`);
  }, 100);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
