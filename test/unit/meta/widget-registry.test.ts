import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { widgetManifestJsonSchema } from '../../../src/protocol/widget-manifest.js';
import {
  SHIPPED_WIDGETS,
  TEST_WIDGETS,
  TEST_WIDGET_ID_PREFIX,
  WIDGET_SANDBOX_CSP,
  checkWidgetPage,
  foldersWithoutEntry,
  readRegistry,
  sandboxManifestFields,
} from '../../../scripts/widget-registry.js';

const goodPage = '<!doctype html><script type="module" src="./main.ts"></script>';

function repoWith(entries: unknown[], pages: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tfx-registry-'));
  writeFileSync(join(root, 'widgetmanifest.json'), JSON.stringify(entries));
  for (const [path, html] of Object.entries(pages)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), html);
    // The script goodPage names.
    writeFileSync(join(root, path, '..', 'main.ts'), '');
  }
  return root;
}

const entry = (id: string) => ({
  id,
  title: id,
  icon: `widgets/${id}/index.html`,
  url: `widgets/${id}/index.html`,
  version: '1.0.0',
  description: '',
  author: 'Tests',
});

describe('the widget registry at build time', () => {
  it('accepts the shipped registry and the test fixtures, and sandboxes every packaged page', () => {
    const registry = readRegistry([SHIPPED_WIDGETS, TEST_WIDGETS]);
    expect(registry.errors).toEqual([]);
    const { pages, csp } = sandboxManifestFields(registry.entries);
    expect(pages).toContain('widgets/chat/index.html');
    expect(pages).toContain('test/fixtures/widgets/tfx-test-hostile/index.html');
    // The runner that hosts packed widgets is as sandboxed as any widget page.
    expect(pages).toContain('src/widget-host/runner/runner.html');
    expect(csp).toBe(WIDGET_SANDBOX_CSP);
    expect(csp).toMatch(
      /^sandbox allow-scripts allow-forms allow-downloads; default-src 'none'; script-src 'self' blob:;/,
    );
  });

  it('fails with the file, the entry and the field for each bad entry, keeping the good ones', () => {
    const root = repoWith(
      [
        entry('good'),
        entry('good'),
        { ...entry('web'), url: 'http://example.com' },
        entry('nopage'),
      ],
      { 'widgets/good/index.html': goodPage },
    );
    const registry = readRegistry([SHIPPED_WIDGETS], root);
    expect(registry.entries.map((widget) => widget.id)).toEqual(['good']);
    expect(registry.errors).toEqual([
      'widgetmanifest.json: entry 2 ("good"): id: "good" is used by an earlier entry',
      'widgetmanifest.json: entry 3 ("web"): url: must be an https:// URL or a page packaged in widgets/',
      'widgetmanifest.json: entry 3 ("web"): icon: widgets/web/index.html does not exist',
      'widgetmanifest.json: entry 4 ("nopage"): url: widgets/nopage/index.html does not exist',
      'widgetmanifest.json: entry 4 ("nopage"): icon: widgets/nopage/index.html does not exist',
    ]);
  });

  it('takes a web app entry with no folder, as docs/widgets.md shows it, and names a stray folder', () => {
    const root = repoWith(
      [
        entry('dice'),
        {
          id: 'retro-board',
          type: 'webapp',
          title: 'Retro board',
          icon: 'https://retro.example.com/icon.svg',
          url: 'https://retro.example.com/app/index.html',
          version: '1.0.0',
          description: "Our team's retrospective board.",
          author: 'Example Team',
        },
      ],
      { 'widgets/dice/index.html': goodPage, 'widgets/lost/index.html': goodPage },
    );
    expect(readRegistry([SHIPPED_WIDGETS], root).errors).toEqual([]);
    expect(foldersWithoutEntry(SHIPPED_WIDGETS, root)).toEqual([
      'widgets/lost/ has no entry in widgetmanifest.json',
    ]);
  });

  it('keeps the test fixtures out of the ids an author may take', () => {
    const packable = {
      manifestFile: 'test/fixtures/packable/widgetmanifest.json',
      pagesDir: 'test/fixtures/packable',
    };
    const fixtures = readRegistry([TEST_WIDGETS, packable]);
    expect(fixtures.errors).toEqual([]);
    for (const { id } of fixtures.entries) expect(id).toMatch(/^tfx-test-/);
    // An author's registry refuses such an id, so no widget of theirs can collide with one.
    const root = repoWith([entry('tfx-test-dice')], {
      'widgets/tfx-test-dice/index.html': goodPage,
    });
    expect(readRegistry([SHIPPED_WIDGETS], root).errors).toEqual([
      `widgetmanifest.json: id "tfx-test-dice": ids starting "${TEST_WIDGET_ID_PREFIX}" are kept for TFX Sessions' own tests`,
    ]);
  });

  it('fails a page the widget CSP would break', () => {
    const root = repoWith([entry('inline')], {
      'widgets/inline/index.html': '<script>alert(1)</script><button onclick="x()">',
    });
    expect(readRegistry([SHIPPED_WIDGETS], root).errors).toEqual([
      'widgetmanifest.json: widgets/inline/index.html: has no <script type="module" src="…">, so nothing would run',
      'widgetmanifest.json: widgets/inline/index.html: has an inline <script>; the widget CSP only runs script files',
      'widgetmanifest.json: widgets/inline/index.html: has an inline event handler (<button onclick=…); use addEventListener',
    ]);
  });

  it('flags scripts loaded from the network', () => {
    expect(
      checkWidgetPage(
        `${goodPage}<script type="module" src="https://cdn.example.com/x.js"></script>`,
        'p.html',
      ),
    ).toEqual([
      'p.html: loads https://cdn.example.com/x.js from the network; package the script with the widget',
    ]);
  });

  it('keeps widgetmanifest.schema.json in step with the schema (npm run widget:schema)', () => {
    const committed = JSON.parse(readFileSync('widgetmanifest.schema.json', 'utf8')) as unknown;
    expect(committed).toEqual(widgetManifestJsonSchema());
  });
});
