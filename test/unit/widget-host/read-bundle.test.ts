import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_LIMITS,
  pathProblem,
  readBundle,
  sha256Hex,
} from '../../../src/widget-host/bundles/read-bundle.js';

const ENTRY = {
  id: 'dice',
  type: 'widget',
  title: 'Dice',
  icon: 'widgets/dice/icon.svg',
  url: 'widgets/dice/index.html',
  version: '1.2.0',
  description: 'Rolls dice everyone sees.',
  author: 'Ana',
};
const PAGE =
  '<!doctype html><title>Dice</title><script type="module" src="./assets/main.js"></script>';

/** A packed widget as widget:pack makes one, with `changes` laid over its files. */
function pack(changes: Record<string, Uint8Array | null> = {}, entry: object = ENTRY): Uint8Array {
  const files: Record<string, Uint8Array | null> = {
    'tfxwidget.json': strToU8(JSON.stringify(entry)),
    'widgets/dice/index.html': strToU8(PAGE),
    'widgets/dice/assets/main.js': strToU8('console.log("roll")'),
    'widgets/dice/icon.svg': strToU8('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    ...changes,
  };
  const zippable: Zippable = {};
  for (const [path, data] of Object.entries(files)) if (data) zippable[path] = data;
  return zipSync(zippable);
}

async function refusal(bytes: Uint8Array, expected?: string) {
  const read = await readBundle(bytes, expected);
  if (read.ok) throw new Error('the bundle was accepted');
  return { code: read.reason.split(':')[0], reason: read.reason };
}

/** Expects `bytes` refused with `code`, its reason containing `words`. */
async function expectRefused(bytes: Uint8Array, code: string, words = '', expected?: string) {
  const { code: actual, reason } = await refusal(bytes, expected);
  expect({ code: actual, says: reason.includes(words) }, reason).toEqual({ code, says: true });
}

describe('reading a packed widget', () => {
  it('reads a good bundle: its entry, its files and the SHA-256 of the whole file', async () => {
    const bytes = pack();
    const read = await readBundle(bytes);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.entry).toMatchObject({ id: 'dice', version: '1.2.0', author: 'Ana' });
    expect(read.value.entry.page).toEqual({ kind: 'packaged', path: 'widgets/dice/index.html' });
    expect([...read.value.files.keys()].sort()).toEqual([
      'tfxwidget.json',
      'widgets/dice/assets/main.js',
      'widgets/dice/icon.svg',
      'widgets/dice/index.html',
    ]);
    expect(read.value.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(read.value.sha256).toBe(await sha256Hex(bytes));
    expect(read.value.size).toBe(bytes.length);
  });

  it('refuses a bundle whose hash is not the one announced, before opening it', async () => {
    const bytes = pack();
    const announced = await sha256Hex(bytes);
    expect((await readBundle(bytes, announced)).ok).toBe(true);
    const tampered = pack({ 'widgets/dice/assets/main.js': strToU8('steal()') });
    await expectRefused(tampered, 'BUNDLE_HASH_MISMATCH', announced.slice(0, 12), announced);
  });

  it('refuses more than 10 MiB packed, or unpacked (a zip bomb), before inflating', async () => {
    // Random bytes do not compress: the packed file itself is over the limit.
    const noise = new Uint8Array(BUNDLE_LIMITS.maxBytes + 1);
    for (let at = 0; at < noise.length; at += 65536)
      crypto.getRandomValues(noise.subarray(at, at + 65536));
    await expectRefused(pack({ 'widgets/dice/big.bin': noise }), 'BUNDLE_TOO_LARGE', 'at most');
    // Zeros compress a thousandfold: a few KiB that would unpack to 64 MiB.
    const bomb = pack({ 'widgets/dice/zeros.bin': new Uint8Array(64 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(200 * 1024);
    await expectRefused(bomb, 'BUNDLE_TOO_LARGE', 'unpacks to 6710');
  });

  it('refuses more than 500 files', async () => {
    const many: Record<string, Uint8Array> = {};
    for (let index = 0; index < 500; index++) many[`widgets/dice/f${index}.js`] = strToU8('1');
    await expectRefused(pack(many), 'BUNDLE_TOO_MANY_FILES', '504 files');
  });

  it('refuses paths that leave the bundle, absolute ones and odd names', async () => {
    for (const path of [
      '../evil.js',
      'widgets/dice/../../evil.js',
      '/etc/passwd',
      'widgets\\dice\\x.js',
      'C:/x.js',
    ]) {
      await expectRefused(pack({ [path]: strToU8('x') }), 'BUNDLE_BAD_PATH', path);
    }
    expect(pathProblem('widgets/dice/assets/index-a1B2.js')).toBeUndefined();
  });

  it('refuses a bad manifest entry, naming the field', async () => {
    const noVersion: Record<string, unknown> = { ...ENTRY };
    delete noVersion.version;
    await expectRefused(pack({}, noVersion), 'BUNDLE_BAD_MANIFEST', 'version');
    await expectRefused(pack({ 'tfxwidget.json': strToU8('{not json') }), 'BUNDLE_BAD_MANIFEST');
    await expectRefused(pack({ 'tfxwidget.json': null }), 'BUNDLE_BAD_MANIFEST', 'no tfxwidget');
    const webApp = { ...ENTRY, type: 'webapp', url: 'https://example.com/' };
    await expectRefused(pack({}, webApp), 'BUNDLE_BAD_MANIFEST', 'url');
  });

  it('refuses an entry that does not match the files', async () => {
    await expectRefused(
      pack({ 'widgets/dice/index.html': null }),
      'BUNDLE_MISMATCH',
      'widgets/dice/index.html does not exist',
    );
    await expectRefused(pack({ 'widgets/other/x.js': strToU8('x') }), 'BUNDLE_MISMATCH', 'outside');
    const remoteIcon = { ...ENTRY, icon: 'https://example.com/icon.svg' };
    await expectRefused(pack({}, remoteIcon), 'BUNDLE_MISMATCH', 'icon');
    // A page that would run nothing, or inline code the CSP blocks.
    const inline = strToU8('<!doctype html><script type="module">alert(1)</script>');
    await expectRefused(pack({ 'widgets/dice/index.html': inline }), 'BUNDLE_MISMATCH', 'inline');
  });

  it('refuses what is not a zip, and never unpacks past the sizes its directory declares', async () => {
    await expectRefused(strToU8('just text'), 'BUNDLE_CORRUPT', 'not a zip');
    // The size the central directory declares for main.js, rewritten.
    const declaring = (size: number) => {
      const lying = pack({ 'widgets/dice/assets/main.js': strToU8('roll(); '.repeat(100)) });
      const view = new DataView(lying.buffer);
      for (let at = 0; at < lying.length - 4; at++) {
        if (view.getUint32(at, true) !== 0x02014b50) continue; // a central directory record
        const nameLength = view.getUint16(at + 28, true);
        const name = new TextDecoder().decode(lying.subarray(at + 46, at + 46 + nameLength));
        if (name === 'widgets/dice/assets/main.js') view.setUint32(at + 24, size, true);
      }
      return lying;
    };
    // Declared larger than it is: refused.
    await expectRefused(declaring(100_000), 'BUNDLE_CORRUPT', 'main.js');
    // Declared smaller (a bomb that lies): inflating stops at the declared size.
    const read = await readBundle(declaring(3));
    expect(read.ok && read.value.files.get('widgets/dice/assets/main.js')?.length).toBe(3);
  });
});
