/**
 * Finds faces in frames the call page hands over, off the page's thread: the tiny face
 * detector of @vladmandic/face-api (a 190 KB model that ships inside the extension; nothing is
 * downloaded). The page hands over a 320×240 copy of a frame (protocol/face-detection.ts).
 */
import * as faceapi from '@vladmandic/face-api';
// The weights' layout is bundled in; only the weights themselves are fetched, from this build.
import weightsManifest from '@vladmandic/face-api/model/tiny_face_detector_model-weights_manifest.json';
import weightsUrl from '@vladmandic/face-api/model/tiny_face_detector_model.bin?url';
import {
  DETECTION_HEIGHT as HEIGHT,
  DETECTION_WIDTH as WIDTH,
  MAX_FACES,
  parseDetectRequest,
  type WorkerReply,
} from '../../protocol/face-detection.js';

// The network's input size (a multiple of 32). 224 finds a face a quarter of the frame wide
// with a score of about 0.7 and a tight box; 160 scored the same face 0.2–0.3, its box off by
// a tenth; 320 costs twice as much for the same box (measured on the e2e clip).
const OPTIONS = new faceapi.TinyFaceDetectorOptions({ inputSize: 224, scoreThreshold: 0.4 });

const reply = (message: WorkerReply) => postMessage(message);

// The parts of TensorFlow.js (bundled in face-api) that face-api's own types leave out.
const backends = faceapi.tf as unknown as {
  setBackend(name: 'webgl' | 'cpu'): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
};

// face-api looks for a window's canvas and image elements; a worker has OffscreenCanvas only.
class NotInAWorker {
  constructor() {
    throw new Error('not available in a worker');
  }
}
faceapi.env.setEnv({
  Canvas: OffscreenCanvas as unknown as typeof HTMLCanvasElement,
  CanvasRenderingContext2D:
    OffscreenCanvasRenderingContext2D as unknown as typeof CanvasRenderingContext2D,
  Image: NotInAWorker as unknown as typeof HTMLImageElement,
  ImageData,
  Video: NotInAWorker as unknown as typeof HTMLVideoElement,
  createCanvasElement: () => new OffscreenCanvas(1, 1) as unknown as HTMLCanvasElement,
  createImageElement: () => new NotInAWorker() as HTMLImageElement,
  createVideoElement: () => new NotInAWorker() as HTMLVideoElement,
  fetch: (...args: Parameters<typeof fetch>) => fetch(...args),
  readFile: () => {
    throw new Error('no files in a worker');
  },
});

async function loadModel(): Promise<string> {
  // WebGL where the machine has it (a GPU, or SwiftShader), else plain JavaScript.
  if (!(await backends.setBackend('webgl').catch(() => false))) await backends.setBackend('cpu');
  await backends.ready();
  const weights = await (await fetch(weightsUrl)).arrayBuffer();
  const [layout] = weightsManifest as unknown as { weights: never }[];
  faceapi.nets.tinyFaceDetector.loadFromWeightMap(
    faceapi.tf.io.decodeWeights(weights, layout!.weights),
  );
  return backends.getBackend();
}

const model = loadModel();
model.then(
  (backend) => reply({ type: 'ready', backend }),
  (error: unknown) => reply({ type: 'failed', reason: String(error).slice(0, 500) }),
);

const canvas = new OffscreenCanvas(WIDTH, HEIGHT);
const paint = canvas.getContext('2d', { willReadFrequently: true })!;

addEventListener('message', (event: MessageEvent<unknown>) => {
  const request = parseDetectRequest(event.data);
  if (!request.ok) {
    // Only the page that made this worker talks to it; a frame in a bad request is let go.
    const { frame } = (event.data ?? {}) as { frame?: unknown };
    if (frame instanceof VideoFrame) frame.close();
    return;
  }
  const { id, frame } = request.value;
  void model
    .then(async () => {
      const started = performance.now();
      paint.drawImage(frame, 0, 0, WIDTH, HEIGHT);
      const pixels = faceapi.tf.browser.fromPixels(paint.getImageData(0, 0, WIDTH, HEIGHT));
      try {
        const faces = await faceapi.detectAllFaces(pixels, OPTIONS);
        const boxes = faces.slice(0, MAX_FACES).map(({ box }) => ({
          x: box.x / WIDTH,
          y: box.y / HEIGHT,
          width: box.width / WIDTH,
          height: box.height / HEIGHT,
        }));
        reply({ type: 'faces', id, boxes, ms: performance.now() - started });
      } finally {
        pixels.dispose();
      }
    })
    // Every frame gets an answer, so the page never waits on one that failed.
    .catch((error: unknown) => reply({ type: 'missed', id, reason: String(error).slice(0, 500) }))
    .finally(() => frame.close());
});
