import { describe, expect, it } from 'vitest';
import { parseWidgetRequest, requestIdOf } from '../../../src/protocol/widget-schema.js';

const json = { kind: 'json', text: '{"a":1}' };

describe('parseWidgetRequest', () => {
  it.each([
    ['a broadcast', { type: 'message:send', id: 1, payload: json }],
    ['a message to one peer', { type: 'message:send', id: 2, to: 'p1', payload: json }],
    [
      'bytes',
      { type: 'message:send', id: 3, payload: { kind: 'bytes', bytes: new ArrayBuffer(8) } },
    ],
    ['a storage read', { type: 'storage:get', id: 4, key: 'history' }],
    ['a storage write', { type: 'storage:set', id: 5, key: 'history', text: '[]' }],
    ['a storage removal', { type: 'storage:set', id: 6, key: 'history', text: null }],
    ['a badge', { type: 'badge:set', count: 3 }],
    ['a translation status', { type: 'translate:status', id: 11 }],
    ['a text to translate', { type: 'translate:text', id: 12, text: 'Hallo', to: 'zh-Hant' }],
    ['the SDK taking its port', { type: 'widget:connected' }],
  ])('accepts %s', (_, raw) => {
    expect(parseWidgetRequest(raw)).toEqual({ ok: true, value: raw });
  });

  it.each([
    [
      'not an object',
      'hello',
      { reason: 'message: Invalid input: expected object, received string' },
    ],
    ['an unknown type', { type: 'room:join', id: 1 }, { id: 1 }],
    [
      'a claimed widget id',
      { type: 'message:send', id: 7, widget: 'chat', payload: json },
      { id: 7, reason: expect.stringContaining('widget') as string },
    ],
    [
      'bytes that are not an ArrayBuffer',
      { type: 'message:send', id: 8, payload: { kind: 'bytes', bytes: [1, 2] } },
      { id: 8, reason: expect.stringContaining('payload.bytes') as string },
    ],
    [
      'JSON that is not text',
      { type: 'message:send', id: 9, payload: { kind: 'json', value: {} } },
      { id: 9 },
    ],
    ['a negative id', { type: 'storage:get', id: -1, key: 'k' }, {}],
    ['an empty storage key', { type: 'storage:get', id: 10, key: '' }, { id: 10 }],
    [
      'a huge badge',
      { type: 'badge:set', count: 1e6 },
      { reason: expect.stringContaining('count') as string },
    ],
    [
      'a text too long to translate',
      { type: 'translate:text', id: 13, text: 'x'.repeat(5001), to: 'en' },
      { id: 13, reason: expect.stringContaining('text') as string },
    ],
    [
      'a language that is no language tag',
      { type: 'translate:text', id: 14, text: 'Hallo', to: 'en_US; drop' },
      { id: 14, reason: expect.stringContaining('BCP 47') as string },
    ],
  ])('refuses %s, with the request id when it was readable', (_, raw, expected) => {
    const parsed = parseWidgetRequest(raw);
    expect(parsed.ok).toBe(false);
    const { id, ...reason } = expected as { id?: number; reason?: string };
    expect(parsed).toMatchObject(reason);
    expect(requestIdOf(raw)).toBe(id);
  });
});
