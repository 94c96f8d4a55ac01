import {
  DETECTION_HEIGHT,
  DETECTION_WIDTH,
  parseWorkerReply,
} from '../../protocol/face-detection.js';
import type { FaceBox } from './face-box.js';

/** Detections at most this often, however fast the worker is. */
const MIN_INTERVAL_MS = 250;
/** The worker may be busy at most a third of the time: one core, shared with the encoder. */
const BUSY_SHARE = 1 / 3;
/**
 * However slow detection is, a moved face is looked for again within this long. On a 2-core
 * machine without a GPU one detection took 0.6–2 s and a cap of 1.5 s kept the worker busy
 * most of the time, costing a tenth to half of the frames sent (npm run bench): the share above
 * comes first, up to this.
 */
const MAX_INTERVAL_MS = 4000;

/**
 * The call page's side of face detection: hands the worker a copy of a frame when it is free
 * and a detection is due, and passes on the faces it finds. Frames are never queued: one
 * detection at a time, spaced by how long the last took, so a slow machine detects less often
 * instead of falling behind or taking frames from the call.
 */
export class FaceDetection {
  private readonly worker: Worker;
  private ready = false;
  private busy = false;
  private lastSentAt = -Infinity;
  private lastTookMs = MIN_INTERVAL_MS;
  private detections = 0;
  private nextId = 0;
  private stopped = false;

  constructor(
    private readonly onFaces: (boxes: FaceBox[]) => void,
    onProblem: (reason: string) => void,
  ) {
    this.worker = new Worker(new URL('./face-detector.worker.ts', import.meta.url), {
      type: 'module',
    });
    this.worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      const reply = parseWorkerReply(event.data);
      if (!reply.ok) {
        this.busy = false;
        return onProblem(`face detection sent a bad message: ${reply.reason}`);
      }
      const message = reply.value;
      if (message.type !== 'ready' && message.type !== 'failed') this.busy = false;
      // Stopped while a frame was out: that frame is now closed, and the worker can go.
      if (this.stopped) return this.worker.terminate();
      if (message.type === 'ready') this.ready = true;
      else if (message.type === 'failed') onProblem(`face detection cannot run: ${message.reason}`);
      else if (message.type === 'missed')
        onProblem(`face detection failed on a frame: ${message.reason}`);
      else {
        // The first detection also compiles the model for this machine (seconds with WebGL);
        // pacing by it would leave the next one far too late.
        if (++this.detections > 1) this.lastTookMs = message.ms;
        this.onFaces(message.boxes);
      }
    });
    this.worker.addEventListener('error', (event) => onProblem(event.message));
  }

  /**
   * A frame from the camera: a small copy goes to the worker if a detection is due. Handing
   * over a clone instead cost a tenth to a fifth of the frames sent (npm run bench, 2 cores):
   * it kept the camera's buffer for the whole detection.
   */
  offer(frame: VideoFrame, now: number): void {
    const interval = Math.min(
      MAX_INTERVAL_MS,
      Math.max(MIN_INTERVAL_MS, this.lastTookMs / BUSY_SHARE),
    );
    if (!this.ready || this.busy || this.stopped || now - this.lastSentAt < interval) return;
    this.busy = true;
    this.lastSentAt = now;
    const id = ++this.nextId;
    const { timestamp } = frame;
    const size = { resizeWidth: DETECTION_WIDTH, resizeHeight: DETECTION_HEIGHT };
    void createImageBitmap(frame, { ...size, resizeQuality: 'low' })
      .then((bitmap) => {
        const small = new VideoFrame(bitmap, { timestamp });
        bitmap.close();
        this.worker.postMessage({ type: 'detect', id, frame: small }, [small]);
      })
      .catch(() => {
        // No copy went out, so no reply will come: stopping meanwhile left the worker to us.
        this.busy = false;
        if (this.stopped) this.worker.terminate();
      });
  }

  /** Ends detection; a frame the worker holds is closed first (see the message handler). */
  stop(): void {
    this.stopped = true;
    if (!this.busy) this.worker.terminate();
  }
}
