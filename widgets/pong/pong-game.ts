import { FIELD, ballAfter, covers, hitOff, nextLine, serveToward } from './pong-physics';
import type { Ball, PongMessage, Side } from './pong-protocol';

export interface PongView {
  ball: { x: number; y: number } | undefined;
  paddles: Record<Side, number>;
  score: [number, number];
  players: Record<Side, string> | undefined;
}

/** The ball's current path, in this device's clock. */
interface Path {
  ball: Ball;
  at: number;
  score: [number, number];
}

// A ball drawn behind its path (its message came late) runs at 1.5× speed until it catches up:
// never a jump, never more than half again its speed.
const CATCH_UP = 0.5;
const MAX_LAG_MS = 300;
const SERVE_DELAY_MS = 1000;
const PADDLE_SENDS_PER_SECOND = 30;
const CLOCK_CHECK_EVERY_MS = 2000;

/**
 * One screen's Ping-pong game. Each player decides what happens at their own paddle, with their
 * own paddle where they see it (no lag for the person playing), and sends the ball's new path;
 * the ball is drawn from that path between messages. A ball heading for the other player waits
 * at their paddle until they say what happened, then follows the new path from that paddle a
 * little fast until it has caught up, so a 100 ms round trip shows as a short pause at the far
 * paddle, never as a jump or a ball through a paddle.
 */
export class PongGame {
  private game: { id: string; left: string; right: string } | undefined;
  private path: Path | undefined;
  private readonly paddles: Record<Side, number> = {
    left: FIELD.height / 2,
    right: FIELD.height / 2,
  };
  /** How far behind its path the drawn ball is, and since when that has been shrinking. */
  private lag = { ms: 0, since: 0 };
  private shown: { x: number; y: number; path: Path } | undefined;
  private paddleSentAt = -Infinity;
  private paddleUnsent = false;
  private readonly clocks = new Map<string, { offset: number; roundTrip: number }>();
  private readonly pings = new Map<number, string>();
  private nextPing = 1;
  private clockCheckedAt = -Infinity;

  constructor(
    private readonly me: string,
    private readonly send: (message: PongMessage, to?: string) => void,
    private readonly now: () => number,
    private readonly random: () => number = Math.random,
    /** Whether a message to this peer can go now: a newcomer's channels open one by one. */
    private readonly reachable: (peerId: string) => boolean = () => true,
  ) {}

  get side(): Side | undefined {
    if (this.game?.left === this.me) return 'left';
    if (this.game?.right === this.me) return 'right';
    return undefined;
  }

  get playing(): boolean {
    return this.game !== undefined;
  }

  /** Starts a game against `opponent`: this person plays left and serves first. */
  start(opponent: string): void {
    const id = Math.floor(this.random() * 2 ** 32).toString(36);
    this.begin({ id, left: this.me, right: opponent });
    this.send({ type: 'pong:start', game: id, left: this.me, right: opponent });
    this.serve(this.random() < 0.5 ? 'left' : 'right', [0, 0]);
  }

  /** Ends the game for everyone (a player left, or someone pressed End). */
  stop(): void {
    if (!this.game) return;
    this.send({ type: 'pong:end', game: this.game.id });
    this.game = undefined;
    this.path = undefined;
  }

  /**
   * Someone who joined the call mid-game: the player who started it tells them about it and
   * where the ball is, so they watch from the next frame instead of seeing an empty table.
   */
  introduce(peerId: string): void {
    // A player whose channel just opened: compare clocks with them now, not in two seconds.
    if (this.isPlayer(peerId)) this.clockCheckedAt = -Infinity;
    if (!this.game || this.game.left !== this.me) return;
    const { id, left, right } = this.game;
    this.send({ type: 'pong:start', game: id, left, right }, peerId);
    if (!this.path) return;
    const { ball, at, score } = this.path;
    this.send({ type: 'pong:ball', game: id, ball, at, score }, peerId);
  }

  /** Just opened: asks everyone what is being played (see `introduce`). */
  greet(): void {
    this.send({ type: 'pong:hello' });
  }

  peerLeft(peerId: string): void {
    if (this.game && (this.game.left === peerId || this.game.right === peerId)) {
      this.game = undefined;
      this.path = undefined;
    }
    this.clocks.delete(peerId);
    // Pings a departed peer will never answer go too, or the map grows with every visitor.
    for (const [id, peer] of this.pings) if (peer === peerId) this.pings.delete(id);
  }

  /** Clock checks awaiting an answer (a test watches that none is kept for a departed peer). */
  get pendingPings(): number {
    return this.pings.size;
  }

  /** This person's paddle, in field units; sent to the others at most 30 times a second. */
  movePaddle(y: number): void {
    const side = this.side;
    if (!side) return;
    const half = FIELD.paddleHeight / 2;
    this.paddles[side] = Math.max(half, Math.min(FIELD.height - half, y));
    this.paddleUnsent = true;
  }

