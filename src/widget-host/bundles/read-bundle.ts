/**
 * Reads a packed widget, a `.tfxwidget` file: a zip holding `tfxwidget.json` (one entry of the
 * same schema as `widgetmanifest.json`) and the widget's built files under `widgets/<id>/`.
 * Everything in it is untrusted, whoever sent it: sizes are checked from the zip's directory
 * before anything is inflated, every path is checked, and the entry must match the files.
 * fflate does the unzipping (small, no dependencies, runs in the page and in Node alike).
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { validateWidgetManifest, type WidgetEntry } from '../../protocol/widget-manifest.js';
import { accepted, refused, type Parsed } from '../../protocol/parsed.js';
import { checkWidgetPage } from '../../protocol/widget-page-check.js';

export const BUNDLE_LIMITS = {
  /** The packed file, and separately all its files unpacked together. */
  maxBytes: 10 * 1024 * 1024,
  maxFiles: 500,
  maxPathLength: 200,
} as const;

export const BUNDLE_MANIFEST_FILE = 'tfxwidget.json';
export const BUNDLE_FILE_EXTENSION = '.tfxwidget';

export type BundleProblem =
  | 'BUNDLE_TOO_LARGE'
  | 'BUNDLE_TOO_MANY_FILES'
  | 'BUNDLE_BAD_PATH'
  | 'BUNDLE_CORRUPT'
  | 'BUNDLE_BAD_MANIFEST'
  | 'BUNDLE_MISMATCH'
  | 'BUNDLE_HASH_MISMATCH';

export interface WidgetBundle {
  entry: WidgetEntry;
  /** Path in the bundle (`widgets/<id>/index.html`, …) → bytes. */
  files: ReadonlyMap<string, Uint8Array>;
  /** SHA-256 of the packed file, lowercase hex: what a peer announces and a receiver checks. */
  sha256: string;
  /** The packed file's size in bytes. */
  size: number;
}

/** Refused bundles say why as `<BundleProblem>: <what is wrong>`, naming the file or field. */
const refuse = (code: BundleProblem, reason: string): Parsed<never> =>
  refused(`${code}: ${reason}`);

// Plain names only: no absolute paths, no `..` or `.`, no backslashes or drive letters, nothing
// a file system or a URL would read as anything but a name.
const SEGMENT = /^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]*$/;

/** Why `path` may not be in a bundle, or undefined when it may. */
export function pathProblem(path: string): string | undefined {
  if (path.length > BUNDLE_LIMITS.maxPathLength) return 'is too long';
  if (path.startsWith('/')) return 'is absolute';
  const segments = path.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) return 'leaves its folder';
  if (!segments.every((segment) => SEGMENT.test(segment)))
    return 'has characters other than A–Z, a–z, 0–9 and . _ @ + -';
  return undefined;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The zip's directory, read without inflating anything. */
function directoryOf(bytes: Uint8Array): UnzipFileInfo[] {
  const listed: UnzipFileInfo[] = [];
  unzipSync(bytes, {
    filter: (info) => {
      listed.push(info);
      return false;
    },
  });
  return listed;
}

/** Checks the zip's directory: what inflating it would cost, and every name in it. */
function checkDirectory(listed: UnzipFileInfo[]): Parsed<never> | undefined {
  const files = listed.filter((info) => !info.name.endsWith('/'));
  if (files.length > BUNDLE_LIMITS.maxFiles)
    return refuse(
      'BUNDLE_TOO_MANY_FILES',
      `has ${files.length} files; a widget may have at most ${BUNDLE_LIMITS.maxFiles}`,
    );
  // The sizes the directory declares bound what inflating may write (fflate inflates each file
  // into a buffer of its declared size), so a zip bomb is refused here, before any work.
  const unpacked = files.reduce((sum, info) => sum + info.originalSize, 0);
  if (unpacked > BUNDLE_LIMITS.maxBytes)
    return refuse(
      'BUNDLE_TOO_LARGE',
      `unpacks to ${unpacked} bytes; a widget may unpack to at most ${BUNDLE_LIMITS.maxBytes}`,
    );
  for (const info of listed) {
    const name = info.name.endsWith('/') ? info.name.slice(0, -1) : info.name;
    const problem = pathProblem(name);
    if (problem) return refuse('BUNDLE_BAD_PATH', `the path "${info.name}" ${problem}`);
    if (info.compression !== 0 && info.compression !== 8)
      return refuse('BUNDLE_CORRUPT', `"${info.name}" uses a compression this reader refuses`);
  }
  return undefined;
}

