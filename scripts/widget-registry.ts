/**
 * Build-time side of the widget registry: reads each `widgetmanifest.json`, validates it
 * (failing the build with every problem named), and tells the extension build which pages to
 * sandbox and which files to package. Used by vite.config.ts and the author tools.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { validateWidgetManifest, type WidgetEntry } from '../src/protocol/widget-manifest.js';
import { WIDGET_SANDBOX_CSP } from '../src/protocol/widget-sandbox-csp.js';
import { checkWidgetPage } from '../src/protocol/widget-page-check.js';
import { RUNNER_PAGE } from '../src/widget-host/runner/runner-page.js';

/** A registry file and the folder its widget pages live in. */
export interface WidgetSource {
  manifestFile: string;
  pagesDir: string;
  /** Authors' registries leave the test fixtures' ids to them (see TEST_WIDGET_ID_PREFIX). */
  refusesTestIds?: boolean;
}

/**
 * Every test fixture's id starts with this, and no author's may: a widget an author names
 * "probe" or "tally" can never collide with a fixture and fail npm test.
 */
export const TEST_WIDGET_ID_PREFIX = 'tfx-test-';

export const SHIPPED_WIDGETS: WidgetSource = {
  manifestFile: 'widgetmanifest.json',
  pagesDir: 'widgets',
  refusesTestIds: true,
};

/** Test-only widgets (the hostile fixture, the bench probe), built into the e2e extension only. */
export const TEST_WIDGETS: WidgetSource = {
  manifestFile: 'test/fixtures/widgetmanifest.json',
  pagesDir: 'test/fixtures/widgets',
};

// The CSP lives beside the protocol: the signalling server sends the same one with the web
// client's widget pages.
export { WIDGET_SANDBOX_CSP };

export interface Registry {
  entries: WidgetEntry[];
  /** The entries as written, merged: what the extension reads again at load time. */
  raw: unknown[];
  errors: string[];
}

export function readRegistry(sources: WidgetSource[], root = process.cwd()): Registry {
  const registry: Registry = { entries: [], raw: [], errors: [] };
  const ids = new Set<string>();
  for (const source of sources) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(root, source.manifestFile), 'utf8'));
    } catch (error) {
      registry.errors.push(`${source.manifestFile}: ${(error as Error).message}`);
      continue;
    }
    const result = validateWidgetManifest(raw, source.manifestFile, {
      fileExists: (path) => existsSync(join(root, path)),
      pagesDir: source.pagesDir,
    });
    registry.errors.push(...result.errors);
    for (const entry of result.entries) {
      if (source.refusesTestIds && entry.id.startsWith(TEST_WIDGET_ID_PREFIX)) {
        registry.errors.push(
          `${source.manifestFile}: id "${entry.id}": ids starting "${TEST_WIDGET_ID_PREFIX}" are kept for TFX Sessions' own tests`,
        );
        continue;
      }
      if (ids.has(entry.id)) {
        registry.errors.push(
          `${source.manifestFile}: id "${entry.id}" is also used by another registry`,
        );
        continue;
      }
      ids.add(entry.id);
      if (entry.page.kind === 'packaged') {
        const problems = checkWidgetPage(
          readFileSync(join(root, entry.page.path), 'utf8'),
          entry.page.path,
          (path) => existsSync(join(root, path)),
        );
        if (problems.length > 0) {
          registry.errors.push(...problems.map((problem) => `${source.manifestFile}: ${problem}`));
          continue;
        }
      }
      registry.entries.push(entry);
      registry.raw.push(
        (raw as unknown[]).find((item) => (item as { id?: unknown }).id === entry.id),
      );
    }
  }
  return registry;
}

/**
 * Folders under a registry's pages folder that no entry owns (a widget whose entry was lost or
 * misspelt). Every packaged entry's own files are checked by readRegistry; a web app has no
 * folder at all, and needs none.
 */
export function foldersWithoutEntry(source: WidgetSource, root = process.cwd()): string[] {
  const owned = new Set(
    readRegistry([source], root).entries.flatMap((entry) =>
      entry.page.kind === 'packaged' ? [entry.id] : [],
    ),
  );
  return readdirSync(join(root, source.pagesDir), { withFileTypes: true })
    .filter((item) => item.isDirectory() && !owned.has(item.name))
    .map((item) => `${source.pagesDir}/${item.name}/ has no entry in ${source.manifestFile}`);
}

// The page that hosts every packed widget (.tfxwidget): sandboxed like a built-in one.
export { RUNNER_PAGE };

/** The registry for a build, which fails with every problem named if any entry is bad. */
export function readRegistryOrFail(sources: WidgetSource[]): Registry {
  const registry = readRegistry(sources);
  if (registry.errors.length > 0) {
    throw new Error(`The widget registry has problems:\n  ${registry.errors.join('\n  ')}`);
  }
  return registry;
}

/**
 * Every packaged page goes under `sandbox.pages`, generated here, never kept by hand: the
 * registry's widget pages and the runner for packed widgets.
 */
export function sandboxManifestFields(entries: WidgetEntry[]): {
  pages: string[];
  csp: string;
} {
  return {
    pages: [
      ...entries.flatMap((entry) => (entry.page.kind === 'packaged' ? [entry.page.path] : [])),
      RUNNER_PAGE,
    ],
    csp: WIDGET_SANDBOX_CSP,
  };
}

/** Packages the registry and the widgets' icons next to the built pages. */
export function widgetRegistryPlugin(registry: Registry): Plugin {
  return {
    name: 'tfx-widget-registry',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'widgetmanifest.json',
        source: `${JSON.stringify(registry.raw, null, 2)}\n`,
      });
      for (const entry of registry.entries) {
        if (/^https:\/\//.test(entry.icon)) continue;
        this.emitFile({ type: 'asset', fileName: entry.icon, source: readFileSync(entry.icon) });
      }
    },
  };
}

// The page check is shared with packed widgets' reader (src/widget-host/bundles).
export { checkWidgetPage };
