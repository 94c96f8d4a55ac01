import { describe, expect, it } from 'vitest';
import { PongGame, type PongView } from '../../../widgets/pong/pong-game';
import { FIELD } from '../../../widgets/pong/pong-physics';
import { parsePongMessage, type PongMessage } from '../../../widgets/pong/pong-protocol';

const FRAME_MS = 1000 / 60;

/**
 * Two players (and a spectator) on one virtual clock, every message delayed by `oneWayMs` and
 * passed through the wire's JSON and parser. Players move their paddle toward the ball they
 * see, at a human-ish top speed, unless `lazy` says that side does not move.
 */
function table(oneWayMs: number, lazy: 'right' | undefined = undefined) {
  let now = 1_000_000;
  const inFlight: { at: number; to: string; from: string; text: string }[] = [];
  const sent: PongMessage[] = [];
  // Messages for someone outside the table (a late joiner the test seats itself).
  const outside: { to: string; message: PongMessage }[] = [];
  const ids = ['ana', 'bea', 'cal'];
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const games = new Map(
    ids.map((id) => [
      id,
      new PongGame(
        id,
        (message: PongMessage, to?: string) => {
          sent.push(message);
          if (to !== undefined && !ids.includes(to)) outside.push({ to, message });
          for (const peer of ids)
            if (peer !== id && (to === undefined || to === peer))
              inFlight.push({
                at: now + oneWayMs,
                to: peer,
                from: id,
                text: JSON.stringify(message),
              });
        },
        () => now,
        random,
      ),
    ]),
  );
  const views = new Map<string, PongView[]>(ids.map((id) => [id, []]));
  const run = (ms: number) => {
    for (const end = now + ms; now < end; now += FRAME_MS) {
      for (const message of inFlight.filter((m) => m.at <= now)) {
        inFlight.splice(inFlight.indexOf(message), 1);
        const parsed = parsePongMessage(JSON.parse(message.text));
        if (!parsed.ok) throw new Error(parsed.reason);
        games.get(message.to)!.receive(parsed.value, message.from);
      }
      for (const id of ids) {
        const game = games.get(id)!;
        const view = game.frame();
        views.get(id)!.push(view);
        const side = game.side;
        if (side && view.ball && side !== lazy) {
          const reach = 0.8 * FRAME_MS;
          const target = view.ball.y;
          const current = view.paddles[side];
          game.movePaddle(current + Math.max(-reach, Math.min(reach, target - current)));
        }
      }
    }
  };
  return { games, views, run, sent, outside, now: () => now };
}

/** The largest move of the drawn ball from one frame to the next, serves aside. */
function largestStep(views: PongView[]): number {
  let largest = 0;
  for (let index = 1; index < views.length; index++) {
    const [before, after] = [views[index - 1]!.ball, views[index]!.ball];
    if (!before || !after) continue;
    const step = Math.hypot(after.x - before.x, after.y - before.y);
    const serve = after.x === FIELD.width / 2 && after.y === FIELD.height / 2;
    if (!serve) largest = Math.max(largest, step);
  }
  return largest;
}

