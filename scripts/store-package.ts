/**
 * The store package: the release build's files, without source maps, in one zip with
 * manifest.json at its root.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';

/** Every file under `dir` by its path inside the package, source maps left out. */
export function releaseFiles(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.map')) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path).split(sep).join('/'), readFileSync(path));
  }
  return files;
}

/** The zip, its entries in a stable order so two packages of one tree differ only in dates. */
export function zipPackage(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const sorted = [...files].sort(([a], [b]) => a.localeCompare(b));
  return zipSync(Object.fromEntries(sorted), { level: 9 });
}
