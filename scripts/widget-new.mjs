// npm run widget:new <id> — scaffolds a working widget: widgets/<id>/ (page, code, icon) and its
// entry in widgetmanifest.json, then checks the registry the way the build will.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const id = process.argv[2];
// "tfx-test-…" ids are the test fixtures' (scripts/widget-registry.ts, TEST_WIDGET_ID_PREFIX).
if (!id || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(id) || id.startsWith('tfx-test-')) {
  console.error(
    'Usage: npm run widget:new <id>   (1–40 of a–z, 0–9 and "-", e.g. "dice"; not "tfx-test-…")',
  );
  process.exit(2);
}
const folder = `widgets/${id}`;
const registryText = readFileSync('widgetmanifest.json', 'utf8');
const registry = JSON.parse(registryText);
if (existsSync(folder) || registry.some((entry) => entry.id === id)) {
  console.error(`A widget "${id}" already exists (${folder} or widgetmanifest.json).`);
  process.exit(1);
}
const title = id.replace(/-/g, ' ').replace(/^./, (first) => first.toUpperCase());

mkdirSync(folder, { recursive: true });
writeFileSync(
  `${folder}/index.html`,
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="stylesheet" href="./style.css" />
    <script type="module" src="./main.ts"></script>
  </head>
  <body>
    <main>
      <h1>${title}</h1>
      <p>Clicks in this call: <output id="count">0</output></p>
      <button id="click" type="button">Click</button>
      <p id="peers"></p>
    </main>
  </body>
</html>
`,
);
writeFileSync(
  `${folder}/main.ts`,
  `import * as tfx from '@tfx/sdk';
import { sharedMap } from '@tfx/sdk/state';

// Match the call's light or dark colours (style.css styles on data-theme).
const showTheme = (theme: tfx.Theme) => (document.documentElement.dataset.theme = theme);
showTheme(tfx.theme());
tfx.onThemeChanged(showTheme);

// A shared counter that loses no click, even two at once: each person keeps their own count
// (writers: 'author'), and the total is the sum. Late joiners get it; a reload keeps it.
const clicks = sharedMap<number>(tfx, 'clicks', { writers: 'author' });
// Values from peers may be anything: count only numbers.
const total = () =>
  clicks.entries().reduce((sum, { value }) => sum + (Number.isFinite(value) ? value : 0), 0);
const show = () => (document.querySelector('#count')!.textContent = String(total()));
clicks.onChange(show);

document.querySelector('#click')!.addEventListener('click', () => {
  void clicks.set('clicks', (clicks.get('clicks') ?? 0) + 1);
});

tfx.onPeersChanged((peers) => {
  document.querySelector('#peers')!.textContent =
    \`With: \${peers.map((peer) => peer.name).join(', ') || 'nobody yet'}\`;
});
`,
);
writeFileSync(
  `${folder}/style.css`,
  `:root {
  color-scheme: light;
  --bg: #ffffff;
  --text: #0f172a;
}
:root[data-theme='dark'] {
  color-scheme: dark;
  --bg: #0f172a;
  --text: #e2e8f0;
}
body {
  font:
    15px system-ui,
    sans-serif;
  margin: 16px;
  background: var(--bg);
  color: var(--text);
}
`,
);
writeFileSync(
  `${folder}/icon.svg`,
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#e2e8f0" stroke-width="2"><rect x="4" y="4" width="16" height="16" rx="4"/></svg>
`,
);
const entry = {
  id,
  type: 'widget',
  title,
  icon: `${folder}/icon.svg`,
  url: `${folder}/index.html`,
  version: '0.1.0',
  description: `The ${title} widget.`,
  author: 'You',
};
// The new entry goes in before the closing bracket, as Prettier would lay it out; the rest of
// the file stays exactly as its author wrote it.
const close = registryText.lastIndexOf(']');
const before = registryText.slice(0, close).trimEnd();
const entryText = JSON.stringify(entry, null, 2).replace(/^/gm, '  ');
writeFileSync(
  'widgetmanifest.json',
  `${before}${registry.length > 0 ? ',' : ''}\n${entryText}\n]${registryText.slice(close + 1)}`,
);
console.log(`Created ${folder}/ and its widgetmanifest.json entry.`);
execFileSync(process.execPath, ['scripts/widget-check.mjs'], { stdio: 'inherit' });
console.log(`Try it: npm run playground -- ${id}`);