describe('Ping-pong over a 100 ms round trip', () => {
  it('keeps the ball moving smoothly on every screen through a long rally', () => {
    const { games, views, run } = table(50);
    games.get('ana')!.start('bea');
    run(30_000);
    // The fastest ball moves this far in one frame; a jump would be several times more.
    const fastestStep = FIELD.maxSpeed * FRAME_MS;
    for (const id of ['ana', 'bea', 'cal']) {
      const step = largestStep(views.get(id)!);
      expect(step, `largest step on ${id}'s screen`).toBeLessThanOrEqual(fastestStep * 1.5);
    }
    // Both players return every ball: the rally went on and nobody scored.
    const last = views.get('ana')!.at(-1)!;
    expect(last.score).toEqual([0, 0]);
    expect(last.ball).toBeDefined();
  });

  it('scores a miss for the other player, the same on every screen', () => {
    const { games, views, run } = table(50, 'right');
    games.get('ana')!.start('bea');
    games.get('bea')!.movePaddle(0); // Bea's paddle stays at the top
    run(12_000);
    const scores = ['ana', 'bea', 'cal'].map((id) => views.get(id)!.at(-1)!.score);
    expect(scores[0]![0]).toBeGreaterThan(0);
    expect(scores[0]![1]).toBe(0);
    expect(scores[1]).toEqual(scores[0]);
    expect(scores[2]).toEqual(scores[0]);
  });

  it('shows the running game to someone who joins the call mid-game', () => {
    const { games, run, outside, now } = table(0);
    games.get('ana')!.start('bea');
    run(3000);
    const dan = new PongGame('dan', () => undefined, now);
    expect(dan.frame().players).toBeUndefined();
    for (const game of games.values()) game.introduce('dan');
    expect(outside.map(({ to, message }) => `${to}:${message.type}`)).toEqual([
      'dan:pong:start',
      'dan:pong:ball',
    ]);
    for (const { message } of outside) {
      const parsed = parsePongMessage(JSON.parse(JSON.stringify(message)));
      if (!parsed.ok) throw new Error(parsed.reason);
      dan.receive(parsed.value, 'ana');
    }
    const view = dan.frame();
    expect(view.players).toEqual({ left: 'ana', right: 'bea' });
    expect(view.ball).toBeDefined();
  });

  it('answers a screen that opened Ping-pong late and asks what is being played', () => {
    const { games, run, outside, now } = table(0);
    games.get('ana')!.start('bea');
    run(3000);
    const dan = new PongGame('dan', () => undefined, now);
    // Dan's hello reaches everyone; only Ana, who started the game, answers.
    for (const game of games.values()) game.receive({ type: 'pong:hello' }, 'dan');
    expect(outside.map(({ to, message }) => `${to}:${message.type}`)).toEqual([
      'dan:pong:start',
      'dan:pong:ball',
    ]);
    for (const { message } of outside) dan.receive(message, 'ana');
    expect(dan.frame().players).toEqual({ left: 'ana', right: 'bea' });
    expect(parsePongMessage({ type: 'pong:hello' })).toEqual({
      ok: true,
      value: { type: 'pong:hello' },
    });
  });

  it('ignores a ball path from someone who is not playing', () => {
    const { games, views, run, sent, now } = table(0);
    games.get('ana')!.start('bea');
    run(500);
    const before = views.get('bea')!.at(-1)!;
    // The running game's id and a path newer than any, so the sender alone is what is refused.
    const game = sent.find((message) => message.type === 'pong:start')!.game;
    const forged = { x: 1, y: 1, vx: 0.1, vy: 0 };
    const at = now() + 10_000;
    games.get('bea')!.receive({ type: 'pong:ball', game, ball: forged, at, score: [9, 9] }, 'cal');
    run(FRAME_MS);
    expect(views.get('bea')!.at(-1)!.score).toEqual(before.score);
  });

  it.each([
    [
      { type: 'pong:ball', game: 'g', ball: { x: 1, y: 1, vx: 1e9, vy: 0 }, at: 1, score: [0, 0] },
      'bad ball',
    ],
    [
      { type: 'pong:ball', game: 'g', ball: { x: 1, y: 1, vx: 0, vy: 0 }, at: 1, score: [0] },
      'bad score',
    ],
    [{ type: 'pong:paddle', game: 'g', y: Number.NaN }, 'bad paddle'],
    [{ type: 'pong:start', game: 'g', left: 'a', right: 'a' }, 'two different players are needed'],
    [{ t: 'teleport' }, 'unknown message type'],
  ])('rejects %j', (message, reason) => {
    expect(parsePongMessage(message)).toEqual({ ok: false, reason });
  });
});

describe('Ping-pong’s clock checks', () => {
  it('are forgotten when the peer they wait on leaves, so visitors leave nothing behind', () => {
    let now = 1_000_000;
    const sent: { message: PongMessage; to?: string }[] = [];
    const cal = new PongGame(
      'cal',
      (message, to) => void sent.push({ message, to }),
      () => now,
    );
    cal.receive({ type: 'pong:start', game: 'g1', left: 'ana', right: 'bea' }, 'ana');
    for (let step = 0; step < 100; step++) {
      now += 100;
      cal.frame();
    }
    const pinged = sent.filter(({ message }) => message.type === 'pong:ping').map(({ to }) => to);
    expect(new Set(pinged)).toEqual(new Set(['ana', 'bea']));
    expect(cal.pendingPings).toBe(pinged.length);
    cal.peerLeft('bea');
    cal.peerLeft('ana');
    expect(cal.pendingPings).toBe(0);
  });

  it('wait for a player whose channel is not open yet, and ask them as soon as it is', () => {
    let now = 1_000_000;
    const sent: { message: PongMessage; to?: string }[] = [];
    const connected = new Set(['ana']);
    const cal = new PongGame(
      'cal',
      (message, to) => void sent.push({ message, to }),
      () => now,
      Math.random,
      (peerId) => connected.has(peerId),
    );
    cal.receive({ type: 'pong:start', game: 'g1', left: 'ana', right: 'bea' }, 'ana');
    cal.frame();
    const pinged = () =>
      sent.filter(({ message }) => message.type === 'pong:ping').map(({ to }) => to);
    // Nothing is sent to Bea, whose channel to Cal is still opening: it would only fail.
    expect(pinged()).toEqual(['ana']);
    now += 100;
    connected.add('bea');
    cal.introduce('bea');
    cal.frame();
    expect(pinged()).toEqual(['ana', 'ana', 'bea']);
  });
});
