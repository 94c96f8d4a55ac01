/**
 * What the widget CSP would block at run time, caught before: inline scripts and handlers,
 * scripts from the network, and a page with no module script (nothing would run). With
 * `fileExists` (paths from the project root), a script or style sheet the page names that is
 * not there too: the build would otherwise stop on it with a stack trace.
 */
export function checkWidgetPage(
  html: string,
  path: string,
  fileExists?: (path: string) => boolean,
): string[] {
  const problems: string[] = [];
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  if (!scripts.some(([, attributes]) => /type\s*=\s*["']?module/i.test(attributes ?? ''))) {
    problems.push(`${path}: has no <script type="module" src="…">, so nothing would run`);
  }
  for (const [, attributes = '', body = ''] of scripts) {
    if (!/\bsrc\s*=/i.test(attributes) && body.trim() !== '') {
      problems.push(`${path}: has an inline <script>; the widget CSP only runs script files`);
    }
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1];
    if (src && /^(https?:)?\/\//i.test(src)) {
      problems.push(`${path}: loads ${src} from the network; package the script with the widget`);
    }
  }
  if (fileExists) {
    const folder = path.slice(0, path.lastIndexOf('/') + 1);
    const local = [
      ...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi),
      ...html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)/gi),
    ]
      .map(([, reference = '']) => reference)
      .filter((reference) => !/^([a-z]+:|\/\/|#)/i.test(reference));
    for (const reference of local) {
      const resolved = resolvePath(folder, reference);
      if (!fileExists(resolved)) problems.push(`${path}: names ${reference}, which is not there`);
    }
  }
  const handler = /<[^>]+\son[a-z]+\s*=/i.exec(html);
  if (handler) {
    problems.push(
      `${path}: has an inline event handler (${handler[0].slice(0, 40)}…); use addEventListener`,
    );
  }
  return problems;
}

/** `reference` as a path from the project root, read from a page in `folder` (ends in /). */
function resolvePath(folder: string, reference: string): string {
  const parts: string[] = [];
  const from = reference.startsWith('/') ? reference.slice(1) : folder + reference;
  for (const part of from.split(/[?#]/)[0]!.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
