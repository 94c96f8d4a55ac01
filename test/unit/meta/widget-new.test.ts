import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** A scratch copy of what the author tools need, so the real registry is never touched. */
function scratchRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'tfx-widget-new-'));
  for (const path of [
    'scripts',
    'src/protocol',
    'src/shared',
    'src/widget-host',
    'src/sdk',
    'widgets',
    'widgetmanifest.json',
    'tsconfig.json',
  ]) {
    cpSync(path, join(root, path), { recursive: true });
  }
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  return root;
}

/** The ids in the repository's own registry, which the scratch copy starts from. */
const shippedIds = (
  JSON.parse(readFileSync('widgetmanifest.json', 'utf8')) as { id: string }[]
).map((entry) => entry.id);

const run = (root: string, script: string, ...args: string[]) =>
  execFileSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' });

describe('npm run widget:new', () => {
  it('scaffolds a widget that passes widget:check, with its registry entry', () => {
    const root = scratchRepo();
    const output = run(root, 'scripts/widget-new.mjs', 'dice-roll');
    expect(output).toContain('Created widgets/dice-roll/');
    const ids = [...shippedIds, 'dice-roll'];
    expect(output).toContain(`✓ ${ids.length} widget(s) OK: ${ids.join(', ')}`);
    for (const file of ['index.html', 'main.ts', 'style.css', 'icon.svg']) {
      expect(existsSync(join(root, 'widgets/dice-roll', file))).toBe(true);
    }
    const registry = JSON.parse(readFileSync(join(root, 'widgetmanifest.json'), 'utf8')) as {
      id: string;
      title: string;
    }[];
    expect(registry.at(-1)).toMatchObject({ id: 'dice-roll', title: 'Dice roll' });
  }, 30_000);

  it('scaffolds files Prettier accepts, and leaves the other entries as they were written', () => {
    const root = scratchRepo();
    const before = readFileSync(join(root, 'widgetmanifest.json'), 'utf8');
    run(root, 'scripts/widget-new.mjs', 'dice');
    const after = readFileSync(join(root, 'widgetmanifest.json'), 'utf8');
    // Everything up to the last entry's closing brace is untouched, byte for byte.
    const kept = before.slice(0, before.lastIndexOf('}') + 1);
    expect(after.startsWith(kept)).toBe(true);
    expect(after.slice(kept.length)).toMatch(/^,\n {2}\{\n {4}"id": "dice",/);
    const check = spawnSync(
      process.execPath,
      [
        resolve('node_modules/prettier/bin/prettier.cjs'),
        '--check',
        '--config',
        resolve('.prettierrc.json'),
        'widgets/dice',
        'widgetmanifest.json',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(check.stdout + check.stderr).toContain('All matched files use Prettier code style!');
    expect(check.status).toBe(0);
  }, 30_000);

  it('refuses a malformed or existing id without touching the registry', () => {
    const root = scratchRepo();
    const before = readFileSync(join(root, 'widgetmanifest.json'), 'utf8');
    expect(() => run(root, 'scripts/widget-new.mjs', 'Bad Id')).toThrow(/Usage/);
    expect(() => run(root, 'scripts/widget-new.mjs', 'tfx-test-dice')).toThrow(/not "tfx-test-…"/);
    expect(() => run(root, 'scripts/widget-new.mjs', 'chat')).toThrow(/already exists/);
    expect(readFileSync(join(root, 'widgetmanifest.json'), 'utf8')).toBe(before);
  }, 30_000);
});

describe('npm run widget:check', () => {
  it('type-checks the widgets, and names a script or style sheet a page names but lacks', () => {
    const root = scratchRepo();
    run(root, 'scripts/widget-new.mjs', 'dice');
    const main = join(root, 'widgets/dice/main.ts');
    const scaffolded = readFileSync(main, 'utf8');
    // The scaffold ends with a newline: the blank line, then the wrong one.
    const wrongLine = scaffolded.split('\n').length + 1;
    writeFileSync(main, `${scaffolded}\nconst sides: number = 'six';\nvoid sides;\n`);
    const page = join(root, 'widgets/dice/index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('./style.css', './styel.css'));
    const check = spawnSync(process.execPath, ['scripts/widget-check.mjs'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(
      `widgets/dice/main.ts:${wrongLine}:7: TS2322 Type 'string' is not assignable to type 'number'.`,
    );
    expect(check.stderr).toContain(
      'widgetmanifest.json: widgets/dice/index.html: names ./styel.css, which is not there',
    );
  }, 60_000);

  it('names the file, entry and field of a bad entry and exits 1', () => {
    const root = scratchRepo();
    const registry = JSON.parse(
      readFileSync(join(root, 'widgetmanifest.json'), 'utf8'),
    ) as object[];
    const ghost = { ...registry[0], id: 'ghost', url: 'widgets/ghost/index.html' };
    writeFileSync(join(root, 'widgetmanifest.json'), JSON.stringify([...registry, ghost]));
    let stderr = '';
    try {
      run(root, 'scripts/widget-check.mjs');
    } catch (error) {
      stderr = (error as { stderr: string }).stderr;
      expect((error as { status: number }).status).toBe(1);
    }
    expect(stderr).toContain(
      `widgetmanifest.json: entry ${registry.length + 1} ("ghost"): url: widgets/ghost/index.html does not exist`,
    );
  }, 30_000);
});
