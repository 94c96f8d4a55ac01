/**
 * A live microphone level for the pre-join step, read from the local track with an analyser:
 * nothing is connected yet, so there are no RTP levels to read as the call tiles do.
 */
export function startMicMeter(
  track: () => MediaStreamTrack | null,
  meter: HTMLElement,
  signal: AbortSignal,
): void {
  const context = new AudioContext();
  // A window opened by an invite link has had no click yet, and Chromium may start the context
  // suspended (the e2e browsers allow autoplay, so tests do not see this): the first key or
  // click on the page starts it.
  const resume = (): void => void context.resume().catch(() => undefined);
  for (const kind of ['pointerdown', 'keydown'] as const)
    document.addEventListener(kind, resume, { signal, capture: true });
  const analyser = context.createAnalyser();
  // A window longer than the 100 ms between readings, so no short sound falls between two.
  analyser.fftSize = 8192;
  const samples = new Float32Array(analyser.fftSize);
  let source: MediaStreamAudioSourceNode | undefined;
  let sourceTrack: MediaStreamTrack | null = null;

  const follow = (): void => {
    const current = track();
    if (current === sourceTrack) return;
    source?.disconnect();
    source = current ? context.createMediaStreamSource(new MediaStream([current])) : undefined;
    source?.connect(analyser);
    sourceTrack = current;
  };

  const timer = setInterval(() => {
    follow();
    let level = 0;
    if (sourceTrack?.enabled && sourceTrack.readyState === 'live') {
      analyser.getFloatTimeDomainData(samples);
      let peak = 0;
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
      // The loudest moment of the window: ordinary talking peaks at a third of full scale and
      // more, which fills most of the bar.
      level = Math.min(100, Math.round(peak * 250));
    }
    meter.setAttribute('aria-valuenow', String(level));
    meter.style.setProperty('--level', `${level}%`);
  }, 100);

  signal.addEventListener(
    'abort',
    () => {
      clearInterval(timer);
      source?.disconnect();
      void context.close();
    },
    { once: true },
  );
}