function inflate(bytes: Uint8Array, listed: UnzipFileInfo[]): Map<string, Uint8Array> | string {
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(bytes, { filter: (info) => !info.name.endsWith('/') });
  } catch (error) {
    return `it cannot be unpacked (${(error as Error).message})`;
  }
  const files = new Map<string, Uint8Array>();
  for (const info of listed) {
    if (info.name.endsWith('/')) continue;
    const data = unpacked[info.name];
    if (!data || data.length !== info.originalSize)
      return `"${info.name}" does not unpack to the size its directory declares`;
    files.set(info.name, data);
  }
  return files;
}

function entryOf(files: Map<string, Uint8Array>): WidgetEntry | Parsed<never> {
  const manifest = files.get(BUNDLE_MANIFEST_FILE);
  if (!manifest) return refuse('BUNDLE_BAD_MANIFEST', `has no ${BUNDLE_MANIFEST_FILE}`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifest));
  } catch (error) {
    return refuse('BUNDLE_BAD_MANIFEST', `${BUNDLE_MANIFEST_FILE}: ${(error as Error).message}`);
  }
  const checked = validateWidgetManifest([raw], BUNDLE_MANIFEST_FILE, {
    pagesDir: 'widgets',
    fileExists: (path) => files.has(path),
  });
  const [entry] = checked.entries;
  if (!entry) {
    // The schema's own words, which name the field; a missing file is a mismatch, not a schema
    // error.
    const problem = checked.errors.join('; ').replace(/^tfxwidget\.json: entry 1 /, '');
    const code = /does not exist/.test(problem) ? 'BUNDLE_MISMATCH' : 'BUNDLE_BAD_MANIFEST';
    return refuse(code, `${BUNDLE_MANIFEST_FILE}: ${problem}`);
  }
  if (entry.page.kind !== 'packaged')
    return refuse(
      'BUNDLE_BAD_MANIFEST',
      `${BUNDLE_MANIFEST_FILE}: url: a packed widget's page is widgets/${entry.id}/index.html; a web app is added by its URL`,
    );
  return entry;
}

/**
 * Reads a packed widget, refusing it with a code and a reason that names what is wrong. With
 * `expectedSha256` (the hash a peer announced), anything else is refused before it is opened.
 */
export async function readBundle(
  bytes: Uint8Array,
  expectedSha256?: string,
): Promise<Parsed<WidgetBundle>> {
  if (bytes.length > BUNDLE_LIMITS.maxBytes)
    return refuse(
      'BUNDLE_TOO_LARGE',
      `is ${bytes.length} bytes; a widget may be at most ${BUNDLE_LIMITS.maxBytes}`,
    );
  const sha256 = await sha256Hex(bytes);
  if (expectedSha256 !== undefined && sha256 !== expectedSha256.toLowerCase())
    return refuse(
      'BUNDLE_HASH_MISMATCH',
      `its SHA-256 is ${sha256.slice(0, 12)}…, not the ${expectedSha256.slice(0, 12)}… announced`,
    );
  let listed: UnzipFileInfo[];
  try {
    listed = directoryOf(bytes);
  } catch (error) {
    return refuse('BUNDLE_CORRUPT', `it is not a zip file (${(error as Error).message})`);
  }
  const directoryProblem = checkDirectory(listed);
  if (directoryProblem) return directoryProblem;
  const files = inflate(bytes, listed);
  if (typeof files === 'string') return refuse('BUNDLE_CORRUPT', files);
  const entry = entryOf(files);
  if ('ok' in entry) return entry;
  const folder = `widgets/${entry.id}/`;
  const stray = [...files.keys()].find(
    (path) => path !== BUNDLE_MANIFEST_FILE && !path.startsWith(folder),
  );
  if (stray)
    return refuse('BUNDLE_MISMATCH', `"${stray}" is outside the widget's folder ${folder}`);
  if (!entry.icon.startsWith(folder))
    return refuse('BUNDLE_MISMATCH', `icon: ${entry.icon} is outside the widget's folder`);
  const pagePath = `${folder}index.html`;
  const pageProblems = checkWidgetPage(new TextDecoder().decode(files.get(pagePath)), pagePath);
  if (pageProblems.length > 0) return refuse('BUNDLE_MISMATCH', pageProblems.join('; '));
  return accepted({ entry, files, sha256, size: bytes.length });
}
