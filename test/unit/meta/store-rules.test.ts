import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pngSize, storeProblems } from '../../../scripts/store-rules.js';

const encode = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

/** A PNG header claiming this size: all the rules read of an icon. */
function png(size: number): Uint8Array {
  const bytes = new Uint8Array(24);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, size);
  view.setUint32(20, size);
  return bytes;
}

const icons = { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' };
const permissionsDoc = '- `storage`: keeps settings on the device.\n';

/** A package the store would take; each test breaks one thing. */
function goodPackage(manifest: Record<string, unknown> = {}): Map<string, Uint8Array> {
  return new Map<string, Uint8Array>([
    [
      'manifest.json',
      encode({
        name: '__MSG_extension_name__',
        description: '__MSG_extension_description__',
        version: '1.2.3',
        default_locale: 'en',
        icons,
        permissions: ['storage'],
        action: { default_popup: 'popup.html' },
        content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
        ...manifest,
      }),
    ],
    [
      '_locales/en/messages.json',
      encode({
        extension_name: { message: 'TFX Sessions' },
        extension_description: { message: 'Calls.' },
      }),
    ],
    ['popup.html', encode('<script type="module" src="./popup.js"></script>')],
    ['popup.js', encode('console.log(1)')],
    ...Object.entries(icons).map(([size, path]): [string, Uint8Array] => [path, png(Number(size))]),
  ]);
}

describe("the store's rules for a package", () => {
  it('pass a package that keeps them', () => {
    expect(storeProblems(goodPackage(), permissionsDoc)).toEqual([]);
  });

  it('refuse a key, a bad version and a missing manifest', () => {
    expect(storeProblems(goodPackage({ key: 'MIIB' }), permissionsDoc)).toEqual([
      'manifest.json has a "key", which the store refuses',
    ]);
    expect(storeProblems(goodPackage({ version: '1.0-beta' }), permissionsDoc)[0]).toMatch(
      /version "1.0-beta"/,
    );
    const files = goodPackage();
    files.delete('manifest.json');
    expect(storeProblems(files, permissionsDoc)).toEqual([
      'the package has no readable manifest.json at its root',
    ]);
  });

  it('count the name and description in every shipped language', () => {
    const files = goodPackage();
    files.set(
      '_locales/de/messages.json',
      encode({
        extension_name: { message: 'TFX Sessions' },
        extension_description: { message: 'ä'.repeat(133) },
      }),
    );
    expect(storeProblems(files, permissionsDoc)).toEqual([
      'manifest.json: the description is 133 characters in de, over 132',
    ]);
    expect(storeProblems(goodPackage({ name: 'n'.repeat(76) }), permissionsDoc)).toEqual([
      'manifest.json: the name is 76 characters in any, over 75',
    ]);
  });

  it('want PNG icons at 16, 32, 48 and 128', () => {
    const files = goodPackage({ icons: { ...icons, 48: undefined } });
    files.set('icons/32.png', png(64));
    files.set('icons/128.png', encode('<svg/>'));
    expect(storeProblems(files, permissionsDoc)).toEqual([
      'the icon icons/32.png is 64×64, not 32×32',
      'manifest.json names no 48×48 icon',
      'the 128×128 icon icons/128.png is not a PNG',
      'icons/48.png is in the package but nothing loads it',
    ]);
    expect(pngSize(png(16))).toEqual([16, 16]);
  });

  it('refuse a script from outside the package, by tag or by CSP', () => {
    const files = goodPackage({
      content_security_policy: { extension_pages: "script-src 'self' https://cdn.example.com" },
    });
    files.set('popup.html', encode('<script src="https://cdn.example.com/x.js"></script>'));
    files.set('page.html', encode('<script src=//cdn.example.com/y.js></script>'));
    expect(storeProblems(files, permissionsDoc)).toEqual([
      "the extension pages' script-src allows https://cdn.example.com, outside the package",
      'popup.html loads a script from https://cdn.example.com/x.js',
      'page.html loads a script from //cdn.example.com/y.js',
      'popup.js is in the package but nothing loads it',
      'page.html is in the package but nothing loads it',
    ]);
  });

  it('refuse source maps and files nothing loads', () => {
    const files = goodPackage();
    files.set('popup.js.map', encode('{}'));
    files.set('notes.txt', encode('left over'));
    expect(storeProblems(files, permissionsDoc)).toEqual([
      'popup.js.map is a source map',
      'notes.txt is in the package but nothing loads it',
    ]);
  });

  it('want a one-line reason for every permission', () => {
    const files = goodPackage({ permissions: ['storage', 'tabs'] });
    expect(storeProblems(files, permissionsDoc)).toEqual([
      'docs/store/permissions.md gives no reason for "tabs"',
    ]);
    expect(storeProblems(goodPackage(), '- `storage`:\n')).toEqual([
      'docs/store/permissions.md gives no reason for "storage"',
    ]);
  });

  it('explain every permission the real manifest asks for', () => {
    const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as Record<string, unknown>;
    const doc = readFileSync('docs/store/permissions.md', 'utf8');
    const problems = storeProblems(goodPackage({ permissions: manifest.permissions }), doc);
    expect(problems).toEqual([]);
  });
});
