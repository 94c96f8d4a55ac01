import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { presence, sharedMap, sharedTimer } from '@tfx/sdk/state';
import { createTestRoom } from '@tfx/sdk/testing';

describe('a shared map', () => {
  it('ends with the same value everywhere when two people write one key at once', async () => {
    const room = createTestRoom();
    room.setConditions({ delayMs: 20 });
    const [ana, bea] = [await room.join('Ana'), await room.join('Bea')];
    const [a, b] = [sharedMap<string>(ana.tfx, 'topic'), sharedMap<string>(bea.tfx, 'topic')];
    await Promise.all([a.ready, b.ready]);
    await Promise.all([a.set('title', 'from Ana'), b.set('title', 'from Bea')]);
    await room.settle();
    expect(a.get('title')).toBe(b.get('title'));
    // Same clock: the higher author id wins, on both.
    expect(a.get('title')).toBe('from Bea');
    expect(a.entries()[0]?.author).toEqual({ id: 'bea', name: 'Bea' });
  });

  it('keeps each author’s entries theirs: a peer cannot pass on words of someone present', async () => {
    const room = createTestRoom();
    const [ana, bea, cal] = [
      await room.join('Ana'),
      await room.join('Bea'),
      await room.join('Cal'),
    ];
    const maps = [ana, bea, cal].map((person) =>
      sharedMap<number>(person.tfx, 'votes', { writers: 'author' }),
    );
    await Promise.all(maps.map((map) => map.ready));
    await maps[0]!.set('vote', 1);
    await room.settle();
    // Bea forges a snapshot claiming Ana voted 2, while Ana is in the call.
    await bea.tfx.channel('state:votes').send({
      op: 'snapshot',
      entries: [{ key: 'vote', author: { id: 'ana', name: 'Ana' }, clock: 99, value: 2 }],
    });
    await room.settle();
    expect(maps[2]!.get('vote', 'ana')).toBe(1);
    // Ana leaves: those who stayed hand her vote to a newcomer.
    ana.leave();
    const dan = await room.join('Dan');
    const danVotes = sharedMap<number>(dan.tfx, 'votes', { writers: 'author' });
    await danVotes.ready;
    await room.settle();
    expect(danVotes.get('vote', 'ana')).toBe(1);
    // It says who passed it on, from the host's word.
    expect(danVotes.entries()[0]?.via?.id).toMatch(/^(bea|cal)$/);
  });

  it('loses no click of two people counting at once, as the widget:new scaffold counts', async () => {
    const room = createTestRoom();
    room.setConditions({ delayMs: 15 });
    const people = [await room.join('Ana'), await room.join('Bea')];
    const counters = people.map((person) =>
      sharedMap<number>(person.tfx, 'clicks', { writers: 'author' }),
    );
    await Promise.all(counters.map((counter) => counter.ready));
    const click = (counter: (typeof counters)[number]) =>
      counter.set('clicks', (counter.get('clicks') ?? 0) + 1);
    for (let round = 0; round < 5; round++) await Promise.all(counters.map(click));
    await room.settle();
    const total = (counter: (typeof counters)[number]) =>
      counter.entries().reduce((sum, { value }) => sum + value, 0);
    expect(counters.map(total)).toEqual([10, 10]);
  });

  it('lets only the person who opened the widget change a creator map', async () => {
    const room = createTestRoom();
    const [ana, bea, cal] = [
      await room.join('Ana'),
      await room.join('Bea'),
      await room.join('Cal'),
    ];
    expect([ana, bea, cal].map((person) => person.tfx.openedBy())).toEqual(['ana', 'ana', 'ana']);
    const [a, b, c] = [ana, bea, cal].map((person) =>
      sharedMap<string>(person.tfx, 'agenda', { writers: 'creator' }),
    );
    await Promise.all([a!.ready, b!.ready, c!.ready]);
    await a!.set('topic', 'Budget');
    await expect(b!.set('topic', 'Lunch')).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    // Bea's modified client sends the write anyway: Cal refuses it and counts it.
    const refused: string[] = [];
    cal.tfx.onRejected(({ reason }) => refused.push(reason));
    await bea.tfx
      .channel('state:agenda')
      .send({ op: 'set', key: 'topic', clock: 99, value: 'Lunch' });
    await room.settle();
    expect(c!.get('topic')).toBe('Budget');
    expect(refused).toEqual([
      'NOT_ALLOWED: only the person who opened this widget may change agenda',
    ]);
  });

  it('refuses a malformed state message or an oversized snapshot, and counts each', async () => {
    const room = createTestRoom();
    const [ana, bea] = [await room.join('Ana'), await room.join('Bea')];
    const refused: string[] = [];
    bea.tfx.onRejected(({ reason }) => refused.push(reason));
    const map = sharedMap<number>(bea.tfx, 'votes');
    await map.ready;
    const wire = ana.tfx.channel('state:votes');
    await wire.send({ op: 'set', key: 'x', clock: -1, value: 1 });
    await wire.send({ op: 'drop-table' });
    const entries = Array.from({ length: 5001 }, (_, index) => ({
      key: `k${index}`,
      author: { id: 'ana', name: 'Ana' },
      clock: 1,
      value: index,
    }));
    await wire.send({ op: 'snapshot', entries });
    await room.settle();
    expect(map.entries()).toEqual([]);
    expect(refused).toEqual(Array(3).fill('INVALID_MESSAGE: not a votes state message'));
  });

  it('refuses a value its schema does not accept, and counts it', async () => {
    const room = createTestRoom();
    const [ana, bea] = [await room.join('Ana'), await room.join('Bea')];
    const rejected: string[] = [];
    bea.tfx.onRejected(({ reason }) => rejected.push(reason));
    const checked = sharedMap(bea.tfx, 'size', { schema: z.number().max(10) });
    const loose = sharedMap<number>(ana.tfx, 'size');
    await Promise.all([checked.ready, loose.ready]);
    await loose.set('n', 99);
    await room.settle();
    expect(checked.get('n')).toBeUndefined();
    // Once for each message that carried it (the write, and a snapshot that repeated it).
    expect(rejected.length).toBeGreaterThan(0);
    for (const reason of rejected)
      expect(reason).toBe('INVALID_MESSAGE: size.n: Too big: expected number to be <=10');
  });

  it('survives a reload from this device’s storage, even alone', async () => {
    const room = createTestRoom();
    const ana = await room.join('Ana');
    const notes = sharedMap<string>(ana.tfx, 'notes');
    await notes.ready;
    await notes.set('draft', 'kept');
    await room.settle();
    const again = await ana.reload();
    const reloaded = sharedMap<string>(again.tfx, 'notes');
    await reloaded.ready;
    expect(reloaded.get('draft')).toBe('kept');
  });
});

