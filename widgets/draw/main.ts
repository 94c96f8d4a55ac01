import * as tfx from '@tfx/sdk';
import { Board } from './board';
import {
  COLOURS,
  SIZES,
  parseDrawMessage,
  type DrawMessage,
  type Point,
  type Stroke,
} from './draw-protocol';
import { paintAll } from './paint';
import { DRAW_STRINGS, type DrawStrings } from './draw-strings';

// The call's colours, from the SDK: the page's styles switch on data-theme.
const showTheme = (theme: tfx.Theme): void => {
  document.documentElement.dataset.theme = theme;
};
showTheme(tfx.theme());
tfx.onThemeChanged(showTheme);

const canvas = document.querySelector<HTMLCanvasElement>('#board')!;
const context = canvas.getContext('2d')!;
const status = document.querySelector<HTMLElement>('#status')!;
const penButton = document.querySelector<HTMLButtonElement>('#pen')!;
const eraserButton = document.querySelector<HTMLButtonElement>('#eraser')!;
const confirmBar = document.querySelector<HTMLElement>('#confirm')!;

// English until the host has said hello and the reader's words are known (see the end).
let words: DrawStrings = DRAW_STRINGS.en;
/** Points are sent in small batches while drawing, so others see the stroke as it is drawn. */
const SEND_EVERY_MS = 40;

const board = new Board();
let tool: Stroke['tool'] = 'pen';
let colour: string = COLOURS[0];
let size: number = SIZES[1];
let sequence = 0;

function send(message: DrawMessage, to?: string): void {
  tfx.sendMessage(message, to === undefined ? {} : { to }).catch((error: unknown) => {
    status.textContent = words.notSent((error as Error).message);
  });
}

// ---- painting ------------------------------------------------------------------------------

let repaintQueued = false;
function repaint(): void {
  if (repaintQueued) return;
  repaintQueued = true;
  requestAnimationFrame(() => {
    repaintQueued = false;
    paintAll(context, board.ordered());
  });
}

new ResizeObserver(() => {
  const ratio = devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  canvas.height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  paintAll(context, board.ordered());
}).observe(canvas);

// ---- tools ---------------------------------------------------------------------------------

function pressOnly(buttons: Iterable<HTMLButtonElement>, pressed: HTMLButtonElement): void {
  for (const button of buttons) button.setAttribute('aria-pressed', String(button === pressed));
}

function chooseTool(next: Stroke['tool']): void {
  tool = next;
  pressOnly([penButton, eraserButton], next === 'pen' ? penButton : eraserButton);
}
penButton.addEventListener('click', () => chooseTool('pen'));
eraserButton.addEventListener('click', () => chooseTool('eraser'));

const swatches = COLOURS.map((value, index) => {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'swatch';
  button.style.setProperty('--colour', value);
  button.setAttribute('aria-label', words.colours[index]!);
  button.setAttribute('aria-pressed', String(value === colour));
  button.addEventListener('click', () => {
    colour = value;
    pressOnly(swatches, button);
    chooseTool('pen');
  });
  return button;
});
document.querySelector('#colours')!.append(...swatches);

const sizeButtons = SIZES.map((value, index) => {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = words.sizes[index]!;
  button.setAttribute('aria-pressed', String(value === size));
  button.addEventListener('click', () => {
    size = value;
    pressOnly(sizeButtons, button);
  });
  return button;
});
document.querySelector('#sizes')!.append(...sizeButtons);

// ---- drawing -------------------------------------------------------------------------------

let drawing: { stroke: Stroke; unsent: Point[]; timer: number } | undefined;

function pointOf(event: PointerEvent): Point {
  const rect = canvas.getBoundingClientRect();
  // Four decimals: finer than a pixel on any screen, and half the bytes of a full double.
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return [
    round((event.clientX - rect.left) / rect.width),
    round((event.clientY - rect.top) / rect.height),
  ];
}

function flushPoints(): void {
  if (!drawing || drawing.unsent.length === 0) return;
  send({ type: 'draw:points', id: drawing.stroke.id, points: drawing.unsent });
  drawing.unsent = [];
}

canvas.addEventListener('pointerdown', (event) => {
  if (event.button !== 0 || drawing) return;
  canvas.setPointerCapture(event.pointerId);
  const me = tfx.self();
  const body = {
    id: `${me.id}:${Date.now()}:${sequence++}`,
    tool,
    colour,
    size,
    at: Date.now(),
    points: [pointOf(event)],
  };
  const stroke: Stroke = { ...body, author: me.id };
  board.add(stroke);
  send({ type: 'draw:begin', stroke: body });
  drawing = { stroke, unsent: [], timer: window.setInterval(flushPoints, SEND_EVERY_MS) };
  repaint();
});

