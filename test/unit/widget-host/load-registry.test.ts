import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadRegistry } from '../../../src/widget-host/load-registry.js';

const base = new URL('chrome-extension://ohkbnkbkglagkcjllodajoodcfgblphj/');
// What the extension's manifest lists under sandbox.pages in these tests.
const sandboxed = new Set(['widgets/chat/index.html', 'widgets/gone/index.html']);

const entry = (id: string) => ({
  id,
  title: id,
  icon: `widgets/${id}/icon.svg`,
  url: `widgets/${id}/index.html`,
  version: '1.0.0',
  description: '',
  author: 'Tests',
});

/** The packaged extension as fetch sees it: these files exist, nothing else does. */
function serve(files: Record<string, unknown>): void {
  vi.stubGlobal('fetch', (url: URL) => {
    const path = url.pathname.slice(1);
    if (!(path in files)) return Promise.resolve(new Response('', { status: 404 }));
    return Promise.resolve(new Response(JSON.stringify(files[path])));
  });
}

describe('loadRegistry (the widget registry at load time)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('skips a bad entry with a reason and still loads the others', async () => {
    serve({
      'widgetmanifest.json': [entry('chat'), entry('gone'), { ...entry('bad'), url: 'http://x' }],
      'widgets/chat/index.html': '',
      'widgets/chat/icon.svg': '',
      'widgets/gone/icon.svg': '',
      'widgets/bad/icon.svg': '',
    });
    const registry = await loadRegistry(base, { sandboxedPages: sandboxed });
    expect(registry.entries.map((widget) => widget.id)).toEqual(['chat']);
    expect(registry.errors).toEqual([
      'widgetmanifest.json: entry 2 ("gone"): url: widgets/gone/index.html does not exist',
      'widgetmanifest.json: entry 3 ("bad"): url: must be an https:// URL or a page packaged in widgets/',
    ]);
  });

  it('accepts sandboxed pages the build packaged outside widgets/ (the test fixtures)', async () => {
    serve({
      'widgetmanifest.json': [
        {
          ...entry('hostile'),
          url: 'test/fixtures/widgets/hostile/index.html',
          icon: 'test/fixtures/widgets/hostile/icon.svg',
        },
      ],
      'test/fixtures/widgets/hostile/index.html': '',
      'test/fixtures/widgets/hostile/icon.svg': '',
    });
    const sandboxedPages = new Set(['test/fixtures/widgets/hostile/index.html']);
    expect((await loadRegistry(base, { sandboxedPages })).errors).toEqual([]);
  });

  it('refuses to frame a page of the extension that its manifest does not sandbox', async () => {
    // An entry edited into the packaged registry, pointing at a page with extension powers.
    serve({
      'widgetmanifest.json': [
        { ...entry('chat'), url: 'src/options/chat/index.html' },
        { ...entry('draw'), url: 'widgets/draw/index.html' },
      ],
      'src/options/chat/index.html': '',
      'widgets/chat/icon.svg': '',
      'widgets/draw/index.html': '',
      'widgets/draw/icon.svg': '',
    });
    const registry = await loadRegistry(base, { sandboxedPages: sandboxed });
    expect(registry.entries).toEqual([]);
    expect(registry.errors).toEqual([
      'widgetmanifest.json: entry 1 ("chat"): url: src/options/chat/index.html is not a sandboxed page of this extension',
      'widgetmanifest.json: entry 2 ("draw"): url: widgets/draw/index.html is not a sandboxed page of this extension',
    ]);
  });

  it('reports an unreadable registry instead of failing the call page', async () => {
    serve({});
    const registry = await loadRegistry(base, { sandboxedPages: sandboxed });
    expect(registry.entries).toEqual([]);
    expect(registry.errors[0]).toMatch(/^widgetmanifest.json: could not be read/);
  });
});
