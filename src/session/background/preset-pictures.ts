/**
 * The pictures a person can put behind them without bringing their own. They are drawn here,
 * once per page when first picked, rather than shipped as image files: nothing to license, a
 * few hundred bytes of code, and sharp at any camera size.
 */

export const PRESET_PICTURES = ['hills', 'seaside', 'studio', 'bookshelf'] as const;
export type PresetPicture = (typeof PRESET_PICTURES)[number];

export function isPresetPicture(value: string): value is PresetPicture {
  return (PRESET_PICTURES as readonly string[]).includes(value);
}

const WIDTH = 1280;
const HEIGHT = 720;

type Paint = OffscreenCanvasRenderingContext2D;

function verticalGradient(paint: Paint, top: number, bottom: number, stops: string[]) {
  const gradient = paint.createLinearGradient(0, top, 0, bottom);
  stops.forEach((colour, index) => gradient.addColorStop(index / (stops.length - 1), colour));
  return gradient;
}

/** Fills the whole picture with light spreading from `x`, `y`: `stops` are [share, colour]. */
function glow(
  paint: Paint,
  [x, y, inner, outer]: [number, number, number, number],
  stops: [number, string][],
): void {
  const light = paint.createRadialGradient(x, y, inner, x, y, outer);
  for (const [share, colour] of stops) light.addColorStop(share, colour);
  paint.fillStyle = light;
  paint.fillRect(0, 0, WIDTH, HEIGHT);
}

/** A ridge across the picture at `height` (a share of it), rolling `waves` times. */
function ridge(paint: Paint, height: number, swing: number, waves: number, colour: string) {
  paint.beginPath();
  paint.moveTo(0, HEIGHT);
  for (let x = 0; x <= WIDTH; x += 16) {
    const y = HEIGHT * (height + swing * Math.sin((x / WIDTH) * Math.PI * waves + height * 9));
    paint.lineTo(x, y);
  }
  paint.lineTo(WIDTH, HEIGHT);
  paint.closePath();
  paint.fillStyle = colour;
  paint.fill();
}

function hills(paint: Paint): void {
  paint.fillStyle = verticalGradient(paint, 0, HEIGHT * 0.7, [
    '#1f2a56',
    '#6b4c8a',
    '#e98a6b',
    '#f7c27a',
  ]);
  paint.fillRect(0, 0, WIDTH, HEIGHT);
  glow(
    paint,
    [900, 430, 10, 200],
    [
      [0, 'rgb(255 236 190 / 100%)'],
      [0.3, 'rgb(255 214 150 / 70%)'],
      [1, 'rgb(255 200 140 / 0%)'],
    ],
  );
  ridge(paint, 0.66, 0.05, 1.6, '#7a4f7f');
  ridge(paint, 0.75, 0.04, 2.3, '#513c69');
  ridge(paint, 0.86, 0.035, 1.2, '#2e2747');
}

function seaside(paint: Paint): void {
  paint.fillStyle = verticalGradient(paint, 0, HEIGHT * 0.55, ['#5fa8e0', '#a9d6f2', '#e4f3fb']);
  paint.fillRect(0, 0, WIDTH, HEIGHT * 0.55);
  paint.fillStyle = verticalGradient(paint, HEIGHT * 0.55, HEIGHT * 0.78, ['#2f8fb0', '#1c6d8f']);
  paint.fillRect(0, HEIGHT * 0.55, WIDTH, HEIGHT * 0.23);
  paint.strokeStyle = 'rgb(255 255 255 / 45%)';
  paint.lineWidth = 3;
  for (let row = 0; row < 4; row++) {
    const y = HEIGHT * (0.6 + row * 0.045);
    for (let x = (row * 97) % 160; x < WIDTH; x += 160) {
      paint.beginPath();
      paint.moveTo(x, y);
      paint.quadraticCurveTo(x + 25, y - 6, x + 50, y);
      paint.stroke();
    }
  }
  ridge(paint, 0.8, 0.015, 1.5, '#e9d3a6');
  ridge(paint, 0.9, 0.01, 2.5, '#dcc08b');
}

function studio(paint: Paint): void {
  glow(
    paint,
    [640, 330, 40, 820],
    [
      [0, '#7d8d9c'],
      [0.55, '#4b5866'],
      [1, '#1f252c'],
    ],
  );
}

/** Random enough for a shelf of books, the same every time. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

function bookshelf(paint: Paint): void {
  paint.fillStyle = verticalGradient(paint, 0, HEIGHT, ['#e8dccb', '#d6c6ae']);
  paint.fillRect(0, 0, WIDTH, HEIGHT);
  const spines = ['#8c3b3b', '#35577d', '#c2923d', '#3f6b4a', '#6a4c7d', '#b56a45', '#2d3e50'];
  const random = seeded(7);
  const left = 120;
  const right = WIDTH - 120;
  paint.fillStyle = '#8a6a4a';
  paint.fillRect(left - 24, 40, right - left + 48, HEIGHT - 40);
  for (const shelfTop of [60, 250, 440]) {
    paint.fillStyle = '#5b4330';
    paint.fillRect(left, shelfTop, right - left, 170);
    for (let x = left + 6; x < right - 30;) {
      const width = 18 + Math.floor(random() * 22);
      const height = 110 + Math.floor(random() * 50);
      if (random() < 0.08) {
        x += width * 2; // a gap, as real shelves have
        continue;
      }
      paint.fillStyle = spines[Math.floor(random() * spines.length)]!;
      paint.fillRect(x, shelfTop + 170 - height, width, height);
      paint.fillStyle = 'rgb(255 255 255 / 18%)';
      paint.fillRect(x + 3, shelfTop + 170 - height + 12, width - 6, 4);
      x += width + 2;
    }
    paint.fillStyle = '#a47e58';
    paint.fillRect(left - 24, shelfTop + 170, right - left + 48, 20);
  }
}

const DRAW: Record<PresetPicture, (paint: Paint) => void> = { hills, seaside, studio, bookshelf };
const drawn = new Map<PresetPicture, OffscreenCanvas>();

/** The preset, drawn at 1280×720 the first time it is asked for. */
export function presetPicture(name: PresetPicture): OffscreenCanvas {
  let picture = drawn.get(name);
  if (!picture) {
    picture = new OffscreenCanvas(WIDTH, HEIGHT);
    DRAW[name](picture.getContext('2d')!);
    drawn.set(name, picture);
  }
  return picture;
}
