import { describe, expect, it } from 'vitest';
import { validateWidgetManifest } from '../../../src/protocol/widget-manifest.js';

const files = new Set([
  'widgets/chat/index.html',
  'widgets/chat/icon.svg',
  'widgets/draw/index.html',
]);
const check = { fileExists: (path: string) => files.has(path), pagesDir: 'widgets' };

const chat = {
  id: 'chat',
  type: 'widget',
  title: 'Chat',
  icon: 'widgets/chat/icon.svg',
  url: 'widgets/chat/index.html',
  version: '1.0.0',
  description: 'Text messages with everyone in the call.',
  author: 'TFX Sessions',
};

describe('validateWidgetManifest', () => {
  it('accepts a packaged widget and an https web app, reading plugintype as type', () => {
    const web = {
      ...chat,
      id: 'board',
      type: undefined,
      plugintype: 'webapp',
      url: 'https://board.example.com/app',
      icon: 'https://board.example.com/icon.png',
    };
    const result = validateWidgetManifest([chat, web], 'widgetmanifest.json', check);
    expect(result.errors).toEqual([]);
    expect(result.entries.map((entry) => [entry.id, entry.type, entry.page])).toEqual([
      ['chat', 'widget', { kind: 'packaged', path: 'widgets/chat/index.html' }],
      ['board', 'webapp', { kind: 'web', url: 'https://board.example.com/app' }],
    ]);
    expect(result.entries[0]!.permissions).toEqual([]);
  });

  const file = 'widgetmanifest.json';
  it.each<[string, unknown, string[]]>([
    ['not an array', { chat }, [`${file}: must be a JSON array of widget entries`]],
    [
      'a duplicate id',
      [chat, chat],
      [`${file}: entry 2 ("chat"): id: "chat" is used by an earlier entry`],
    ],
    [
      'a missing page',
      [{ ...chat, id: 'draw2', url: 'widgets/draw2/index.html' }],
      [`${file}: entry 1 ("draw2"): url: widgets/draw2/index.html does not exist`],
    ],
    [
      'a page outside its folder',
      [{ ...chat, url: 'widgets/draw/index.html' }],
      [`${file}: entry 1 ("chat"): url: must be widgets/chat/index.html (or an https:// web app)`],
    ],
    [
      'an http URL',
      [{ ...chat, url: 'http://example.com' }],
      [`${file}: entry 1 ("chat"): url: must be an https:// URL or a page packaged in widgets/`],
    ],
    [
      'an unknown permission',
      [{ ...chat, permissions: ['camera'] }],
      [
        `${file}: entry 1 ("chat"): permissions: "camera" is not a permission the host knows (stats, downloads, translate)`,
      ],
    ],
    [
      'a missing icon',
      [{ ...chat, icon: 'widgets/chat/nope.png' }],
      [`${file}: entry 1 ("chat"): icon: widgets/chat/nope.png does not exist`],
    ],
    [
      'a bad version',
      [{ ...chat, version: 'one' }],
      [`${file}: entry 1 ("chat"): version: must look like 1.0.0`],
    ],
    [
      'an unknown field',
      [{ ...chat, script: 'x.js' }],
      [`${file}: entry 1 ("chat"): entry: Unrecognized key: "script"`],
    ],
    [
      'a bad id',
      [{ ...chat, id: 'Chat!' }],
      [
        `${file}: entry 1 ("Chat!"): id: must be 1–40 of a–z, 0–9 and "-", starting with a letter or digit`,
      ],
    ],
    [
      'a webapp with a packaged page',
      [{ ...chat, type: 'webapp' }],
      [`${file}: entry 1 ("chat"): type: a webapp entry needs an https:// url`],
    ],
  ])('names the file, entry and field for %s', (_label, raw, errors) => {
    expect(validateWidgetManifest(raw, file, check).errors).toEqual(errors);
  });

  it('keeps the good entries when another entry is bad, so the host can skip only that one', () => {
    const result = validateWidgetManifest(
      [{ ...chat, id: 'broken', url: 'http://x' }, chat],
      file,
      check,
    );
    expect(result.entries.map((entry) => entry.id)).toEqual(['chat']);
    expect(result.errors).toHaveLength(1);
  });
});
