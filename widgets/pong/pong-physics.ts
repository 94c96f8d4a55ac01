// The field, in its own units (the canvas scales them), and how the ball moves on it.

// The physics knows nothing of the wire: the wire (pong-protocol) carries these shapes.
export type Side = 'left' | 'right';

// A type, not an interface, so it is plain JSON to the SDK's MessageData.
export type Ball = {
  x: number;
  y: number;
  vx: number;
  vy: number;
};

export const FIELD = {
  width: 800,
  height: 500,
  /** The x of each paddle's face, where a hit or a miss is decided. */
  lineX: { left: 30, right: 770 } as Record<Side, number>,
  paddleHeight: 90,
  paddleWidth: 10,
  ballRadius: 8,
  /** Serve speed, in units per ms; each hit adds 5%, up to the cap. */
  serveSpeed: 0.35,
  maxSpeed: 0.9,
};

/** Where the ball is `elapsed` ms after `ball`, bouncing off the top and bottom walls. */
export function ballAfter(ball: Ball, elapsed: number): Ball {
  const top = FIELD.ballRadius;
  const span = FIELD.height - 2 * FIELD.ballRadius;
  const x = ball.x + ball.vx * elapsed;
  // Unfold the bounces: the path is a triangle wave between the walls.
  const unfolded = ball.y - top + ball.vy * elapsed;
  const period = 2 * span;
  const phase = ((unfolded % period) + period) % period;
  const y = top + (phase <= span ? phase : period - phase);
  // In the second half of each period the ball is on its way back.
  const vy = phase <= span ? ball.vy : -ball.vy;
  return { x, y, vx: ball.vx, vy };
}

/** The side the ball is heading to, and in how many ms it reaches that paddle's line. */
export function nextLine(ball: Ball): { side: Side; inMs: number } {
  const side: Side = ball.vx < 0 ? 'left' : 'right';
  return { side, inMs: (FIELD.lineX[side] - ball.x) / ball.vx };
}

/** The ball coming off a paddle centred at `paddleY`: faster, and angled by where it hit. */
export function hitOff(ball: Ball, paddleY: number): Ball {
  const offset = Math.max(-1, Math.min(1, (ball.y - paddleY) / (FIELD.paddleHeight / 2)));
  const speed = Math.min(FIELD.maxSpeed, Math.hypot(ball.vx, ball.vy) * 1.05);
  const angle = offset * (Math.PI / 3.5);
  const direction = ball.vx < 0 ? 1 : -1;
  return {
    x: ball.x,
    y: ball.y,
    vx: direction * speed * Math.cos(angle),
    vy: speed * Math.sin(angle),
  };
}

export function covers(paddleY: number, ballY: number): boolean {
  return Math.abs(ballY - paddleY) <= FIELD.paddleHeight / 2 + FIELD.ballRadius;
}

/** A serve from the middle toward `side`, at a gentle random angle. */
export function serveToward(side: Side, random: () => number = Math.random): Ball {
  const angle = (random() - 0.5) * (Math.PI / 3);
  const direction = side === 'left' ? -1 : 1;
  return {
    x: FIELD.width / 2,
    y: FIELD.height / 2,
    vx: direction * FIELD.serveSpeed * Math.cos(angle),
    vy: FIELD.serveSpeed * Math.sin(angle),
  };
}
