/**
 * What the widget CSP would block at run time, caught before: inline scripts and handlers,
 * scripts from the network, and a page with no module script (nothing would run).
 */
export function checkWidgetPage(html: string, path: string): string[] {
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
  const handler = /<[^>]+\son[a-z]+\s*=/i.exec(html);
  if (handler) {
    problems.push(
      `${path}: has an inline event handler (${handler[0].slice(0, 40)}…); use addEventListener`,
    );
  }
  return problems;
}
