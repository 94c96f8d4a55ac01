/**
 * Finds the person in the camera's frames, to blur or replace what is behind them: the legacy
 * MediaPipe selfie segmentation (its landscape model, 256×144), shipped in the build under
 * vendor/selfie-segmentation/ (scripts/segmentation-files-plugin.ts). Its API takes a canvas
 * element, so it runs on the call page's thread: a copy of a frame goes in at most an eighth of
 * the time, and each frame in between is composed with the last mask.
 */

/** The parts of the package's global the host uses (its index.d.ts). */
interface SelfieSegmentationSolution {
  setOptions(options: { modelSelection: 0 | 1; selfieMode: boolean }): void;
  onResults(listener: (results: { segmentationMask: CanvasImageSource }) => void): void;
  initialize(): Promise<void>;
  send(inputs: { image: HTMLCanvasElement }): Promise<void>;
  close(): Promise<void>;
}
type SolutionConstructor = new (config: {
  locateFile: (file: string) => string;
}) => SelfieSegmentationSolution;

// The landscape model's own input size: a larger copy would only be shrunk again.
const INPUT_WIDTH = 256;
const INPUT_HEIGHT = 144;
const MIN_INTERVAL_MS = 150;
/**
 * Segmentation may take at most this share of the page's time. A quarter cost 12% of the
 * frames sent at 1280×720 on a 2-core machine (npm run bench): the page's thread also moves
 * every frame.
 */
const BUSY_SHARE = 1 / 8;
/**
 * However slow segmentation is, a moved person is looked for again within this long. It took
 * 250–350 ms a time on a 2-core machine without a GPU, where a cap of 1.5 s made it take a
 * fifth of the page's time; the share above comes first, up to this.
 */
const MAX_INTERVAL_MS = 3000;

let loading: Promise<SolutionConstructor> | undefined;

/** The package's loader, a classic script that defines a global; loaded once per page. */
function solutionConstructor(folder: URL): Promise<SolutionConstructor> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL('selfie_segmentation.js', folder).href;
    script.onload = () => {
      const found = (globalThis as { SelfieSegmentation?: SolutionConstructor }).SelfieSegmentation;
      if (found) resolve(found);
      else reject(new Error('the segmentation script defined no SelfieSegmentation'));
    };
    script.onerror = () => reject(new Error(`could not load ${script.src}`));
    document.head.append(script);
  });
  return loading;
}

export class PersonSegmentation {
  /** The latest mask, the frame's size: opaque where the person is, clear elsewhere. */
  readonly mask = new OffscreenCanvas(INPUT_WIDTH, INPUT_HEIGHT);
  hasMask = false;
  private readonly input = document.createElement('canvas');
  private solution: SelfieSegmentationSolution | undefined;
  private busy = false;
  private stopped = false;
  private lastSentAt = -Infinity;
  private lastTookMs = MIN_INTERVAL_MS;
  private segmentations = 0;

  constructor(private readonly onProblem: (reason: string) => void) {
    this.input.width = INPUT_WIDTH;
    this.input.height = INPUT_HEIGHT;
    const folder = new URL('/vendor/selfie-segmentation/', location.href);
    void solutionConstructor(folder)
      .then(async (Solution) => {
        const solution = new Solution({ locateFile: (file) => new URL(file, folder).href });
        solution.setOptions({ modelSelection: 1, selfieMode: false });
        solution.onResults(({ segmentationMask }) => this.took(segmentationMask));
        await solution.initialize();
        if (this.stopped) return void solution.close();
        this.solution = solution;
      })
      .catch((error: unknown) => this.onProblem(`background blur cannot run: ${String(error)}`));
  }

  /** A frame from the camera: a copy is segmented if one is due and none is under way. */
  offer(frame: VideoFrame, now: number): void {
    const interval = Math.min(
      MAX_INTERVAL_MS,
      Math.max(MIN_INTERVAL_MS, this.lastTookMs / BUSY_SHARE),
    );
    if (!this.solution || this.busy || now - this.lastSentAt < interval) return;
    this.busy = true;
    this.lastSentAt = now;
    this.input.getContext('2d')!.drawImage(frame, 0, 0, INPUT_WIDTH, INPUT_HEIGHT);
    this.solution.send({ image: this.input }).then(
      () => {
        this.busy = false;
        // The first run also compiles the model; pacing by it would leave the next far too late.
        if (++this.segmentations > 1) this.lastTookMs = performance.now() - now;
      },
      (error: unknown) => {
        this.busy = false;
        this.onProblem(`background blur failed on a frame: ${String(error)}`);
      },
    );
  }

  stop(): void {
    this.stopped = true;
    void this.solution?.close();
    this.solution = undefined;
  }

  private took(mask: CanvasImageSource): void {
    const paint = this.mask.getContext('2d')!;
    paint.globalCompositeOperation = 'copy';
    // The model's edge steps in blocks; softened once here, on the small mask, rather than on
    // every frame, a picture behind the person meets them without a staircase.
    paint.filter = 'blur(1.5px)';
    paint.drawImage(mask, 0, 0, INPUT_WIDTH, INPUT_HEIGHT);
    this.hasMask = true;
  }
}
