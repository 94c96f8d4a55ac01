/**
 * The Ping-pong wire. Ball messages carry the ball's whole path from a moment on (position,
 * velocity, the sender's clock), so each screen draws the ball by itself between messages.
 * Everything from a peer is checked here before the game uses it.
 */
import type { Parsed } from '@tfx/sdk';
import { FIELD, type Ball, type Side } from './pong-physics';

export type { Ball, Side };

export type PongMessage =
  // A new game: the two players by peer id; everyone else watches.
  | { type: 'pong:start'; game: string; left: string; right: string }
  // The ball's path from `at` (the sender's clock, ms): a serve, or a hit off a paddle.
  | { type: 'pong:ball'; game: string; ball: Ball; at: number; score: [number, number] }
  | { type: 'pong:paddle'; game: string; y: number }
  // Clock comparison between the two players, so each reads the other's `at` in its own time.
  | { type: 'pong:ping'; id: number; at: number }
  | { type: 'pong:pong'; id: number; at: number; answeredAt: number }
  | { type: 'pong:end'; game: string }
  // A screen that has just opened Ping-pong asks what is being played: the player who started
  // a game answers as it does a newcomer. (The newcomer's push can be missed when the call
  // opens the widget late.)
  | { type: 'pong:hello' };

const finite = (value: unknown, limit: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit;
const GAME_ID = /^[0-9a-z]{1,16}$/;
const PEER_ID = /^.{1,100}$/s;
const TIME_LIMIT = 1e15;
const SPEED_LIMIT = 10; // field units per ms: far beyond any ball the game makes

function parseBall(value: unknown): Ball | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { x, y, vx, vy } = value as Record<string, unknown>;
  if (!finite(x, FIELD.width * 2) || !finite(y, FIELD.height * 2)) return undefined;
  if (!finite(vx, SPEED_LIMIT) || !finite(vy, SPEED_LIMIT)) return undefined;
  return { x, y, vx, vy };
}

export function parsePongMessage(data: unknown): Parsed<PongMessage> {
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'not an object' };
  const message = data as Record<string, unknown>;
  const game = message.game;
  const gameOk = typeof game === 'string' && GAME_ID.test(game);
  switch (message.type) {
    case 'pong:start': {
      const { left, right } = message;
      if (!gameOk) return { ok: false, reason: 'bad game id' };
      if (
        typeof left !== 'string' ||
        typeof right !== 'string' ||
        !PEER_ID.test(left) ||
        !PEER_ID.test(right) ||
        left === right
      )
        return { ok: false, reason: 'two different players are needed' };
      return { ok: true, value: { type: 'pong:start', game, left, right } };
    }
    case 'pong:ball': {
      const ball = parseBall(message.ball);
      const score = message.score;
      if (!gameOk || !ball || !finite(message.at, TIME_LIMIT))
        return { ok: false, reason: 'bad ball' };
      if (
        !Array.isArray(score) ||
        score.length !== 2 ||
        !score.every((n) => Number.isInteger(n) && n >= 0 && n < 1000)
      )
        return { ok: false, reason: 'bad score' };
      const [left, right] = score as number[];
      return {
        ok: true,
        value: { type: 'pong:ball', game, ball, at: message.at, score: [left!, right!] },
      };
    }
    case 'pong:paddle':
      if (!gameOk || !finite(message.y, FIELD.height)) return { ok: false, reason: 'bad paddle' };
      return { ok: true, value: { type: 'pong:paddle', game, y: message.y } };
    case 'pong:ping':
      if (!Number.isInteger(message.id) || !finite(message.at, TIME_LIMIT))
        return { ok: false, reason: 'bad ping' };
      return { ok: true, value: { type: 'pong:ping', id: message.id as number, at: message.at } };
    case 'pong:pong':
      if (
        !Number.isInteger(message.id) ||
        !finite(message.at, TIME_LIMIT) ||
        !finite(message.answeredAt, TIME_LIMIT)
      )
        return { ok: false, reason: 'bad pong' };
      return {
        ok: true,
        value: {
          type: 'pong:pong',
          id: message.id as number,
          at: message.at,
          answeredAt: message.answeredAt,
        },
      };
    case 'pong:end':
      if (!gameOk) return { ok: false, reason: 'bad game id' };
      return { ok: true, value: { type: 'pong:end', game } };
    case 'pong:hello':
      return { ok: true, value: { type: 'pong:hello' } };
    default:
      return { ok: false, reason: 'unknown message type' };
  }
}
