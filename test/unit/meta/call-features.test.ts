import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** call/main.ts only wires: every call feature is a module with `title` and `start`, and main starts each. */
function sourceFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const main = readFileSync('src/call/main.ts', 'utf8');
const features = sourceFiles('src/call').filter((file) =>
  /^export (async )?function start\(/m.test(readFileSync(file, 'utf8')),
);

describe('the call page', () => {
  it('has features to start (the check below can fail)', () => {
    expect(features.length).toBeGreaterThan(5);
  });

  it.each(features)('starts %s, which names itself', (file) => {
    const specifier = `./${relative('src/call', file).replace(/\.ts$/, '.js')}`;
    const imported = new RegExp(
      `import \\* as (\\w+) from '${specifier.replaceAll('.', '\\.')}'`,
    ).exec(main);
    expect(imported, `main.ts imports ${specifier} as a namespace`).not.toBeNull();
    const list = /const FEATURES[^=]*= \[([^\]]*)\]/.exec(main)?.[1] ?? '';
    expect(list.split(',').map((name) => name.trim())).toContain(imported![1]);
    expect(readFileSync(file, 'utf8')).toMatch(/^export const title: MessageKey = '[^']+';$/m);
  });

  it('defines no behaviour of its own: no DOM building, timers or feature functions', () => {
    expect(main).not.toMatch(/createElement|setInterval|setTimeout|innerHTML/);
    const functions = [...main.matchAll(/^(?:async )?function (\w+)/gm)].map((m) => m[1]);
    expect(functions).toEqual(['rtcConfigFrom', 'main']);
  });
});
