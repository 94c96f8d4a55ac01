/**
 * The runner: the one sandboxed page that hosts every packed widget (a .tfxwidget added by the
 * person or offered by a peer). The host posts it the widget's files, already read and checked
 * (src/widget-host/bundles/read-bundle.ts), then connects as it does to any widget frame. The
 * runner lays the widget's page into its own document and starts its script from a blob: URL,
 * under the same CSP, guard and sandbox as a built-in widget; the host never runs widget code.
 */
import { BUNDLE_MESSAGE, CONNECT_MESSAGE } from '../../protocol/widget.js';

const MIME_TYPES: Record<string, string> = {
  js: 'text/javascript',
  mjs: 'text/javascript',
  css: 'text/css',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  woff2: 'font/woff2',
  json: 'application/json',
  wasm: 'application/wasm',
};

let started = false;
let booted = false;
/** The host's connection, held until the widget's own code listens for it. */
let heldConnection: MessageEvent<unknown> | undefined;

/** The files as posted: `[path, bytes][]`, or undefined when the message is not that. */
function filesOf(raw: unknown): Map<string, Uint8Array> | undefined {
  if (!Array.isArray(raw)) return undefined;
  const files = new Map<string, Uint8Array>();
  for (const item of raw as unknown[]) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || !(item[1] instanceof Uint8Array))
      return undefined;
    files.set(item[0], item[1]);
  }
  return files;
}

/** A page-relative reference (`./assets/x.js`, `assets/x.js`) as a path in the bundle. */
function pathIn(folder: string, reference: string): string | undefined {
  if (/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(reference)) return undefined;
  const path = reference.replace(/^\.\//, '').split(/[?#]/)[0]!;
  return path.split('/').includes('..') ? undefined : `${folder}${path}`;
}

async function boot(files: Map<string, Uint8Array>): Promise<void> {
  const pagePath = [...files.keys()].find((path) =>
    /^widgets\/[a-z0-9-]+\/index\.html$/.test(path),
  );
  if (!pagePath) throw new Error('the bundle has no widgets/<id>/index.html');
  const folder = pagePath.slice(0, -'index.html'.length);
  const text = (path: string) => new TextDecoder().decode(files.get(path));
  const blobs = new Map<string, string>();
  const urlOf = (path: string): string => {
    const known = blobs.get(path);
    if (known) return known;
    const type = MIME_TYPES[path.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
    const url = URL.createObjectURL(
      new Blob([files.get(path) as Uint8Array<ArrayBuffer>], { type }),
    );
    blobs.set(path, url);
    return url;
  };

  // Parsed, not run: scripts in a parsed document never execute, and are started below.
  const page = new DOMParser().parseFromString(text(pagePath), 'text/html');
  document.title = page.title;
  document.documentElement.lang = page.documentElement.lang || 'en';
  const scripts = [...page.querySelectorAll('script')];
  for (const script of scripts) script.remove();
  // Style sheets become <style> elements: the CSP allows inline styles, not blob: sheets.
  for (const element of page.head.querySelectorAll('link[rel~="stylesheet"][href], style')) {
    const style = document.createElement('style');
    const path =
      element instanceof HTMLLinkElement
        ? pathIn(folder, element.getAttribute('href')!)
        : undefined;
    if (element instanceof HTMLLinkElement && !(path && files.has(path))) continue;
    style.textContent = path ? text(path) : (element.textContent ?? '');
    document.head.append(style);
  }
  // Images and other files the markup names are served from the bundle.
  for (const element of page.body.querySelectorAll('[src], [href]')) {
    for (const attribute of ['src', 'href']) {
      const path = pathIn(folder, element.getAttribute(attribute) ?? '');
      if (path && files.has(path)) element.setAttribute(attribute, urlOf(path));
    }
  }
  document.body.replaceWith(document.adoptNode(page.body));
  for (const script of scripts) {
    const path = pathIn(folder, script.getAttribute('src') ?? '');
    if (!path || !files.has(path)) continue;
    const element = document.createElement('script');
    element.type = script.type === 'module' ? 'module' : 'text/javascript';
    await new Promise<void>((resolve, reject) => {
      element.addEventListener('load', () => resolve());
      element.addEventListener('error', () => reject(new Error(`${path} did not load`)));
      element.src = urlOf(path);
      document.head.append(element);
    });
  }
  booted = true;
  // The widget's SDK listens now: hand it the host's connection, as if it had just come.
  if (heldConnection) {
    const { data, ports } = heldConnection;
    dispatchEvent(
      new MessageEvent<unknown>('message', { data, ports: [...ports], source: parent }),
    );
  }
}

addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.source !== parent || booted) return;
  const data = event.data as { type?: unknown; files?: unknown } | null;
  if (data?.type === CONNECT_MESSAGE) {
    heldConnection = event;
    return;
  }
  if (data?.type !== BUNDLE_MESSAGE || started) return;
  const files = filesOf(data.files);
  if (!files) return;
  started = true;
  // The host sees no SDK connect and says so in the reader's language, pointing here: this page
  // has no catalogue of its own to say it in.
  boot(files).catch((error: unknown) =>
    console.error('[tfx runner] the widget did not start', error),
  );
});
