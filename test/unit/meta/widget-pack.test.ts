import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBundle, sha256Hex } from '../../../src/widget-host/bundles/read-bundle.js';

const node = (...args: string[]) =>
  execFileSync(process.execPath, args, { encoding: 'utf8', stdio: 'pipe' });

describe('npm run widget:pack', () => {
  it('packs a widget into one file, printing its size and SHA-256, the same bytes each time', async () => {
    const output = node('scripts/widget-pack.mjs', 'chat');
    expect(output).toContain('✓ build/widgets/chat-1.0.0.tfxwidget');
    const bytes = new Uint8Array(readFileSync('build/widgets/chat-1.0.0.tfxwidget'));
    const sha256 = await sha256Hex(bytes);
    expect(output).toContain(`SHA-256 ${sha256}`);
    expect(output).toMatch(/\d+ files, \d+\.\d KiB/);
    const read = await readBundle(bytes, sha256);
    expect(read.ok && read.value.entry).toMatchObject({
      id: 'chat',
      page: { kind: 'packaged', path: 'widgets/chat/index.html' },
    });
    // Built: the page loads bundled scripts by relative paths, and the SDK is inside them.
    const page = new TextDecoder().decode(
      read.ok ? read.value.files.get('widgets/chat/index.html') : undefined,
    );
    expect(page).toMatch(/<script type="module" crossorigin src="\.\/assets\/[\w-]+\.js">/);
    expect(node('scripts/widget-pack.mjs', 'chat')).toContain(`SHA-256 ${sha256}`);
  }, 60_000);

  it('says which widget it does not know, and exits 1', () => {
    const run = spawnSync(process.execPath, ['scripts/widget-pack.mjs', 'no-such-widget'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No widget "no-such-widget" in the registry.');
  });
});

describe('npm run widget:check on packed files', () => {
  it('accepts a good one and names the problem of a bad one, exiting 1', () => {
    node('scripts/widget-pack.mjs', 'chat');
    const good = 'build/widgets/chat-1.0.0.tfxwidget';
    expect(node('scripts/widget-check.mjs', good)).toMatch(/^✓ .*Chat 1\.0\.0 by TFX Sessions/);
    // The same widget with a file that climbs out of its folder.
    const files = unzipSync(new Uint8Array(readFileSync(good)));
    files['widgets/chat/../../escape.js'] = strToU8('x');
    const bad = join(mkdtempSync(join(tmpdir(), 'tfx-check-')), 'escape.tfxwidget');
    writeFileSync(bad, zipSync(files));
    const run = spawnSync(process.execPath, ['scripts/widget-check.mjs', good, bad], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✓ build/widgets/chat-1.0.0.tfxwidget');
    expect(run.stderr).toContain(
      `✗ ${bad}: BUNDLE_BAD_PATH: the path "widgets/chat/../../escape.js" leaves its folder`,
    );
  }, 60_000);
});
