import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const TSC = resolve('node_modules/typescript/bin/tsc');

/** Type-checks `source` in a folder holding only the two SDK files, as an author's would. */
function checkElsewhere(source: string): {
  status: number | null;
  output: string;
  folder: string;
} {
  const folder = mkdtempSync(join(tmpdir(), 'tfx-sdk-author-'));
  for (const file of readdirSync('build/sdk'))
    copyFileSync(join('build/sdk', file), join(folder, file));
  writeFileSync(join(folder, 'widget.ts'), source);
  const named = spawnSync(
    process.execPath,
    [
      TSC,
      '--noEmit',
      '--strict',
      '--target',
      'ES2022',
      '--module',
      'ESNext',
      '--moduleResolution',
      'Bundler',
      '--lib',
      'ES2023,DOM',
      'widget.ts',
    ],
    { cwd: folder, encoding: 'utf8' },
  );
  return { status: named.status, output: named.stdout + named.stderr, folder };
}

describe('npm run build:sdk', () => {
  it('writes a .d.ts that types a widget on its own, next to the module', () => {
    execFileSync(process.execPath, ['scripts/build-sdk.mjs'], { stdio: 'pipe' });
    const good = checkElsewhere(
      [
        "import * as tfx from './tfx-sdk.js';",
        'await tfx.ready();',
        'tfx.onMessage((data: unknown, from: tfx.Peer) => console.log(data, from.name));',
        "await tfx.sendMessage({ hello: tfx.self().name }, { to: 'bea' });",
        'const read: tfx.Parsed<number> = { ok: false, reason: "no" };',
        'console.log(read);',
        // A schema, as any Standard Schema validator makes one: its output types the handler.
        'const vote: tfx.Schema<{ option: number }> = {',
        "  '~standard': { version: 1, vendor: 'mine', validate: (value) => ({ value: value as { option: number } }) },",
        '};',
        'tfx.onMessage(vote, (data) => console.log(data.option.toFixed(0)));',
        'export {};',
      ].join('\n'),
    );
    expect(good.output).toBe('');
    expect(readFileSync('build/sdk/tfx-sdk.d.ts', 'utf8')).not.toMatch(/^import /m);
    expect(good.status).toBe(0);
    // And the types are real: a wrong call is an error, not an `any`.
    const bad = checkElsewhere(
      [
        "import * as tfx from './tfx-sdk.js';",
        'await tfx.sendMessage(1, { to: 2 });',
        'export {};',
      ].join('\n'),
    );
    expect(bad.status).not.toBe(0);
    expect(bad.output).toContain("Type 'number' is not assignable to type 'string'");
  }, 60_000);

  it('gives authors elsewhere shared state and the test host, typed, that run in plain Node', () => {
    const script = [
      "import { createTestRoom } from './tfx-sdk-testing.js';",
      "import { sharedMap } from './tfx-sdk-state.js';",
      'const room = createTestRoom();',
      "const ana = await room.join('Ana');",
      "const bea = await room.join('Bea');",
      "const [a, b] = [sharedMap(ana.tfx, 'n'), sharedMap(bea.tfx, 'n')];",
      'await Promise.all([a.ready, b.ready]);',
      "await a.set('x', 41);",
      'await room.settle();',
      "console.log(`Bea sees ${String(b.get('x'))} by ${b.entries()[0]?.author.name ?? ''}`);",
    ];
    const typed = checkElsewhere([...script, 'export {};'].join('\n'));
    expect(typed.output).toBe('');
    expect(typed.status).toBe(0);
    // The same, run by Node from the built files alone (the SDK's 10 s wait for a host would
    // keep it alive: it exits once it has said what Bea sees).
    writeFileSync(join(typed.folder, 'run.mjs'), [...script, 'process.exit(0);'].join('\n'));
    const run = spawnSync(process.execPath, ['run.mjs'], {
      cwd: typed.folder,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stdout + run.stderr).toContain('Bea sees 41 by Ana');
  }, 60_000);
});
