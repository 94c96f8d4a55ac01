import { FILES_STRINGS, type FilesStrings } from './files-strings';

/**
 * Speed and time left for a transfer, from the bytes done so far. The speed is taken over the
 * last few seconds, so it follows a change in the network instead of averaging it away.
 */
export class RateMeter {
  private readonly samples: { at: number; bytes: number }[] = [];

  constructor(
    private readonly windowMs = 3000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  record(bytes: number): void {
    const at = this.now();
    this.samples.push({ at, bytes });
    // Keep one sample older than the window, so the window is always spanned.
    while (this.samples.length > 2 && at - this.samples[1]!.at > this.windowMs)
      this.samples.shift();
  }

  /** Bytes per second, or undefined until there is half a second to measure over. */
  bytesPerSecond(): number | undefined {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at - first.at < 500) return undefined;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }

  /** Seconds until `total`, at the current speed; undefined while the speed is unknown or 0. */
  secondsLeft(total: number): number | undefined {
    const speed = this.bytesPerSecond();
    const done = this.samples.at(-1)?.bytes ?? 0;
    if (!speed) return undefined;
    return Math.max(0, (total - done) / speed);
  }
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB": decimal units, as file managers show them. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** 75 → "1 min 15 s left". */
export function formatTimeLeft(
  seconds: number | undefined,
  words: Pick<
    FilesStrings,
    'estimating' | 'secondsLeft' | 'minutesLeft' | 'hoursLeft'
  > = FILES_STRINGS.en,
): string {
  if (seconds === undefined) return words.estimating;
  const whole = Math.ceil(seconds);
  if (whole < 60) return words.secondsLeft(whole);
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return words.minutesLeft(minutes, whole % 60);
  return words.hoursLeft(Math.floor(minutes / 60), minutes % 60);
}
