import { describe, expect, it } from 'vitest';
import {
  parseExtensionReply,
  parseExternalMessage,
  parseInternalMessage,
} from '../../../src/protocol/extension-messages.js';

describe('extension messages', () => {
  it('accepts the popup’s call:open and the invite page’s invite:open', () => {
    expect(parseInternalMessage({ type: 'call:open', v: 1, room: 'r1' }).ok).toBe(true);
    expect(parseExternalMessage({ type: 'invite:open', v: 1, room: 'r1' }).ok).toBe(true);
  });

  it.each([
    [{ type: 'call:open', v: 1, room: '../x' }, 'room: room id must be'],
    [{ type: 'call:open', v: 2, room: 'r1' }, 'v:'],
    [{ type: 'call:open', v: 1, room: 'r1', url: 'https://evil' }, 'url'],
    ['call:open', 'message:'],
  ])('refuses %j from a page with a reason', (raw, reason) => {
    const parsed = parseInternalMessage(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('does not let a web page send what only the popup may send', () => {
    expect(parseExternalMessage({ type: 'call:open', v: 1, room: 'r1' }).ok).toBe(false);
  });

  it('parses the worker’s reply', () => {
    expect(parseExtensionReply({ ok: true, data: null }).ok).toBe(true);
    expect(parseExtensionReply({ ok: 'yes' }).ok).toBe(false);
    // Any code of the one shared list is understood; a code nobody defined is refused.
    expect(parseExtensionReply({ ok: false, error: { code: 'TIMEOUT', message: 'slow' } }).ok).toBe(
      true,
    );
    expect(parseExtensionReply({ ok: false, error: { code: 'NOPE', message: '' } }).ok).toBe(false);
  });
});