  receive(message: PongMessage, from: string): void {
    switch (message.type) {
      case 'pong:start':
        // Only the person named as the left player may start a game for them.
        if (from === message.left)
          this.begin({ id: message.game, left: message.left, right: message.right });
        return;
      case 'pong:end':
        if (this.game?.id === message.game && this.isPlayer(from)) {
          this.game = undefined;
          this.path = undefined;
        }
        return;
      case 'pong:paddle': {
        const side = this.sideOf(from, message.game);
        if (side && side !== this.side) this.paddles[side] = message.y;
        return;
      }
      case 'pong:ball': {
        if (!this.sideOf(from, message.game)) return;
        const at = message.at - (this.clocks.get(from)?.offset ?? 0);
        // Paths only move forward: a message overtaken by a newer one is stale.
        if (this.path && at < this.path.at - 1) return;
        this.path = { ball: message.ball, at, score: message.score };
        return;
      }
      case 'pong:hello':
        this.introduce(from);
        return;
      case 'pong:ping':
        this.send(
          { type: 'pong:pong', id: message.id, at: message.at, answeredAt: this.now() },
          from,
        );
        return;
      case 'pong:pong': {
        if (this.pings.get(message.id) !== from) return;
        this.pings.delete(message.id);
        const roundTrip = this.now() - message.at;
        const offset = message.answeredAt - (message.at + roundTrip / 2);
        const known = this.clocks.get(from);
        // The quickest round trip gives the truest offset; keep it unless clearly stale.
        if (!known || roundTrip <= known.roundTrip * 1.5)
          this.clocks.set(from, {
            offset,
            roundTrip: Math.min(roundTrip, known?.roundTrip ?? roundTrip),
          });
        return;
      }
    }
  }

  /** Runs the game up to now and says what to draw. Call once per frame. */
  frame(): PongView {
    const now = this.now();
    this.checkClocks(now);
    this.sendPaddle(now);
    this.decideAtMyPaddle(now);
    return {
      ball: this.ballToShow(now),
      paddles: { ...this.paddles },
      score: this.path?.score ?? [0, 0],
      players: this.game ? { left: this.game.left, right: this.game.right } : undefined,
    };
  }

  private begin(game: { id: string; left: string; right: string }): void {
    this.game = game;
    this.path = undefined;
    this.shown = undefined;
    this.paddles.left = FIELD.height / 2;
    this.paddles.right = FIELD.height / 2;
  }

  private serve(toward: Side, score: [number, number]): void {
    const at = this.now() + SERVE_DELAY_MS;
    const ball = serveToward(toward, this.random);
    this.path = { ball, at, score };
    this.broadcastPath();
  }

  private broadcastPath(): void {
    if (!this.game || !this.path) return;
    const { ball, at, score } = this.path;
    this.send({ type: 'pong:ball', game: this.game.id, ball, at, score });
  }

  private decideAtMyPaddle(now: number): void {
    const side = this.side;
    const path = this.path;
    if (!side || !path) return;
    const { side: heading, inMs } = nextLine(path.ball);
    const crossing = path.at + inMs;
    if (heading !== side || now < crossing) return;
    const atLine = ballAfter(path.ball, inMs);
    if (covers(this.paddles[side], atLine.y)) {
      this.path = { ball: hitOff(atLine, this.paddles[side]), at: crossing, score: path.score };
      this.broadcastPath();
      return;
    }
    const score: [number, number] = [...path.score];
    score[side === 'left' ? 1 : 0]++;
    this.serve(side, score);
  }

  private ballToShow(now: number): { x: number; y: number } | undefined {
    const path = this.path;
    if (!path) return undefined;
    if (this.shown?.path !== path) {
      // A path that starts where the ball is drawn (the far paddle, where it waited) is shown
      // from its start and played a little fast until it has caught up; anything else (a
      // serve) starts afresh.
      const near =
        this.shown !== undefined &&
        Math.hypot(this.shown.x - path.ball.x, this.shown.y - path.ball.y) < FIELD.width / 20;
      this.lag = { ms: near ? Math.max(0, Math.min(MAX_LAG_MS, now - path.at)) : 0, since: now };
    }
    const lag = Math.max(0, this.lag.ms - (now - this.lag.since) * CATCH_UP);
    const { inMs } = nextLine(path.ball);
    // Never past a paddle's line: whoever owns that paddle says what happens there.
    const elapsed = Math.max(0, Math.min(now - path.at - lag, inMs));
    const shown = ballAfter(path.ball, elapsed);
    this.shown = { x: shown.x, y: shown.y, path };
    return { x: shown.x, y: shown.y };
  }

  private sendPaddle(now: number): void {
    if (!this.paddleUnsent || !this.game || !this.side) return;
    if (now - this.paddleSentAt < 1000 / PADDLE_SENDS_PER_SECOND) return;
    this.paddleSentAt = now;
    this.paddleUnsent = false;
    this.send({ type: 'pong:paddle', game: this.game.id, y: this.paddles[this.side] });
  }

  // Compares clocks with each player now and then (spectators too), so their paths' times
  // read right here.
  private checkClocks(now: number): void {
    if (!this.game || now - this.clockCheckedAt < CLOCK_CHECK_EVERY_MS) return;
    this.clockCheckedAt = now;
    for (const peer of [this.game.left, this.game.right]) {
      // Not connected yet (a spectator who just joined): asked when they arrive (introduce).
      if (peer === this.me || !this.reachable(peer)) continue;
      const id = this.nextPing++;
      this.pings.set(id, peer);
      this.send({ type: 'pong:ping', id, at: now }, peer);
    }
  }

  private isPlayer(peerId: string): boolean {
    return this.game?.left === peerId || this.game?.right === peerId;
  }

  private sideOf(peerId: string, game: string): Side | undefined {
    if (this.game?.id !== game) return undefined;
    if (this.game.left === peerId) return 'left';
    if (this.game.right === peerId) return 'right';
    return undefined;
  }
}
