/**
 * `npm run widget:dev <id>`'s work: packs one widget as `widget:pack` does, packs it again each
 * time a file in its folder (or its registry entry) is saved, and serves the latest pack to call
 * pages on this computer, telling them by server-sent events when there is a new one (see
 * src/protocol/widget-dev.ts). It listens on loopback only and answers only requests addressed
 * to loopback, so no other computer, and no website by DNS rebinding, can read it.
 */
import { watch, type FSWatcher } from 'node:fs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  WIDGET_DEV_BUNDLE_PATH,
  WIDGET_DEV_EVENTS,
  WIDGET_DEV_EVENTS_PATH,
  type WidgetPacked,
} from '../src/protocol/widget-dev.js';
import { packWidget } from './pack-widget.js';
import { readRegistry, type WidgetSource } from './widget-registry.js';

export interface WidgetDevServerOptions {
  id: string;
  sources: WidgetSource[];
  /** 0 picks a free port. */
  port: number;
  /** Told each pack and each failure, for the terminal. */
  report: (line: string) => void;
}

export interface WidgetDevServer {
  /** Where call pages connect: http://127.0.0.1:<port>. */
  readonly address: string;
  /** Resolves after the next pack (or failure) that follows a save; for tests. */
  nextPack(): Promise<void>;
  close(): Promise<void>;
}

type Latest =
  { kind: 'packed'; bytes: Uint8Array; event: WidgetPacked } | { kind: 'failed'; reason: string };

// An editor writes a file in several steps (truncate, write, rename): one pack for all of them.
const SETTLE_MS = 120;
// Comments on the event stream, so that nothing between the two ends closes it as idle.
const KEEP_ALIVE_MS = 15_000;
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

function eventText(latest: Latest): string {
  return latest.kind === 'packed'
    ? `event: ${WIDGET_DEV_EVENTS.packed}\ndata: ${JSON.stringify(latest.event)}\n\n`
    : `event: ${WIDGET_DEV_EVENTS.failed}\ndata: ${JSON.stringify({ reason: latest.reason })}\n\n`;
}

/** Only extension pages may read the widget: a website's script in this browser may not. */
function allowExtensionOrigin(request: IncomingMessage, response: ServerResponse): void {
  const origin = request.headers.origin;
  response.setHeader('Vary', 'Origin');
  if (origin?.startsWith('chrome-extension://'))
    response.setHeader('Access-Control-Allow-Origin', origin);
}

export async function startWidgetDevServer(
  options: WidgetDevServerOptions,
): Promise<WidgetDevServer> {
  const { id, sources, report } = options;
  const entry = readRegistry(sources).entries.find((each) => each.id === id);
  if (!entry) throw new Error(`No widget "${id}" in the registry (npm run widget:check).`);
  if (entry.page.kind !== 'packaged') throw new Error(`"${id}" is a web app: open its URL.`);
  const outDir = mkdtempSync(join(tmpdir(), `tfx-dev-${id}-`));
  const listeners = new Set<ServerResponse>();
  let waiters: (() => void)[] = [];
  let latest: Latest = { kind: 'failed', reason: 'not packed yet' };

  const publish = (next: Latest) => {
    latest = next;
    for (const response of listeners) response.write(eventText(next));
    for (const resolve of waiters) resolve();
    waiters = [];
  };

  let packing: Promise<void> | undefined;
  let again = false;
  const pack = async (): Promise<void> => {
    try {
      const { file, bundle } = await packWidget(id, sources, outDir);
      const { version } = bundle.entry;
      publish({
        kind: 'packed',
        bytes: readFileSync(file),
        event: { id, version, sha256: bundle.sha256, size: bundle.size },
      });
      report(
        `✓ packed ${id} ${version}, ${(bundle.size / 1024).toFixed(1)} KiB, SHA-256 ${bundle.sha256.slice(0, 12)}`,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      publish({ kind: 'failed', reason });
      report(`✗ ${reason}`);
    }
  };
  // One pack at a time; saves during a pack make one more after it.
  const packSoon = () => {
    if (packing) {
      again = true;
      return;
    }
    packing = pack().finally(() => {
      packing = undefined;
      if (again) {
        again = false;
        packSoon();
      }
    });
  };
  await pack();

  let settle: ReturnType<typeof setTimeout> | undefined;
  const saved = () => {
    clearTimeout(settle);
    settle = setTimeout(packSoon, SETTLE_MS);
  };
  const watchers: FSWatcher[] = [
    watch(dirname(entry.page.path), { recursive: true }, saved),
    ...sources.map((source) => watch(source.manifestFile, saved)),
  ];

  const server = createServer((request, response) => {
    if (!LOOPBACK_HOST.test(request.headers.host ?? '')) {
      response.writeHead(421).end('This server answers only to 127.0.0.1, localhost or [::1].');
      return;
    }
    allowExtensionOrigin(request, response);
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method !== 'GET') {
      response.writeHead(405).end();
    } else if (path === WIDGET_DEV_EVENTS_PATH) {
      response.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
      });
      response.write(eventText(latest));
      listeners.add(response);
      const alive = setInterval(() => response.write(': still here\n\n'), KEEP_ALIVE_MS);
      request.on('close', () => {
        clearInterval(alive);
        listeners.delete(response);
      });
    } else if (path === WIDGET_DEV_BUNDLE_PATH) {
      if (latest.kind === 'failed') {
        response.writeHead(503, { 'Content-Type': 'text/plain' }).end(latest.reason);
        return;
      }
      response.writeHead(200, {
        'Content-Type': 'application/zip',
        'Cache-Control': 'no-store',
        ETag: `"${latest.event.sha256}"`,
      });
      response.end(latest.bytes);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    address: `http://127.0.0.1:${port}`,
    nextPack: () => new Promise((resolve) => waiters.push(resolve)),
    async close() {
      clearTimeout(settle);
      for (const watcher of watchers) watcher.close();
      for (const response of listeners) response.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await packing;
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
