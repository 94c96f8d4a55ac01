import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHAT_STRINGS } from '../../../widgets/chat/chat-strings.js';
import { CODE_STRINGS } from '../../../widgets/code/code-strings.js';
import { DRAW_STRINGS } from '../../../widgets/draw/draw-strings.js';
import { FILES_STRINGS } from '../../../widgets/files/files-strings.js';
import { STATS_STRINGS } from '../../../widgets/stats/stats-strings.js';
import { PONG_STRINGS } from '../../../widgets/pong/pong-strings.js';

const TABLES = {
  chat: CHAT_STRINGS,
  code: CODE_STRINGS,
  draw: DRAW_STRINGS,
  files: FILES_STRINGS,
  stats: STATS_STRINGS,
  pong: PONG_STRINGS,
} as const;

/** What a person reads of a table entry: a string, a list, or a function's result. */
function leaves(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function')
    return [[path, String((value as (...a: string[]) => string)('X', 'Y'))]];
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, `${path}.${index}`));
  return Object.entries(value as object).flatMap(([key, item]) => leaves(item, `${path}.${key}`));
}

/** Words a language shares with English: a translator would keep them. */
const SAME_AS_ENGLISH = new Set([
  'fr:chat.messages',
  'fr:chat.message',
  'de:code.code',
  'fr:code.code',
  'de:draw.colours.4',
  'fr:draw.colours.4',
  'de:stats.bitrate',
  'fr:pong.score',
  'fr:pong.table',
]);

describe("the built-in widgets' own words", () => {
  it.each(Object.entries(TABLES))('are translated in %s, in every language', (widget, table) => {
    const english = new Map(leaves(table.en, widget));
    const untranslated = Object.entries(table)
      .filter(([language]) => language !== 'en')
      .flatMap(([language, words]) =>
        leaves(words, widget)
          .filter(([path, text]) => english.get(path) === text && /\p{L}{2}/u.test(text))
          .map(([path]) => `${language}:${path}`),
      )
      .filter((entry) => !SAME_AS_ENGLISH.has(entry));
    expect(untranslated).toEqual([]);
  });

  it.each(Object.entries(TABLES))('are each used by %s', (widget, table) => {
    const code = readdirSync(`widgets/${widget}`)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('-strings.ts'))
      .map((file) => readFileSync(`widgets/${widget}/${file}`, 'utf8'))
      .join('\n');
    const unused = Object.keys(table.en).filter((key) => !new RegExp(`\\.${key}\\b`).test(code));
    expect(unused).toEqual([]);
  });
});
