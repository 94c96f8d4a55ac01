import { describe, expect, it } from 'vitest';
import { MemoryRoom } from '../../../src/widget-host/memory-room.js';

/** A clock and timer queue the test advances by hand. */
function manualTime() {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    schedule: (run: () => void, afterMs: number) => void timers.push({ at: now + afterMs, run }),
    advance(ms: number) {
      now += ms;
      timers
        .filter((timer) => timer.at <= now)
        .sort((a, b) => a.at - b.at)
        .forEach((timer) => {
          timers.splice(timers.indexOf(timer), 1);
          timer.run();
        });
    },
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('MemoryRoom (the playground network)', () => {
  it('tells peers about each other as they join and leave', () => {
    const room = new MemoryRoom();
    const ana = room.join({ id: 'a', name: 'Ana' });
    const joined: string[] = [];
    const left: string[] = [];
    ana.on('peerJoined', (peer) => joined.push(peer.name));
    ana.on('peerLeft', (peer) => left.push(peer.name));
    room.join({ id: 'b', name: 'Bea' });
    expect(ana.peers()).toEqual([{ id: 'b', name: 'Bea' }]);
    room.leave('b');
    expect([joined, left, ana.peers()]).toEqual([['Bea'], ['Bea'], []]);
  });

  it('delays messages and keeps them in order even when some are "lost" and resent', () => {
    const time = manualTime();
    const losses = [0.1, 0.9, 0.9, 0.9]; // first message lost once, the rest get through
    const room = new MemoryRoom({ ...time, random: () => losses.shift() ?? 0.9 });
    room.conditions = { delayMs: 50, lossPercent: 50 };
    const ana = room.join({ id: 'a', name: 'Ana' });
    const bea = room.join({ id: 'b', name: 'Bea' });
    const got: string[] = [];
    bea.on('messageReceived', ({ payload }) => got.push(new TextDecoder().decode(payload)));
    void ana.send('chat', 'json', bytes('1'));
    void ana.send('chat', 'json', bytes('2'));
    time.advance(60);
    expect(got).toEqual([]); // 2 waits behind the lost 1 (head-of-line blocking)
    time.advance(300); // 50 ms delay + one 300 ms retransmission timeout
    expect(got).toEqual(['1', '2']);
  });

  it('sends to one peer only, and refuses a peer that is not there', async () => {
    const room = new MemoryRoom({ schedule: (run) => run() });
    const ana = room.join({ id: 'a', name: 'Ana' });
    const bea = room.join({ id: 'b', name: 'Bea' });
    const cal = room.join({ id: 'c', name: 'Cal' });
    const got: string[] = [];
    bea.on('messageReceived', () => got.push('bea'));
    cal.on('messageReceived', () => got.push('cal'));
    await ana.send('chat', 'json', bytes('1'), 'c');
    expect(got).toEqual(['cal']);
    await expect(ana.send('chat', 'json', bytes('1'), 'z')).rejects.toMatchObject({
      code: 'NOT_CONNECTED',
    });
  });
});
