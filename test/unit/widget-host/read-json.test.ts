import { describe, expect, it } from 'vitest';
import { readJson } from '../../../src/widget-host/running-widget.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe("a peer's JSON message, as the call page reads it", () => {
  it('is parsed when a frame can take it', () => {
    expect(readJson(bytes('{"vote":[1,2]}'))).toEqual({ ok: true, value: { vote: [1, 2] } });
  });

  it.each([
    ['nested 5,000 deep', bytes(`${'['.repeat(5000)}${']'.repeat(5000)}`), 'nested more than 64'],
    ['not UTF-8', new Uint8Array([0x22, 0xff, 0x22]), 'not valid UTF-8'],
    ['not JSON', bytes('{vote'), 'not JSON'],
  ])('is refused with a reason when %s, without throwing', (_, payload, reason) => {
    const read = readJson(payload);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toMatch(new RegExp(`^INVALID_MESSAGE: .*${reason}`));
  });
});
