/**
 * How loud a local microphone track is right now, read with a Web Audio analyser. Only for the
 * moments no RTP level exists (before joining, or while muted, when the encoder hears silence):
 * an AudioContext is dear on a two-core machine, so whoever starts one closes it soon.
 */
export class TrackLevel {
  private readonly context = new AudioContext();
  private readonly analyser = this.context.createAnalyser();
  private readonly samples: Float32Array<ArrayBuffer>;
  private source: MediaStreamAudioSourceNode | undefined;
  private track: MediaStreamTrack | null = null;

  constructor(signal: AbortSignal) {
    // A window longer than the time between readings, so no short sound falls between two.
    this.analyser.fftSize = 8192;
    this.samples = new Float32Array(this.analyser.fftSize);
    // A window opened by an invite link has had no click yet, and Chromium may start the
    // context suspended: the first key or click on the page starts it.
    const resume = (): void => void this.context.resume().catch(() => undefined);
    for (const kind of ['pointerdown', 'keydown'] as const)
      document.addEventListener(kind, resume, { signal, capture: true });
    signal.addEventListener('abort', () => this.close(), { once: true });
  }

  /** Listens to this track from now on (null: to nothing). */
  follow(track: MediaStreamTrack | null): void {
    if (track === this.track) return;
    this.source?.disconnect();
    this.source = track
      ? this.context.createMediaStreamSource(new MediaStream([track]))
      : undefined;
    this.source?.connect(this.analyser);
    this.track = track;
  }

  /** The loudest moment of the last window, 0–1 of full scale; 0 for a silenced track. */
  peak(): number {
    if (!this.track?.enabled || this.track.readyState !== 'live') return 0;
    this.analyser.getFloatTimeDomainData(this.samples);
    let peak = 0;
    for (const sample of this.samples) peak = Math.max(peak, Math.abs(sample));
    return peak;
  }

  private close(): void {
    this.source?.disconnect();
    void this.context.close().catch(() => undefined);
  }
}
