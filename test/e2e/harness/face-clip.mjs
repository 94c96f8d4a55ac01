// A fake-camera clip with a real face in it, for Chromium's --use-file-for-fake-video-capture.
// The face is a photo Vladimir Mandic took and ships in the @vladmandic/face-api npm package
// (demo/sample1.jpg, MIT licence; its README: "Photos shown below are taken by me"). Nothing
// is stored in this repository: the clip is made from the installed package when a test or
// bench needs it.
//
// 320×240 on a grey checkerboard (the detector looks at 320×240 whatever the camera gives;
// the squares are detail that a blurred background loses). The face (a 120×120 crop) sits on the left for the first half of the clip and on the right for the
// second, 6 s each; a 16×16 square in the top-left corner says which (white: left, black:
// right), so whoever receives a frame knows where the face is in it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CLIP = { width: 320, height: 240, fps: 10, framesPerSide: 60 };
const SIZE = 120;
const TOP = 60;
const LEFT_X = 20;
const RIGHT_X = 180;
const MARKER = 16;
// A square around the face in the photo (1920×1280), and the face in it as the tiny face
// detector boxes it (input size 224): from the brows to the chin.
const CROP = { x: 1280, y: 80, size: 500 };
const FACE_IN_CROP = { x: 116, y: 130, width: 347, height: 280 };

/** Where the face is in a frame of the clip, as fractions of the frame (side: 'left'|'right'). */
export function faceIn(side) {
  const scale = SIZE / CROP.size;
  const left = side === 'left' ? LEFT_X : RIGHT_X;
  return {
    x: (left + FACE_IN_CROP.x * scale) / CLIP.width,
    y: (TOP + FACE_IN_CROP.y * scale) / CLIP.height,
    width: (FACE_IN_CROP.width * scale) / CLIP.width,
    height: (FACE_IN_CROP.height * scale) / CLIP.height,
  };
}

/** The clip's path, made once per machine (a Y4M file of raw frames, about 14 MB). */
export async function faceClip() {
  const folder = join(tmpdir(), 'tfx-face-clip');
  const path = join(folder, 'face-v3.y4m');
  if (existsSync(path)) return path;
  mkdirSync(folder, { recursive: true });
  const photo = readFileSync('node_modules/@vladmandic/face-api/demo/sample1.jpg');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    const frames = await page.evaluate(
      async ({ base64, clip, crop, size, top, xs, marker }) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const photo = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
        const canvas = new OffscreenCanvas(clip.width, clip.height);
        const paint = canvas.getContext('2d', { willReadFrequently: true });
        return xs.map((x, index) => {
          for (let y = 0; y < clip.height; y += 8)
            for (let x = 0; x < clip.width; x += 8) {
              paint.fillStyle = (x + y) % 16 === 0 ? '#6e6e6e' : '#969696';
              paint.fillRect(x, y, 8, 8);
            }
          paint.drawImage(photo, crop.x, crop.y, crop.size, crop.size, x, top, size, size);
          paint.fillStyle = index === 0 ? '#ffffff' : '#000000';
          paint.fillRect(0, 0, marker, marker);
          return Array.from(paint.getImageData(0, 0, clip.width, clip.height).data);
        });
      },
      {
        base64: photo.toString('base64'),
        clip: CLIP,
        crop: CROP,
        size: SIZE,
        top: TOP,
        xs: [LEFT_X, RIGHT_X],
        marker: MARKER,
      },
    );
    const [left, right] = frames.map((rgba) => toI420(Uint8Array.from(rgba)));
    const header = `YUV4MPEG2 W${CLIP.width} H${CLIP.height} F${CLIP.fps}:1 Ip A1:1 C420jpeg\n`;
    const parts = [Buffer.from(header)];
    for (const frame of [left, right])
      for (let n = 0; n < CLIP.framesPerSide; n++) parts.push(Buffer.from('FRAME\n'), frame);
    writeFileSync(path, Buffer.concat(parts));
    return path;
  } finally {
    await browser.close();
  }
}

/** RGBA to planar YUV 4:2:0 (BT.601, full range, as C420jpeg says). */
function toI420(rgba) {
  const { width, height } = CLIP;
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc((width / 2) * (height / 2));
  for (let row = 0; row < height; row++)
    for (let col = 0; col < width; col++) {
      const at = (row * width + col) * 4;
      const [r, g, b] = [rgba[at], rgba[at + 1], rgba[at + 2]];
      y[row * width + col] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      if (row % 2 === 0 && col % 2 === 0) {
        const half = (row / 2) * (width / 2) + col / 2;
        u[half] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
        v[half] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
      }
    }
  return Buffer.concat([y, u, v]);
}

const clamp = (value) => Math.max(0, Math.min(255, Math.round(value)));