describe('presence and the shared timer', () => {
  it('shows who is here with their state, and forgets who left', async () => {
    const room = createTestRoom();
    const [ana, bea] = [await room.join('Ana'), await room.join('Bea')];
    const anaCursor = presence<{ x: number }>(ana.tfx, 'cursor');
    const beaCursor = presence<{ x: number }>(bea.tfx, 'cursor');
    anaCursor.set({ x: 3 });
    await room.settle();
    expect(beaCursor.others()).toEqual([
      { peer: { id: 'ana', name: 'Ana' }, state: { x: 3 }, looking: true },
    ]);
    ana.leave();
    await room.settle();
    expect(beaCursor.others()).toEqual([]);
  });

  it('counts down the same for everyone, and anyone may pause it', async () => {
    const room = createTestRoom();
    const [ana, bea] = [await room.join('Ana'), await room.join('Bea')];
    const [a, b] = [sharedTimer(ana.tfx, 'talk'), sharedTimer(bea.tfx, 'talk')];
    await a.start(60_000);
    await room.settle();
    expect(b.isRunning()).toBe(true);
    expect(b.remainingMs()).toBeGreaterThan(59_000);
    await b.pause();
    await room.settle();
    expect(a.isRunning()).toBe(false);
    expect(a.remainingMs()).toBe(b.remainingMs());
  });
});
