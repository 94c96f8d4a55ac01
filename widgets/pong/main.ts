import * as tfx from '@tfx/sdk';
import { PongGame } from './pong-game';
import { FIELD } from './pong-physics';
import { parsePongMessage } from './pong-protocol';
import { PONG_STRINGS } from './pong-strings';

// The call's colours, from the SDK: the page's styles switch on data-theme.
const showTheme = (theme: tfx.Theme): void => {
  document.documentElement.dataset.theme = theme;
};
showTheme(tfx.theme());
tfx.onThemeChanged(showTheme);

const canvas = document.querySelector<HTMLCanvasElement>('#table')!;
const paint = canvas.getContext('2d')!;
const opponentSelect = document.querySelector<HTMLSelectElement>('#opponent')!;
const startButton = document.querySelector<HTMLButtonElement>('#start')!;
const endButton = document.querySelector<HTMLButtonElement>('#end')!;
const score = document.querySelector<HTMLOutputElement>('#score')!;
const status = document.querySelector<HTMLElement>('#status')!;

const KEY_SPEED = 0.6; // field units per ms while an arrow key is held

await tfx.ready();
const me = tfx.self();
const words = tfx.stringsFor(PONG_STRINGS);
document.documentElement.lang = tfx.language();
document.querySelector('#opponent-label')!.textContent = words.playWith;
startButton.textContent = words.start;
endButton.textContent = words.end;
score.setAttribute('aria-label', words.score);
canvas.setAttribute('aria-label', words.table);
status.textContent = words.intro;
// The wall clock (with sub-millisecond steps): both players' paths are timed on it, and a
// clock comparison corrects for devices whose clocks differ.
const clock = () => performance.timeOrigin + performance.now();
const game = new PongGame(
  me.id,
  (message, to) => {
    tfx.sendMessage(message, to === undefined ? {} : { to }).catch((error: unknown) => {
      showStatus(words.notSent((error as Error).message));
    });
  },
  clock,
  Math.random,
  (peerId) => tfx.peers().some((peer) => peer.id === peerId),
);

const nameOf = (id: string) =>
  id === me.id ? words.you : (tfx.peers().find((peer) => peer.id === id)?.name ?? words.someone);

// ---- input ---------------------------------------------------------------------------------

function fieldY(clientY: number): number {
  const box = canvas.getBoundingClientRect();
  return ((clientY - box.top) / box.height) * FIELD.height;
}
canvas.addEventListener('pointermove', (event) => game.movePaddle(fieldY(event.clientY)));
const held = new Set<string>();
addEventListener('keydown', (event) => {
  if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
    held.add(event.key);
    event.preventDefault();
  }
});
addEventListener('keyup', (event) => held.delete(event.key));
let paddleY = FIELD.height / 2;

// ---- drawing -------------------------------------------------------------------------------

let lastFrame = clock();
function draw(): void {
  const now = clock();
  const step = now - lastFrame;
  lastFrame = now;
  const side = game.side;
  if (side && held.size > 0) {
    paddleY += (held.has('ArrowDown') ? 1 : -1) * KEY_SPEED * step;
    game.movePaddle(paddleY);
  }
  const view = game.frame();
  if (side) paddleY = view.paddles[side];
  const ratio = devicePixelRatio || 1;
  const width = Math.round(canvas.clientWidth * ratio);
  const height = Math.round(canvas.clientHeight * ratio);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  paint.setTransform(width / FIELD.width, 0, 0, height / FIELD.height, 0, 0);
  paint.clearRect(0, 0, FIELD.width, FIELD.height);
  paint.fillStyle = 'rgba(255,255,255,0.25)';
  for (let y = 10; y < FIELD.height; y += 30) paint.fillRect(FIELD.width / 2 - 1, y, 2, 15);
  paint.fillStyle = '#f8fafc';
  if (view.players) {
    const w = FIELD.paddleWidth;
    const h = FIELD.paddleHeight;
    paint.fillRect(FIELD.lineX.left - w, view.paddles.left - h / 2, w, h);
    paint.fillRect(FIELD.lineX.right, view.paddles.right - h / 2, w, h);
    score.textContent = `${nameOf(view.players.left)} ${view.score[0]} : ${view.score[1]} ${nameOf(view.players.right)}`;
  }
  if (view.ball) {
    paint.fillStyle = '#fde047';
    paint.beginPath();
    paint.arc(view.ball.x, view.ball.y, FIELD.ballRadius, 0, Math.PI * 2);
    paint.fill();
  }
  startButton.hidden = game.playing;
  endButton.hidden = !game.playing;
  requestAnimationFrame(draw);
}
requestAnimationFrame(draw);

// ---- game and peers ------------------------------------------------------------------------

startButton.addEventListener('click', () => {
  const opponent = opponentSelect.value;
  if (!opponent) {
    showStatus(words.nobody);
    return;
  }
  game.start(opponent);
  showStatus(() => words.youPlayLeft(nameOf(opponent)));
});
endButton.addEventListener('click', () => {
  game.stop();
  showStatus(words.gameOver);
});

tfx.onMessage((data, from) => {
  const parsed = parsePongMessage(data);
  if (!parsed.ok) {
    console.warn(`[pong] ignored a malformed message from ${from.name}: ${parsed.reason}`);
    return;
  }
  const message = parsed.value;
  game.receive(message, from.id);
  if (message.type === 'pong:start') {
    const { left, right } = message;
    showStatus(() =>
      right === me.id ? words.playsYou(from.name) : words.plays(nameOf(left), nameOf(right)),
    );
  }
});

/**
 * A status that names people is written again whenever the list of people changes: a late
 * joiner hears of a game before its channel to one of the players is open.
 */
let namedStatus: (() => string) | undefined;
function showStatus(text: string | (() => string)): void {
  namedStatus = typeof text === 'function' ? text : undefined;
  status.textContent = typeof text === 'function' ? text() : text;
}

function listOpponents(peers: tfx.Peer[]): void {
  const chosen = opponentSelect.value;
  opponentSelect.replaceChildren(...peers.map((peer) => new Option(peer.name, peer.id)));
  if (peers.some((peer) => peer.id === chosen)) opponentSelect.value = chosen;
}
tfx.onPeersChanged((peers) => {
  listOpponents(peers);
  if (namedStatus) status.textContent = namedStatus();
});
tfx.onPeerJoined((peer) => game.introduce(peer.id));
tfx.onPeerLeft((peer) => {
  if (game.playing) showStatus(words.left(peer.name));
  game.peerLeft(peer.id);
});
listOpponents(tfx.peers());
// Whatever is being played already, the player who started it says so.
if (tfx.peers().length > 0) game.greet();
// Only now does Start do something; the page kept it disabled until here.
opponentSelect.disabled = false;
startButton.disabled = false;
