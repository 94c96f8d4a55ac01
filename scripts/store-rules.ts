/**
 * The Chrome Web Store's published rules for a package, checked against the zip's files before
 * anyone uploads it (`npm run package -- --check`). Each problem is one sentence naming the file.
 */
import { storeVersionProblem } from './release-rules.js';

export type PackageFiles = ReadonlyMap<string, Uint8Array>;

interface Manifest {
  name?: string;
  description?: string;
  version?: string;
  key?: string;
  default_locale?: string;
  icons?: Record<string, string>;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  content_security_policy?: { extension_pages?: string };
}

export const NAME_LIMIT = 75;
export const DESCRIPTION_LIMIT = 132;
export const ICON_SIZES = [16, 32, 48, 128] as const;
/** What an extension page's script-src may hold: only the package's own code. */
const PACKAGE_ONLY_SOURCES = new Set(["'self'", "'wasm-unsafe-eval'", "'none'"]);

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function json<T>(files: PackageFiles, path: string): T | undefined {
  const bytes = files.get(path);
  if (!bytes) return undefined;
  try {
    return JSON.parse(text(bytes)) as T;
  } catch {
    return undefined;
  }
}

/** Every value a `__MSG_key__` field takes, one per shipped language. */
function valuesOf(field: string, files: PackageFiles): { locale: string; value: string }[] {
  const key = /^__MSG_(\w+)__$/.exec(field)?.[1];
  if (!key) return [{ locale: 'any', value: field }];
  const locales = [...files.keys()]
    .map((path) => /^_locales\/([^/]+)\/messages\.json$/.exec(path)?.[1])
    .filter((locale): locale is string => locale !== undefined);
  return locales.map((locale) => {
    const messages = json<Record<string, { message?: string }>>(
      files,
      `_locales/${locale}/messages.json`,
    );
    const entry = Object.entries(messages ?? {}).find(
      ([name]) => name.toLowerCase() === key.toLowerCase(),
    );
    return { locale, value: entry?.[1].message ?? '' };
  });
}

function lengthProblems(
  label: string,
  field: string | undefined,
  limit: number,
  files: PackageFiles,
): string[] {
  if (!field) return [`manifest.json has no ${label}`];
  return valuesOf(field, files).flatMap(({ locale, value }) => {
    if (value === '') return [`manifest.json: the ${label} is empty in ${locale}`];
    const length = [...value].length;
    return length > limit
      ? [`manifest.json: the ${label} is ${length} characters in ${locale}, over ${limit}`]
      : [];
  });
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): [number, number] | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

function iconProblems(manifest: Manifest, files: PackageFiles): string[] {
  return ICON_SIZES.flatMap((size) => {
    const path = manifest.icons?.[String(size)];
    if (!path) return [`manifest.json names no ${size}×${size} icon`];
    const bytes = files.get(path.replace(/^\//, ''));
    if (!bytes) return [`the ${size}×${size} icon ${path} is not in the package`];
    const found = pngSize(bytes);
    if (!found) return [`the ${size}×${size} icon ${path} is not a PNG`];
    return found[0] === size && found[1] === size
      ? []
      : [`the icon ${path} is ${found[0]}×${found[1]}, not ${size}×${size}`];
  });
}

/** A script an extension page would load from outside the package. */
function remoteScriptProblems(manifest: Manifest, files: PackageFiles): string[] {
  const problems: string[] = [];
  const scriptSrc = /script-src([^;]*)/.exec(
    manifest.content_security_policy?.extension_pages ?? '',
  );
  for (const source of scriptSrc?.[1]?.trim().split(/\s+/) ?? []) {
    if (source !== '' && !PACKAGE_ONLY_SOURCES.has(source)) {
      problems.push(`the extension pages' script-src allows ${source}, outside the package`);
    }
  }
  for (const [path, bytes] of files) {
    if (!path.endsWith('.html')) continue;
    for (const match of text(bytes).matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
      if (/^(https?:)?\/\//i.test(match[1]!)) {
        problems.push(`${path} loads a script from ${match[1]}`);
      }
    }
  }
  return problems;
}

/** Each permission must have its one-line reason in docs/store/permissions.md. */
function permissionProblems(manifest: Manifest, permissionsDoc: string): string[] {
  const asked = [
    ...(manifest.permissions ?? []),
    ...(manifest.optional_permissions ?? []),
    ...(manifest.host_permissions ?? []),
  ];
  return asked
    .filter((permission) => {
      const line = permissionsDoc
        .split('\n')
        .find((candidate) => candidate.startsWith(`- \`${permission}\``));
      return !line || !/`:\s*\S/.test(line);
    })
    .map((permission) => `docs/store/permissions.md gives no reason for "${permission}"`);
}

/**
 * Files nothing loads: named neither by the manifest nor by any other file of the package. The
 * locales are read by Chrome itself; source maps have their own problem.
 */
function unloadedFiles(files: PackageFiles): string[] {
  const readers = [...files].filter(([path]) => /\.(json|html|js|css)$/.test(path));
  return [...files.keys()]
    .filter((path) => path !== 'manifest.json' && !path.startsWith('_locales/'))
    .filter((path) => !path.endsWith('.map'))
    .filter((path) => {
      const name = path.split('/').pop()!;
      return !readers.some(([reader, bytes]) => reader !== path && text(bytes).includes(name));
    })
    .map((path) => `${path} is in the package but nothing loads it`);
}

export function storeProblems(files: PackageFiles, permissionsDoc: string): string[] {
  const manifest = json<Manifest>(files, 'manifest.json');
  if (!manifest) return ['the package has no readable manifest.json at its root'];
  const versionProblem = storeVersionProblem(manifest.version ?? '');
  return [
    ...(manifest.key !== undefined ? ['manifest.json has a "key", which the store refuses'] : []),
    ...(versionProblem ? [`manifest.json: ${versionProblem}`] : []),
    ...lengthProblems('name', manifest.name, NAME_LIMIT, files),
    ...lengthProblems('description', manifest.description, DESCRIPTION_LIMIT, files),
    ...iconProblems(manifest, files),
    ...remoteScriptProblems(manifest, files),
    ...[...files.keys()]
      .filter((path) => path.endsWith('.map'))
      .map((path) => `${path} is a source map`),
    ...unloadedFiles(files),
    ...permissionProblems(manifest, permissionsDoc),
  ];
}
