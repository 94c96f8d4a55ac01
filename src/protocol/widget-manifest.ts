/**
 * The widget registry wire: `widgetmanifest.json`, read at build time and at load time.
 * Keeps the original TFX fields (`id`, `type` — also read as `plugintype` — `title`, `icon`,
 * `url`) and adds `version`, `description`, `author` and `permissions`.
 */
import { z } from 'zod';
import { describeIssue } from './parsed.js';

/**
 * Permissions the host knows; messaging needs none. Naming any other is an error.
 * - `stats`: the call's statistics (never IP addresses).
 * - `downloads`: the frame may save files the person asks for (the sandbox's allow-downloads).
 * - `translate`: the host translates text for it with the browser's on-device models.
 */
export const WIDGET_PERMISSIONS = ['stats', 'downloads', 'translate'] as const;
export type WidgetPermission = (typeof WIDGET_PERMISSIONS)[number];

const WIDGET_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

const entrySchema = z
  .strictObject({
    id: z
      .string()
      .regex(WIDGET_ID, 'must be 1–40 of a–z, 0–9 and "-", starting with a letter or digit'),
    type: z.enum(['widget', 'webapp']).optional(),
    plugintype: z.enum(['widget', 'webapp']).optional(),
    title: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
    icon: z.string().min(1, 'must name an image'),
    url: z.string().min(1, 'must not be empty'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must look like 1.0.0'),
    description: z.string().max(300, 'must be at most 300 characters'),
    author: z.string().min(1, 'must not be empty').max(100),
    permissions: z
      .array(z.string())
      .max(8)
      .optional()
      .transform((names, context) => {
        for (const name of names ?? []) {
          if (!(WIDGET_PERMISSIONS as readonly string[]).includes(name)) {
            context.addIssue({
              code: 'custom',
              message: `"${name}" is not a permission the host knows (${WIDGET_PERMISSIONS.join(', ')})`,
            });
          }
        }
        return (names ?? []) as WidgetPermission[];
      }),
  })
  .transform(({ plugintype, type, ...rest }) => ({
    ...rest,
    type: type ?? plugintype ?? 'widget',
  }));

export type WidgetEntry = z.output<typeof entrySchema> & { page: WidgetPage };

/** Where a widget's page lives: packaged in the extension, or a web app framed as a page. */
export type WidgetPage = { kind: 'packaged'; path: string } | { kind: 'web'; url: string };

export interface ManifestCheck {
  /** Whether a file exists in the repository (build time) or the extension (load time). */
  fileExists(path: string): boolean;
  /**
   * The folder packaged widget pages must live in (`widgets` for the registry in the repo). Left
   * out at load time, where the build has already put each page where it belongs.
   */
  pagesDir?: string;
  /**
   * At load time in the extension: the pages its manifest sandboxes. A packaged page outside
   * them would run with the extension's own powers, so it is refused, whatever folder it is in.
   */
  sandboxedPages?: ReadonlySet<string>;
}

export type ManifestValidation = { entries: WidgetEntry[]; errors: string[] };

function pageOf(id: string, url: string, pagesDir: string | undefined): WidgetPage | string {
  if (url.startsWith('https://')) {
    try {
      new URL(url);
      return { kind: 'web', url };
    } catch {
      return 'is not a valid https:// URL';
    }
  }
  if (/^[a-z]+:/i.test(url)) return 'must be an https:// URL or a page packaged in widgets/';
  const expected = `${pagesDir ?? '<folder>'}/${id}/index.html`;
  const matches =
    pagesDir === undefined
      ? new RegExp(`^(?:[a-z0-9_-]+/)+${id}/index\\.html$`).test(url)
      : url === expected;
  return matches ? { kind: 'packaged', path: url } : `must be ${expected} (or an https:// web app)`;
}

/**
 * Checks every entry and reports every problem as `<file>: entry <n> ("<id>"): <field>: <why>`.
 * Good entries are returned even when others are bad, so a running host can skip only those.
 */
export function validateWidgetManifest(
  raw: unknown,
  file: string,
  check: ManifestCheck,
): ManifestValidation {
  if (!Array.isArray(raw))
    return { entries: [], errors: [`${file}: must be a JSON array of widget entries`] };
  const entries: WidgetEntry[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const [index, item] of raw.entries()) {
    const label = (id: unknown) =>
      `${file}: entry ${index + 1}${typeof id === 'string' ? ` ("${id}")` : ''}`;
    const id: unknown = (item as { id?: unknown } | null)?.id;
    const parsed = entrySchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push(`${label(id)}: ${describeIssue(issue, 'entry')}`);
      }
      continue;
    }
    const entry = parsed.data;
    const problems: string[] = [];
    if (seen.has(entry.id)) problems.push(`id: "${entry.id}" is used by an earlier entry`);
    const page = pageOf(entry.id, entry.url, check.pagesDir);
    if (typeof page === 'string') problems.push(`url: ${page}`);
    else if (page.kind === 'packaged' && !check.fileExists(page.path))
      problems.push(`url: ${page.path} does not exist`);
    else if (page.kind === 'packaged' && check.sandboxedPages?.has(page.path) === false)
      problems.push(`url: ${page.path} is not a sandboxed page of this extension`);
    if (!/^https:\/\//.test(entry.icon) && !check.fileExists(entry.icon))
      problems.push(`icon: ${entry.icon} does not exist`);
    if (entry.type === 'webapp' && typeof page !== 'string' && page.kind !== 'web') {
      problems.push('type: a webapp entry needs an https:// url');
    }
    seen.add(entry.id);
    if (problems.length > 0 || typeof page === 'string') {
      errors.push(...problems.map((problem) => `${label(entry.id)}: ${problem}`));
      continue;
    }
    entries.push({ ...entry, page });
  }
  return { entries, errors };
}

/**
 * The registry as a JSON Schema, for editors to check `widgetmanifest.json` while typing
 * (written to `widgetmanifest.schema.json` by `npm run widget:schema`). The checks that need
 * the file system (pages and icons exist, ids unique) stay in `validateWidgetManifest`.
 */
export function widgetManifestJsonSchema(): Record<string, unknown> {
  const entry = z.toJSONSchema(entrySchema, { io: 'input' }) as {
    properties: Record<string, Record<string, unknown>>;
  };
  const { $schema, ...entryWithoutDialect } = entry as typeof entry & { $schema?: string };
  entry.properties.permissions = {
    type: 'array',
    maxItems: 8,
    items: { enum: [...WIDGET_PERMISSIONS] },
    description: 'Host features the widget needs; messaging needs none.',
  };
  entry.properties.url = {
    type: 'string',
    pattern: '^(https://.+|widgets/[a-z0-9][a-z0-9-]{0,39}/index\\.html)$',
    description: 'widgets/<id>/index.html (packaged in the extension) or an https:// web app.',
  };
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    title: 'TFX Sessions widget registry (widgetmanifest.json)',
    type: 'array',
    items: entryWithoutDialect,
  };
}
