/** How often levels are read: often enough to follow speech, cheap for six tiles. */
const EVERY_MS = 100;
/** The level (0–1, smoothed RMS scaled) above which a tile shows its speaker as speaking. */
const SPEAKING_LEVEL = 0.08;

interface Watched {
  stream: MediaStream;
  source: MediaStreamAudioSourceNode;
  analyser: AnalyserNode;
  samples: Float32Array<ArrayBuffer>;
  level: number;
  show: (level: number, speaking: boolean) => void;
}

/**
 * Sound levels of the streams on the tiles, from one AudioContext that plays nothing (the
 * analysers are not connected to the speakers; sound goes out through the tiles' own elements).
 */
export class AudioLevelMeters {
  private context: AudioContext | undefined;
  private readonly watched = new Map<string, Watched>();
  private timer: ReturnType<typeof setInterval> | undefined;

  /** Starts (or moves to a new stream) the meter of tile `id`; `show` gets each reading. */
  watch(id: string, stream: MediaStream, show: Watched['show']): void {
    const existing = this.watched.get(id);
    if (existing?.stream === stream) return;
    this.unwatch(id);
    if (stream.getAudioTracks().length === 0) return show(0, false);
    const context = this.audioContext();
    const source = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    this.watched.set(id, { stream, source, analyser, samples, level: 0, show });
    this.timer ??= setInterval(() => this.read(), EVERY_MS);
  }

  unwatch(id: string): void {
    const watched = this.watched.get(id);
    if (!watched) return;
    watched.source.disconnect();
    this.watched.delete(id);
    if (this.watched.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private audioContext(): AudioContext {
    if (!this.context) {
      this.context = new AudioContext();
      // A page without a click yet may start suspended: resume on the first one.
      if (this.context.state === 'suspended') {
        const resume = () => void this.context?.resume();
        addEventListener('pointerdown', resume, { once: true });
        addEventListener('keydown', resume, { once: true });
      }
    }
    return this.context;
  }

  private read(): void {
    for (const watched of this.watched.values()) {
      watched.analyser.getFloatTimeDomainData(watched.samples);
      let sum = 0;
      for (const sample of watched.samples) sum += sample * sample;
      const rms = Math.sqrt(sum / watched.samples.length);
      // Speech RMS sits around 0.02–0.2: scale it to fill the meter, rise fast, fall slowly.
      const target = Math.min(1, rms * 4);
      watched.level = target > watched.level ? target : watched.level * 0.7 + target * 0.3;
      watched.show(watched.level, watched.level > SPEAKING_LEVEL);
    }
  }
}
