/**
 * The web client's files, as `vite.web.config.ts` built them: the call page, served at /call,
 * and everything it loads (hashed assets, widget pages, the widget registry). Only files
 * inside the folder are ever read: a path that resolves outside it is not found.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/** Where the web build puts the call page, relative to its folder. */
export const CALL_PAGE_FILE = 'src/call/call.html';

export type WebFileKind = 'call-page' | 'widget-page' | 'worker' | 'asset';

export interface WebFile {
  kind: WebFileKind;
  body: Buffer;
  contentType: string;
  /** Hashed file names never change content: a browser may keep them. */
  immutable: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  // The face detector's weights (session/face-effects) and the person segmentation's model
  // (session/background).
  '.bin': 'application/octet-stream',
  '.tflite': 'application/octet-stream',
  '.binarypb': 'application/octet-stream',
};

/** A dedicated worker's script, as Vite names it: `assets/<name>.worker-<hash>.js`. */
const WORKER_SCRIPT = /^assets\/[\w-]+\.worker-[\w-]+\.js$/;

export class WebClientFiles {
  private constructor(private readonly root: string) {}

  /** The files in `root`, or undefined when no web client was built there. */
  static open(root: string | undefined): WebClientFiles | undefined {
    if (root === undefined || !existsSync(resolve(root, CALL_PAGE_FILE))) return undefined;
    return new WebClientFiles(resolve(root));
  }

  /** The file a request path names, or undefined for anything that is not one of ours. */
  async read(pathname: string): Promise<WebFile | undefined> {
    if (pathname === '/call') return this.load(CALL_PAGE_FILE, 'call-page');
    // The call page is served at /call alone, under its own policy.
    if (pathname === `/${CALL_PAGE_FILE}`) return undefined;
    const extension = extname(pathname);
    if (!(extension in CONTENT_TYPES)) return undefined;
    const relative = pathname.slice(1);
    const kind =
      extension === '.html' ? 'widget-page' : WORKER_SCRIPT.test(relative) ? 'worker' : 'asset';
    return this.load(relative, kind);
  }

  private async load(relative: string, kind: WebFileKind): Promise<WebFile | undefined> {
    const path = resolve(this.root, relative);
    if (!path.startsWith(this.root + sep)) return undefined;
    try {
      return {
        kind,
        body: await readFile(path),
        contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        immutable: relative.startsWith('assets/'),
      };
    } catch {
      return undefined; // missing, or a folder
    }
  }
}
