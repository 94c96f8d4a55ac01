import type { FaceBox } from './face-box.js';

/** Each frame moves the shown box this share of the way to the last detection. */
const EASING = 0.35;
/**
 * A face missing from this many detections in a row is let go (it left, or turned away). One
 * miss keeps it: detectors miss a face now and then (a hand in front, a blink of light).
 */
export const FORGET_AFTER_MISSES = 2;
/** A detection farther than this from every shown face (in face widths) is another face. */
const SAME_FACE_DISTANCE = 1;

interface Followed {
  shown: FaceBox;
  target: FaceBox;
  misses: number;
}

/**
 * Keeps the overlays on the faces between detections. Detection runs a few times a second, far
 * less often than frames come; drawing each frame at the last detection would make overlays
 * jump. Each shown box eases toward its face's latest detected place instead, and a face that
 * one detection misses keeps its overlay until the next, so a miss does not flash the face bare
 * (which matters most for "blur my face").
 */
export class FaceFollower {
  private faces: Followed[] = [];

  /**
   * A detection's faces. With `jumpsFollow`, a face found far from every shown face while a
   * shown face went missing is taken for that face having moved, and its overlay follows it
   * there: right for decorations, which would otherwise show twice until the next detection
   * (seconds on a slow machine). Without it the missed place keeps its overlay one more
   * detection: right for "blur my face", where a face is better hidden twice than shown once.
   */
  detected(boxes: FaceBox[], jumpsFollow = false): void {
    const unmatched = [...this.faces];
    const next: Followed[] = [];
    const arrivals: FaceBox[] = [];
    for (const target of boxes) {
      const nearest = closest(unmatched, target, SAME_FACE_DISTANCE);
      if (nearest) {
        unmatched.splice(unmatched.indexOf(nearest), 1);
        next.push({ shown: nearest.shown, target, misses: 0 });
      } else arrivals.push(target);
    }
    for (const target of arrivals) {
      const moved = jumpsFollow ? closest(unmatched, target, Infinity) : undefined;
      if (moved) unmatched.splice(unmatched.indexOf(moved), 1);
      next.push({ shown: moved?.shown ?? target, target, misses: 0 });
    }
    const kept = unmatched
      .map((face) => ({ ...face, misses: face.misses + 1 }))
      .filter((face) => face.misses < FORGET_AFTER_MISSES);
    this.faces = [...next, ...kept];
  }

  /** Where to draw on the next frame: each box a step closer to its face. */
  step(): FaceBox[] {
    for (const face of this.faces) face.shown = toward(face.shown, face.target, EASING);
    return this.faces.map((face) => face.shown);
  }
}

/** The shown face nearest `box`, if within `limit` face widths of it. */
function closest(faces: Followed[], box: FaceBox, limit: number): Followed | undefined {
  let best: Followed | undefined;
  let bestDistance = Infinity;
  for (const face of faces) {
    const distance =
      Math.hypot(centreX(face.target) - centreX(box), centreY(face.target) - centreY(box)) /
      Math.max(box.width, face.target.width);
    if (distance < bestDistance) [best, bestDistance] = [face, distance];
  }
  return bestDistance <= limit ? best : undefined;
}

const centreX = (box: FaceBox) => box.x + box.width / 2;
const centreY = (box: FaceBox) => box.y + box.height / 2;

function toward(from: FaceBox, to: FaceBox, share: number): FaceBox {
  const mix = (a: number, b: number) => a + (b - a) * share;
  return {
    x: mix(from.x, to.x),
    y: mix(from.y, to.y),
    width: mix(from.width, to.width),
    height: mix(from.height, to.height),
  };
}
