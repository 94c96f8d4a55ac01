import { describe, expect, it } from 'vitest';
import {
  parseWidgetPackFailed,
  parseWidgetPacked,
  widgetDevAddress,
} from '../../../src/protocol/widget-dev.js';

describe('a dev server address', () => {
  it.each([
    ['http://127.0.0.1:5199', 'http://127.0.0.1:5199'],
    [' http://localhost:8080/ ', 'http://localhost:8080'],
    ['https://[::1]:5199', 'https://[::1]:5199'],
  ])('takes %j as %s', (typed, origin) => {
    expect(widgetDevAddress(typed)).toEqual({ ok: true, value: origin });
  });

  it.each([
    ['127.0.0.1:5199', 'DEV_BAD_ADDRESS: it is not a web address'],
    ['ftp://127.0.0.1:5199', 'DEV_BAD_ADDRESS: it must start with http:// or https://'],
    ['http://192.0.2.1:5199', 'DEV_NOT_LOCAL'],
    ['http://127.0.0.1.example.com:5199', 'DEV_NOT_LOCAL'],
    ['http://user@127.0.0.1:5199', 'DEV_BAD_ADDRESS: give only the address'],
    ['http://127.0.0.1:5199/widget.tfxwidget', 'DEV_BAD_ADDRESS: give only the address'],
  ])('refuses %j with %s', (typed, reason) => {
    const parsed = widgetDevAddress(typed);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });
});

describe('a dev server event', () => {
  const sha256 = 'a'.repeat(64);
  it('reads a pack and a failure', () => {
    const packed = { id: 'tally', version: '1.0.0', sha256, size: 3400 };
    expect(parseWidgetPacked(JSON.stringify(packed))).toEqual({ ok: true, value: packed });
    expect(parseWidgetPackFailed('{"reason":"tally.ts: Unexpected token"}')).toEqual({
      ok: true,
      value: { reason: 'tally.ts: Unexpected token' },
    });
  });

  it.each([
    [undefined, 'DEV_BAD_EVENT: the event is not text'],
    ['{', 'DEV_BAD_EVENT: the event is not JSON'],
    [
      JSON.stringify({ id: 'tally', version: '1', sha256: 'ABC', size: 1 }),
      'DEV_BAD_EVENT: sha256',
    ],
    [JSON.stringify({ id: 'tally', version: '1', sha256, size: -1 }), 'DEV_BAD_EVENT: size'],
    [JSON.stringify({ id: 'tally', version: '1', sha256, size: 1, run: 'x' }), 'DEV_BAD_EVENT'],
  ])('refuses %j with %s', (text, reason) => {
    const parsed = parseWidgetPacked(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });
});
