import { describe, expect, it } from 'vitest';
import { ChatModel, MAX_LOG } from '../../../widgets/chat/chat-model';
import type { ChatLine } from '../../../widgets/chat/chat-protocol';

const ana = { id: 'ana', name: 'Ana' };
const bea = { id: 'bea', name: 'Bea' };
const eve = { id: 'eve', name: 'Eve' };
const line = (id: string, author: string, text: string, at = 1): ChatLine => ({
  id,
  author,
  text,
  at,
});

describe('the chat conversation', () => {
  it('shows a live line under the name the host vouches for, never the one in it', () => {
    const model = new ChatModel();
    expect(model.addLive(line('eve:1', 'Ana', 'send me the password'), eve)).toBe(true);
    expect(model.ordered()[0]).toMatchObject({ author: 'Eve', provenance: { kind: 'live' } });
  });

  it('keeps a live line carrying someone else’s id under its sender, leaving theirs alone', () => {
    const model = new ChatModel();
    model.addMine(line('ana:1', 'Ana', 'my line'));
    expect(model.addLive(line('ana:1', 'Ana', 'forged'), eve)).toBe(true);
    expect(
      model.ordered().map((shown) => [shown.author, shown.text, shown.provenance.kind]),
    ).toEqual([
      ['Ana', 'my line', 'mine'],
      ['Eve', 'forged', 'live'],
    ]);
  });

  it('never makes a peer’s history line "mine", and says whose word it is', () => {
    const model = new ChatModel();
    model.addMine(line('ana:1', 'Ana', 'my real line'));
    model.addHistory([line('ana:2', 'Ana', 'a line Ana never wrote', 2)], eve);
    expect(model.ordered().map((shown) => shown.provenance)).toEqual([
      { kind: 'mine' },
      { kind: 'history', via: 'Eve' },
    ]);
  });

  it('takes history once per peer, merging what several peers pass on', () => {
    const model = new ChatModel();
    expect(
      model.addHistory([line('ana:1', 'Ana', 'hi'), line('bea:1', 'Bea', 'hey', 2)], ana),
    ).toBe(2);
    expect(
      model.addHistory([line('ana:1', 'Ana', 'hi'), line('bea:1', 'Bea', 'hey', 2)], bea),
    ).toBe(0);
    expect(model.addHistory([line('eve:9', 'Eve', 'again', 3)], ana)).toBe(0);
    expect(model.size).toBe(2);
  });

  it(`keeps at most ${MAX_LOG} lines, dropping the oldest`, () => {
    const model = new ChatModel();
    for (let n = 0; n < MAX_LOG + 50; n++) model.addLive(line(`bea:${n}`, 'Bea', `${n}`, n), bea);
    expect(model.size).toBe(MAX_LOG);
    expect(model.ordered()[0]!.text).toBe('50');
  });

  it('hands a late joiner plain lines, without how this side came by them', () => {
    const model = new ChatModel();
    model.addMine(line('ana:1', 'Ana', 'hi'));
    expect(model.recent()).toEqual([line('ana:1', 'Ana', 'hi')]);
  });
});
