import type { CallContext } from '../call-context.js';
import { TrackLevel } from '../track-level.js';
import type { MessageKey } from '../../shared/i18n.js';

export const title: MessageKey = 'feature_muted_speaking';

const EVERY_MS = 150;
/** A peak of a fifth of full scale: a voice near the microphone, not a room's hum. */
const SPEAKING_PEAK = 0.2;
/** Loud in several of the last readings (speech has gaps between syllables): a cough or a
 * door is loud in one or two, not someone talking. */
const RECENT_READINGS = 6;
const LOUD_READINGS = 3;
const SHOWN_MS = 5_000;
/** Said once, then not again for a while: a reminder, not a nag. */
const QUIET_MS = 20_000;

/**
 * "You're muted" when the person talks while muted, as Meet says it. The muted microphone sends
 * silence, so its level is read from a copy of the track that stays here: listening starts when
 * they mute and stops when they unmute, and nothing of it leaves the browser.
 */
export function start({ session }: CallContext, signal: AbortSignal): void {
  const media = session.media;
  const notice = document.querySelector<HTMLElement>('#muted-notice')!;
  let listening: { stop: AbortController; source: MediaStreamTrack } | undefined;
  let said = 0;

  const say = (): void => {
    said = Date.now();
    notice.textContent = "You're muted. Press Ctrl+D or Unmute to talk.";
    setTimeout(() => {
      if (Date.now() - said >= SHOWN_MS) notice.textContent = '';
    }, SHOWN_MS);
  };

  const listen = (source: MediaStreamTrack): void => {
    const stop = new AbortController();
    const copy = source.clone();
    copy.enabled = true;
    listening = { stop, source };
    const level = new TrackLevel(stop.signal);
    level.follow(copy);
    const recent: boolean[] = [];
    const timer = setInterval(() => {
      recent.push(level.peak() >= SPEAKING_PEAK);
      if (recent.length > RECENT_READINGS) recent.shift();
      const loud = recent.filter(Boolean).length;
      if (loud >= LOUD_READINGS && Date.now() - said > QUIET_MS) say();
    }, EVERY_MS);
    stop.signal.addEventListener('abort', () => {
      clearInterval(timer);
      copy.stop();
    });
  };

  const follow = (): void => {
    const track = media.currentTracks.audio;
    const muted = track !== null && !media.state.audio;
    if (listening && (!muted || listening.source !== track)) {
      listening.stop.abort();
      listening = undefined;
    }
    if (!muted) notice.textContent = '';
    else if (!listening) listen(track);
  };

  media.on('mediaStateChanged', follow, { signal });
  signal.addEventListener('abort', () => listening?.stop.abort());
  follow();
}
