/**
 * `npm run widget:pack <id>`'s work: builds one widget of the registry on its own (relative
 * paths, the SDK bundled in) and packs it with its registry entry into `<id>-<version>.tfxwidget`
 * (see src/widget-host/bundles/read-bundle.ts for the format and its limits). The zip is
 * deterministic, so the same widget packs to the same SHA-256.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { build } from 'vite';
import {
  BUNDLE_MANIFEST_FILE,
  readBundle,
  type WidgetBundle,
} from '../src/widget-host/bundles/read-bundle.js';
import { readRegistry, type WidgetSource } from './widget-registry.js';

// The folder: '@tfx/sdk' is its index, '@tfx/sdk/state' its state.ts.
const SDK = fileURLToPath(new URL('../src/sdk', import.meta.url));
// Zip entries carry a time; one fixed time keeps the packed bytes, and so the hash, repeatable.
const PACKED_AT = new Date('2020-01-01T00:00:00Z');

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export interface PackedWidget {
  file: string;
  bundle: WidgetBundle;
}

/** Builds and packs widget `id` into `outDir`; throws with the reason when it cannot. */
export async function packWidget(
  id: string,
  sources: WidgetSource[],
  outDir = 'build/widgets',
): Promise<PackedWidget> {
  const registry = readRegistry(sources);
  const index = registry.entries.findIndex((entry) => entry.id === id);
  const entry = registry.entries[index];
  if (!entry) {
    const problems = registry.errors.filter((error) => error.includes(`"${id}"`));
    throw new Error(
      problems.length > 0 ? problems.join('\n') : `No widget "${id}" in the registry.`,
    );
  }
  if (entry.page.kind !== 'packaged') throw new Error(`"${id}" is a web app: share its URL.`);
  const folder = dirname(entry.page.path);
  const built = mkdtempSync(join(tmpdir(), `tfx-pack-${id}-`));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: resolve(folder),
      // Relative paths: the runner serves the files from wherever it keeps them.
      base: './',
      resolve: { alias: { '@tfx/sdk': SDK } },
      build: {
        outDir: built,
        emptyOutDir: true,
        rollupOptions: { input: resolve(entry.page.path) },
      },
    });
    const inBundle = (path: string) => `widgets/${id}/${path}`;
    const files: Zippable = {};
    for (const path of filesUnder(built))
      files[inBundle(relative(built, path))] = readFileSync(path);
    const icon = inBundle(relative(folder, entry.icon));
    files[icon] ??= readFileSync(entry.icon);
    // The entry as written in the registry, its paths made the bundle's own.
    const raw = registry.raw[index] as Record<string, unknown>;
    const manifest = { ...raw, url: inBundle('index.html'), icon };
    files[BUNDLE_MANIFEST_FILE] = new TextEncoder().encode(
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    const sorted: Zippable = {};
    for (const path of Object.keys(files).sort())
      sorted[path] = [files[path] as Uint8Array, { mtime: PACKED_AT }];
    const bytes = zipSync(sorted, { level: 9 });
    // What the extension will check on install, checked here first.
    const read = await readBundle(bytes);
    if (!read.ok) throw new Error(`The packed widget would be refused: ${read.reason}`);
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `${id}-${entry.version}.tfxwidget`);
    writeFileSync(file, bytes);
    return { file, bundle: read.value };
  } finally {
    rmSync(built, { recursive: true, force: true });
  }
}