canvas.addEventListener('pointermove', (event) => {
  if (!drawing) return;
  const point = pointOf(event);
  board.extend(drawing.stroke.id, drawing.stroke.author, [point]);
  drawing.unsent.push(point);
  repaint();
});

function endStroke(): void {
  if (!drawing) return;
  flushPoints();
  clearInterval(drawing.timer);
  drawing = undefined;
}
canvas.addEventListener('pointerup', endStroke);
canvas.addEventListener('pointercancel', endStroke);

// ---- undo, clear, export -------------------------------------------------------------------

function undoMine(): void {
  const mine = board.lastBy(tfx.self().id);
  if (!mine || !board.undo(mine.id, mine.author)) return;
  send({ type: 'draw:undo', id: mine.id });
  repaint();
}
document.querySelector('#undo')!.addEventListener('click', undoMine);
addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
    event.preventDefault();
    undoMine();
  }
});

document.querySelector('#clear')!.addEventListener('click', () => {
  confirmBar.hidden = false;
  document.querySelector<HTMLButtonElement>('#cancel-clear')!.focus();
});
document
  .querySelector('#cancel-clear')!
  .addEventListener('click', () => (confirmBar.hidden = true));
document.querySelector('#confirm-clear')!.addEventListener('click', () => {
  confirmBar.hidden = true;
  board.clear();
  send({ type: 'draw:clear' });
  status.textContent = words.youCleared;
  repaint();
});

document.querySelector('#export')!.addEventListener('click', () => {
  // On white, as people expect of a picture (the board itself is transparent).
  const picture = document.createElement('canvas');
  picture.width = canvas.width;
  picture.height = canvas.height;
  const paint = picture.getContext('2d')!;
  paint.fillStyle = '#fff';
  paint.fillRect(0, 0, picture.width, picture.height);
  paint.drawImage(canvas, 0, 0);
  picture.toBlob((blob) => {
    if (!blob) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `board-${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}.png`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }, 'image/png');
});

// ---- peers ---------------------------------------------------------------------------------

tfx.onMessage((data, from) => {
  const parsed = parseDrawMessage(data);
  if (!parsed.ok) {
    console.warn(`[draw] ignored a malformed message from ${from.name}: ${parsed.reason}`);
    return;
  }
  const message = parsed.value;
  switch (message.type) {
    case 'draw:begin':
      // The author is who sent it, whatever the stroke says.
      board.add({ ...message.stroke, author: from.id });
      break;
    case 'draw:points':
      board.extend(message.id, from.id, message.points);
      break;
    case 'draw:undo':
      board.undo(message.id, from.id);
      break;
    case 'draw:clear':
      board.clear();
      status.textContent = words.theyCleared(from.name);
      break;
    case 'draw:board':
      for (const stroke of message.strokes) board.add(stroke);
      break;
  }
  repaint();
});

// A late joiner gets the board so far (each peer sends it; strokes merge by id).
tfx.onPeerJoined((peer) => {
  if (board.size > 0) send({ type: 'draw:board', strokes: board.ordered() }, peer.id);
});

// The reader's words, once the host has said which language that is.
await tfx.ready();
words = tfx.stringsFor(DRAW_STRINGS);
document.documentElement.lang = tfx.language();
const label = (selector: string, text: string) =>
  document.querySelector(selector)!.setAttribute('aria-label', text);
const say = (selector: string, text: string) =>
  (document.querySelector(selector)!.textContent = text);
label('#toolbar', words.tools);
label('#toolbar .group', words.tool);
label('#colours', words.colour);
label('#sizes', words.size);
label('#confirm', words.clearTitle);
label('#board', words.board);
say('#pen', words.pen);
say('#eraser', words.eraser);
say('#undo', words.undo);
document.querySelector<HTMLElement>('#undo')!.title = words.undoHint;
say('#clear', words.clear);
say('#export', words.exportPng);
say('#clear-question', words.clearQuestion);
say('#confirm-clear', words.clearForEveryone);
say('#cancel-clear', words.cancel);
swatches.forEach((swatch, index) => swatch.setAttribute('aria-label', words.colours[index]!));
sizeButtons.forEach((button, index) => (button.textContent = words.sizes[index]!));

// Only now do the tools do something; the page kept them disabled until here.
for (const tool of document.querySelectorAll<HTMLButtonElement>('#toolbar button'))
  tool.disabled = false;
