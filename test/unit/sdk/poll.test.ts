import { describe, expect, it } from 'vitest';
import { createTestRoom } from '@tfx/sdk/testing';
import { poll } from '../../fixtures/poll/poll.js';

// The Poll of docs/widgets.md, run by the test host: three people, one late, one reloading.
describe('the Poll on the test host', () => {
  it('counts votes live, hands them to a late joiner, survives a reload, and only the asker closes it', async () => {
    const room = createTestRoom();
    const ana = await room.join('Ana');
    const bea = await room.join('Bea');
    const anaPoll = poll(ana.tfx);
    const beaPoll = poll(bea.tfx);
    await Promise.all([anaPoll.ready, beaPoll.ready]);
    await anaPoll.ask('Lunch?', ['Pizza', 'Soup', 'Salad']);
    await room.settle();
    expect(beaPoll.view()).toMatchObject({ text: 'Lunch?', askedBy: 'Ana', closed: false });
    await beaPoll.vote(1);
    await anaPoll.vote(1);
    await beaPoll.vote(2); // Bea changes her mind: still one vote
    await room.settle();
    expect(anaPoll.view()?.counts).toEqual([0, 1, 1]);

    // Cal joins late and sees the question and the counts.
    room.setConditions({ delayMs: 30 });
    const cal = await room.join('Cal');
    const calPoll = poll(cal.tfx);
    await calPoll.ready;
    await room.settle();
    expect(calPoll.view()).toMatchObject({ text: 'Lunch?', counts: [0, 1, 1] });

    // Bea reloads: her vote is still hers, and still counted once.
    const beaAgain = await bea.reload();
    const beaPollAgain = poll(beaAgain.tfx);
    await beaPollAgain.ready;
    await room.settle();
    expect(beaPollAgain.view()?.counts).toEqual([0, 1, 1]);

    // Only Ana, who asked, can close it; Bea cannot.
    await beaPollAgain.close();
    await room.settle();
    expect(calPoll.view()?.closed).toBe(false);
    await anaPoll.close();
    await room.settle();
    for (const each of [beaPollAgain, calPoll]) expect(each.view()?.closed).toBe(true);
    await calPoll.vote(0); // closed: no vote
    await room.settle();
    expect(anaPoll.view()?.counts).toEqual([0, 1, 1]);
  });
});
