import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSION_ID } from '../../../src/server/config.js';
import {
  SHIPPED_WIDGETS,
  foldersWithoutEntry,
  readRegistry,
} from '../../../scripts/widget-registry.js';

interface Manifest {
  manifest_version: number;
  key: string;
  icons: Record<string, string>;
  action: { default_popup: string; default_icon: Record<string, string> };
  background: { service_worker: string };
  options_ui: { page: string };
  externally_connectable?: unknown;
}

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as Manifest;

/** Chrome's id for an unpacked extension with a key: sha256 of the key, hex mapped to a–p. */
function extensionIdOf(key: string): string {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

function pngSize(path: string): [number, number] {
  const png = readFileSync(path);
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('manifest.json agrees with the tree', () => {
  it('is MV3 and its key gives the documented extension id', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(extensionIdOf(manifest.key)).toBe(DEFAULT_EXTENSION_ID);
    expect(readFileSync('README.md', 'utf8')).toContain(DEFAULT_EXTENSION_ID);
  });

  it('names icons that exist at the size their key says', () => {
    for (const [size, path] of Object.entries({
      ...manifest.icons,
      ...manifest.action.default_icon,
    })) {
      expect(pngSize(path), path).toEqual([Number(size), Number(size)]);
    }
  });

  it('names pages and a worker that exist', () => {
    for (const path of [
      manifest.action.default_popup,
      manifest.background.service_worker,
      manifest.options_ui.page,
    ]) {
      expect(existsSync(path), path).toBe(true);
    }
  });

  it('leaves the pages that may talk to the extension to the build, which knows its servers', () => {
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('keeps widgetmanifest.json and widgets/ in agreement', () => {
    expect(readRegistry([SHIPPED_WIDGETS]).errors).toEqual([]);
    expect(foldersWithoutEntry(SHIPPED_WIDGETS)).toEqual([]);
  });
});
