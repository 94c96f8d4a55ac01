import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { DEFAULT_CONFIG, loadConfig } from '../../../src/server/config.js';
import {
  createSignallingServer,
  type SignallingServer,
} from '../../../src/server/create-server.js';
import { createServerLogger } from '../../../src/server/logger.js';
import { CALL_PAGE_FILE } from '../../../src/server/web-client-files.js';

const SHOP = 'http://127.0.0.2:9000';
let root: string;
let server: SignallingServer;
let url: string;

/** A web client folder laid out as vite.web.config.ts builds one. */
function writeWebClient(folder: string): void {
  const files: Record<string, string> = {
    [CALL_PAGE_FILE]:
      '<!doctype html><title>call</title><script type="module" src="/assets/call-1.js"></script>',
    'assets/call-1.js': 'console.log("call")',
    'assets/face-detector.worker-0qnu_M1.js': 'postMessage("ready")',
    'assets/tiny_face_detector_model-C4Zm.bin': 'weights',
    'widgets/chat/index.html': '<!doctype html><title>chat</title>',
    'widgets/chat/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'widgetmanifest.json': '[]',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  // Beside the folder, where a path escaping it would land.
  writeFileSync(join(folder, '..', 'secret.json'), '{"secret":true}');
}

beforeAll(async () => {
  const parent = mkdtempSync(join(tmpdir(), 'tfx-web-'));
  root = join(parent, 'web');
  writeWebClient(root);
  server = createSignallingServer(
    { ...DEFAULT_CONFIG, port: 0, webRoot: root, embedOrigins: [SHOP] },
    createServerLogger('silent'),
  );
  url = `http://127.0.0.1:${(await server.listen()).port}`;
});

afterAll(async () => {
  await server.close();
  rmSync(dirname(root), { recursive: true, force: true });
});

const policy = (response: Response) => response.headers.get('content-security-policy') ?? '';

describe('the web client as the signalling server serves it', () => {
  it('serves the call page at /call with a CSP that runs no inline script', async () => {
    const response = await fetch(`${url}/call?room=team-42`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<title>call</title>');
    const csp = policy(response);
    // Scripts from this server only; WebAssembly may compile (background blur), JavaScript
    // is never evaluated from text.
    expect(csp).toMatch(/(^|; )script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(csp.replace("'wasm-unsafe-eval'", '')).not.toMatch(
      /unsafe-inline[^;]*;?.*script|script-src[^;]*unsafe/,
    );
    expect(csp).toContain(`frame-ancestors ${SHOP}`);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves widget pages sandboxed: the CSP starts with sandbox allow-scripts', async () => {
    const response = await fetch(`${url}/widgets/chat/index.html`);
    expect(response.status).toBe(200);
    const csp = policy(response);
    expect(csp.startsWith('sandbox allow-scripts')).toBe(true);
    expect(csp).not.toMatch(/allow-same-origin/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`frame-ancestors 'self' ${SHOP}`);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves assets with their type, nosniff, and lets hashed ones be cached', async () => {
    const script = await fetch(`${url}/assets/call-1.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    // Widget pages are opaque origins: their module scripts load in CORS mode.
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    const icon = await fetch(`${url}/widgets/chat/icon.svg`);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    // An SVG opened on its own runs nothing.
    expect(policy(icon)).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('lets the face detector worker fetch its model from this server, and nothing else', async () => {
    const worker = await fetch(`${url}/assets/face-detector.worker-0qnu_M1.js`);
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(policy(worker)).toBe("default-src 'none'; script-src 'self'; connect-src 'self'");
    const weights = await fetch(`${url}/assets/tiny_face_detector_model-C4Zm.bin`);
    expect(weights.status).toBe(200);
    expect(weights.headers.get('content-type')).toBe('application/octet-stream');
    // Any other script stays under the policy that runs nothing of its own.
    expect(policy(await fetch(`${url}/assets/call-1.js`))).not.toContain('connect-src');
  });

  it('serves the call page at /call only, and nothing outside its folder', async () => {
    expect((await fetch(`${url}/${CALL_PAGE_FILE}`)).status).toBe(404);
    for (const path of [
      '/..%2Fsecret.json',
      '/%2e%2e/secret.json',
      '/assets/..%2F..%2Fsecret.json',
    ])
      expect((await fetch(`${url}${path}`)).status, path).toBe(404);
    expect((await fetch(`${url}/widgets/chat/missing.js`)).status).toBe(404);
    expect((await fetch(`${url}/widgets/chat`)).status).toBe(404);
  });

  it('offers Join in this browser and Get the extension on the invite page', async () => {
    const response = await fetch(`${url}/r/team-42`);
    const html = await response.text();
    expect(html).toContain('href="/call?room=team-42">Join in this browser</a>');
    expect(html).toMatch(
      /href="https:\/\/chromewebstore\.google\.com\/detail\/[a-p]{32}"[^>]*>Get the extension/,
    );
    expect(policy(response)).toContain("frame-ancestors 'none'");
    expect(policy(response)).not.toContain('unsafe-inline;');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it("lets the web client's own pages open a socket, and not a page of another site", async () => {
    const connects = (origin: string) =>
      new Promise<boolean>((resolve) => {
        const socket = io(url, {
          transports: ['websocket'],
          reconnection: false,
          extraHeaders: { origin },
        });
        socket.on('connect', () => (socket.close(), resolve(true)));
        socket.on('connect_error', () => (socket.close(), resolve(false)));
      });
    expect(await connects(url)).toBe(true);
    expect(await connects('http://127.0.0.3:8080')).toBe(false);
    // A sandboxed widget frame's requests say "null".
    expect(await connects('null')).toBe(false);
  });
});

describe('a server without a built web client', () => {
  it('offers only the extension on its invite page, and serves no /call', async () => {
    const bare = createSignallingServer(
      { ...DEFAULT_CONFIG, port: 0, webRoot: join(tmpdir(), 'no-such-web-client') },
      createServerLogger('silent'),
    );
    const bareUrl = `http://127.0.0.1:${(await bare.listen()).port}`;
    try {
      const html = await (await fetch(`${bareUrl}/r/team-42`)).text();
      expect(html).not.toContain('Join in this browser');
      expect(html).toContain('Get the extension');
      expect((await fetch(`${bareUrl}/call?room=team-42`)).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

describe('the embed and web root settings', () => {
  it('reads --embed-origins and EMBED_ORIGINS, refusing a path or a wildcard', () => {
    expect(loadConfig(['--embed-origins', `${SHOP},https://a.example`], {}).embedOrigins).toEqual([
      SHOP,
      'https://a.example',
    ]);
    expect(loadConfig([], { EMBED_ORIGINS: SHOP }).embedOrigins).toEqual([SHOP]);
    expect(loadConfig([], {}).embedOrigins).toEqual([]);
    expect(() => loadConfig(['--embed-origins', 'https://*.example.com'], {})).toThrow(
      /embedOrigins/,
    );
    expect(() => loadConfig(['--embed-origins', 'https://a.example/page'], {})).toThrow(
      /embedOrigins/,
    );
    expect(loadConfig(['--web-root', '/srv/tfx-web'], {}).webRoot).toBe('/srv/tfx-web');
  });
});
