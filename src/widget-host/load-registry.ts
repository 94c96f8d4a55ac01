import {
  validateWidgetManifest,
  type ManifestCheck,
  type ManifestValidation,
  type WidgetEntry,
} from '../protocol/widget-manifest.js';

const MANIFEST_FILE = 'widgetmanifest.json';

async function exists(url: URL): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/**
 * Reads the widget registry the build packaged, checking it again as it loads: a bad entry
 * (say, edited by hand after the build) is skipped and reported; the others still load.
 * `check` adds what the caller knows: the extension's sandboxed pages, or the pages folder.
 */
export async function loadRegistry(
  base: URL,
  check: Omit<ManifestCheck, 'fileExists'>,
): Promise<ManifestValidation> {
  let raw: unknown;
  try {
    const response = await fetch(new URL(MANIFEST_FILE, base));
    raw = await response.json();
  } catch (error) {
    return { entries: [], errors: [`${MANIFEST_FILE}: could not be read (${String(error)})`] };
  }
  const paths = new Set<string>();
  if (Array.isArray(raw)) {
    for (const item of raw as { url?: unknown; icon?: unknown }[]) {
      for (const path of [item?.url, item?.icon]) {
        if (typeof path === 'string' && !/^[a-z]+:/i.test(path)) paths.add(path);
      }
    }
  }
  const present = new Set<string>();
  await Promise.all(
    [...paths].map(async (path) => {
      if (await exists(new URL(path, base))) present.add(path);
    }),
  );
  return validateWidgetManifest(raw, MANIFEST_FILE, {
    ...check,
    fileExists: (path) => present.has(path),
  });
}

/** Where a widget's page is framed from. Web apps (https) are framed as they are. */
export function frameUrl(entry: WidgetEntry, base: URL): string {
  return entry.page.kind === 'web' ? entry.page.url : new URL(entry.page.path, base).toString();
}
