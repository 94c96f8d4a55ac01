import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One parse result shape for the whole project (`Parsed<T>` in src/protocol/parsed.ts, which
 * the SDK hands to widget authors), and widget messages tagged `'<widget>:<verb>'`.
 */
function sourceFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Parsers that keep another shape on purpose: a URL normalised to its origin (shared/ sits
 * below protocol/), and a server reply, which carries the server's own error code.
 */
const OTHER_SHAPES = new Set(['parseServerUrl', 'parseReply']);

/** Exported `parse…`/`decode…`/`read…` functions and the return type each declares. */
export function parsersIn(text: string): { name: string; returns: string }[] {
  return [
    ...text.matchAll(
      /export (?:async )?function ((?:parse|decode|read)[A-Z]\w*)[^(]*\(([^)]|\([^)]*\))*\):\s*([^{]+)\{/g,
    ),
  ].map((match) => ({ name: match[1]!, returns: match[3]!.trim() }));
}

/** The `type: '…'` tags a widget writes into its messages. */
export function messageTagsIn(text: string): string[] {
  // Intl.DisplayNames takes a `type` too (which names to give), and is no message.
  const withoutDisplayNames = text.replace(/new Intl\.DisplayNames\([^)]*\)/g, '');
  return [...withoutDisplayNames.matchAll(/\btype: '([^']+)'/g)].map((match) => match[1]!);
}

describe('parse results', () => {
  it('finds parsers and their declared result (the check below can fail)', () => {
    expect(parsersIn('export function parseX(raw: unknown): X | undefined {')).toEqual([
      { name: 'parseX', returns: 'X | undefined' },
    ]);
    // An async reader (one that hashes, say) declares Promise<Parsed<T>>: the same shape, later.
    expect(
      parsersIn('export async function readZ(bytes: Uint8Array): Promise<Parsed<Z>> {}'),
    ).toEqual([{ name: 'readZ', returns: 'Promise<Parsed<Z>>' }]);
  });

  it('every parser returns Parsed<T>', () => {
    const offenders = ['src', 'widgets']
      .flatMap(sourceFiles)
      .flatMap((file) => parsersIn(readFileSync(file, 'utf8')).map((p) => ({ file, ...p })))
      .filter(
        ({ name, returns }) => !OTHER_SHAPES.has(name) && !/^(Promise<)?Parsed</.test(returns),
      )
      .map(({ file, name, returns }) => `${file}: ${name} returns ${returns}`);
    expect(offenders).toEqual([]);
  });

  it('no file declares a result shape of its own', () => {
    const offenders = ['src', 'widgets']
      .flatMap(sourceFiles)
      .filter((file) => !file.endsWith('protocol/parsed.ts'))
      .filter((file) => /\{\s*ok: false;\s*reason: string\s*\}/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('widget messages', () => {
  const widgets = readdirSync('widgets').filter((name) =>
    statSync(join('widgets', name)).isDirectory(),
  );

  it.each(widgets)("%s tags each of its messages '<widget>:<verb>'", (widget) => {
    const files = sourceFiles(join('widgets', widget)).filter((file) => !file.endsWith('.d.ts'));
    const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    const wrong = messageTagsIn(text).filter(
      (tag) => !new RegExp(`^${widget}:[a-z][a-z-]*$`).test(tag),
    );
    expect(wrong).toEqual([]);
    // The short `t:` tag the Files and Ping-pong wires once used is gone too.
    expect(text).not.toMatch(/\bt: '/);
  });
});
