/**
 * The wire between the call page and its face-detection worker (session/face-effects). The
 * worker is this extension's own code, but each message still crosses a postMessage boundary
 * and is read against this schema on arrival, as every boundary's messages are.
 */
import { z } from 'zod';
import { accepted, parseWith, refused, type Parsed } from './parsed.js';

/**
 * The size of the copy the page hands over: all the detector's 224-pixel input needs. A small
 * copy, not the camera's frame itself: a frame held while a detection runs (a second on a slow
 * machine) keeps one of the camera's few buffers, and the camera drops frames without it.
 */
export const DETECTION_WIDTH = 320;
export const DETECTION_HEIGHT = 240;

/** The page asks: where are the faces in this frame? The frame is handed over (transferred). */
export interface DetectRequest {
  type: 'detect';
  id: number;
  frame: VideoFrame;
}

const fraction = z.number().finite().min(-1).max(2);
const faceBox = z.strictObject({
  x: fraction,
  y: fraction,
  width: z.number().finite().min(0).max(2),
  height: z.number().finite().min(0).max(2),
});

export const MAX_FACES = 8;

const workerReplySchema = z.discriminatedUnion('type', [
  /** The model is loaded; `backend` is the TensorFlow.js backend that runs it. */
  z.strictObject({ type: z.literal('ready'), backend: z.string().max(20) }),
  /** The faces in frame `id`, as fractions of its size. */
  z.strictObject({
    type: z.literal('faces'),
    id: z.number().int().nonnegative(),
    boxes: z.array(faceBox).max(MAX_FACES),
    ms: z.number().finite().nonnegative(),
  }),
  /** Detection failed on frame `id`: why, for the log. */
  z.strictObject({
    type: z.literal('missed'),
    id: z.number().int().nonnegative(),
    reason: z.string().max(500),
  }),
  /** Detection cannot run here (no model, no backend): why, for the log. */
  z.strictObject({ type: z.literal('failed'), reason: z.string().max(500) }),
]);

export type WorkerReply = z.infer<typeof workerReplySchema>;

export function parseWorkerReply(raw: unknown): Parsed<WorkerReply> {
  return parseWith(workerReplySchema, raw);
}

export function parseDetectRequest(raw: unknown): Parsed<DetectRequest> {
  const request = raw as Partial<DetectRequest> | null;
  return request?.type === 'detect' &&
    Number.isSafeInteger(request.id) &&
    request.frame instanceof VideoFrame
    ? accepted(request as DetectRequest)
    : refused('not a detect request with a VideoFrame');
}
