import { describe, expect, it } from 'vitest';
import { readCallParams } from '../../../src/call/call-params.js';

describe('readCallParams', () => {
  it('reads the room, and the server and name when given', () => {
    expect(readCallParams('?room=r1')).toEqual({ ok: true, value: { room: 'r1' } });
    expect(readCallParams('?room=r1&server=http://127.0.0.1:9000/x&name=%20Ana%20')).toEqual({
      ok: true,
      value: { room: 'r1', server: 'http://127.0.0.1:9000', name: 'Ana' },
    });
  });

  it('refuses a missing or malformed room, and ignores a bad server or name', () => {
    expect(readCallParams('')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^room/) as string,
    });
    expect(readCallParams('?room=a/b').ok).toBe(false);
    expect(readCallParams('?room=r1&server=javascript:alert(1)&name=%07')).toEqual({
      ok: true,
      value: { room: 'r1' },
    });
  });
});
