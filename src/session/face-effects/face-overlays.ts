import type { FaceBox } from './face-box.js';

/** The effects a person can put on their face; `blur` hides it. */
export const FACE_EFFECTS = ['none', 'sunglasses', 'hat', 'mask', 'blur'] as const;
export type FaceEffect = (typeof FACE_EFFECTS)[number];

export function isFaceEffect(value: string): value is FaceEffect {
  return (FACE_EFFECTS as readonly string[]).includes(value);
}

type Paint = OffscreenCanvasRenderingContext2D;

/**
 * Draws an effect on one face, in pixels, onto a frame already painted on `paint`'s canvas.
 * The tiny face detector gives a box from the brows to the chin, about ear to ear, and no
 * landmarks: each overlay is placed by proportions of that box (the eyes about a third down).
 */
export function drawFaceEffect(paint: Paint, effect: FaceEffect, face: FaceBox): void {
  if (effect === 'sunglasses') return sunglasses(paint, face);
  if (effect === 'hat') return hat(paint, face);
  if (effect === 'mask') return smileyMask(paint, face);
  if (effect === 'blur') return blurred(paint, face);
}

function sunglasses(paint: Paint, { x, y, width, height }: FaceBox): void {
  const eyeY = y + height * 0.33;
  const lensWidth = width * 0.36;
  const lensHeight = height * 0.2;
  paint.save();
  paint.fillStyle = '#0b0b0f';
  paint.strokeStyle = '#0b0b0f';
  paint.lineWidth = Math.max(2, width * 0.03);
  for (const centre of [x + width * 0.3, x + width * 0.7]) {
    paint.beginPath();
    paint.roundRect(centre - lensWidth / 2, eyeY - lensHeight / 2, lensWidth, lensHeight, [
      lensHeight * 0.2,
      lensHeight * 0.2,
      lensHeight * 0.5,
      lensHeight * 0.5,
    ]);
    paint.fill();
  }
  // The bridge and the arms towards the ears.
  paint.beginPath();
  paint.moveTo(x + width * 0.3 + lensWidth / 2, eyeY - lensHeight * 0.2);
  paint.lineTo(x + width * 0.7 - lensWidth / 2, eyeY - lensHeight * 0.2);
  paint.moveTo(x + width * 0.3 - lensWidth / 2, eyeY - lensHeight * 0.3);
  paint.lineTo(x - width * 0.02, eyeY - lensHeight * 0.4);
  paint.moveTo(x + width * 0.7 + lensWidth / 2, eyeY - lensHeight * 0.3);
  paint.lineTo(x + width * 1.02, eyeY - lensHeight * 0.4);
  paint.stroke();
  paint.restore();
}

function hat(paint: Paint, { x, y, width, height }: FaceBox): void {
  const brimY = y - height * 0.05;
  paint.save();
  paint.fillStyle = '#1c1917';
  // The crown, then a band, then the brim across the forehead.
  paint.fillRect(x + width * 0.15, brimY - height * 0.75, width * 0.7, height * 0.75);
  paint.fillStyle = '#b91c1c';
  paint.fillRect(x + width * 0.15, brimY - height * 0.22, width * 0.7, height * 0.12);
  paint.fillStyle = '#1c1917';
  paint.beginPath();
  paint.ellipse(x + width / 2, brimY, width * 0.62, height * 0.07, 0, 0, Math.PI * 2);
  paint.fill();
  paint.restore();
}

function smileyMask(paint: Paint, { x, y, width, height }: FaceBox): void {
  const centreX = x + width / 2;
  const centreY = y + height * 0.45;
  const radius = Math.max(width, height) * 0.62;
  paint.save();
  paint.fillStyle = '#facc15';
  paint.strokeStyle = '#a16207';
  paint.lineWidth = Math.max(2, radius * 0.04);
  paint.beginPath();
  paint.arc(centreX, centreY, radius, 0, Math.PI * 2);
  paint.fill();
  paint.stroke();
  paint.fillStyle = '#3f2a00';
  for (const side of [-1, 1]) {
    paint.beginPath();
    paint.ellipse(
      centreX + side * radius * 0.35,
      centreY - radius * 0.25,
      radius * 0.1,
      radius * 0.17,
      0,
      0,
      Math.PI * 2,
    );
    paint.fill();
  }
  paint.lineWidth = Math.max(3, radius * 0.08);
  paint.strokeStyle = '#3f2a00';
  paint.beginPath();
  paint.arc(centreX, centreY + radius * 0.05, radius * 0.55, Math.PI * 0.15, Math.PI * 0.85);
  paint.stroke();
  paint.restore();
}

// Blocks this many across the face, scaled back up smoothly: the face is a blur of its own
// colours that no one can recognise, at the cost of two small draws.
const BLUR_BLOCKS = 8;
let shrunk: OffscreenCanvas | undefined;

function blurred(paint: Paint, { x, y, width, height }: FaceBox): void {
  // A margin around the box: hair, ears and the jaw identify a person too.
  const left = x - width * 0.15;
  const top = y - height * 0.25;
  const right = x + width * 1.15;
  const bottom = y + height * 1.12;
  shrunk ??= new OffscreenCanvas(BLUR_BLOCKS, BLUR_BLOCKS);
  const small = shrunk.getContext('2d')!;
  small.drawImage(
    paint.canvas,
    left,
    top,
    right - left,
    bottom - top,
    0,
    0,
    BLUR_BLOCKS,
    BLUR_BLOCKS,
  );
  paint.save();
  paint.beginPath();
  paint.ellipse(
    (left + right) / 2,
    (top + bottom) / 2,
    (right - left) / 2,
    (bottom - top) / 2,
    0,
    0,
    Math.PI * 2,
  );
  paint.clip();
  paint.imageSmoothingEnabled = true;
  paint.imageSmoothingQuality = 'high';
  paint.drawImage(shrunk, left, top, right - left, bottom - top);
  paint.restore();
}
