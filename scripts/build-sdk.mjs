// npm run build:sdk — the widget SDK on its own, for authors who write a widget outside this
// repository: build/sdk/tfx-sdk.js (an ES module with no dependencies) and its types. Inside
// the repo, widgets import '@tfx/sdk' and the extension build bundles it for them.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const outDir = 'build/sdk';
await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    lib: { entry: 'src/sdk/index.ts', formats: ['es'], fileName: () => 'tfx-sdk.js' },
  },
});
execFileSync(
  process.execPath,
  [
    'node_modules/typescript/bin/tsc',
    'src/sdk/index.ts',
    '--declaration',
    '--emitDeclarationOnly',
    '--strict',
    '--skipLibCheck',
    '--target',
    'ES2022',
    '--module',
    'ESNext',
    '--moduleResolution',
    'Bundler',
    '--lib',
    'ES2023,DOM',
    '--outDir',
    `${outDir}/types`,
  ],
  { stdio: 'inherit' },
);
writeFileSync(`${outDir}/tfx-sdk.d.ts`, "export * from './types/sdk/index.js';\n");
const code = readFileSync(`${outDir}/tfx-sdk.js`);
const gzipped = gzipSync(code, { level: 9 }).byteLength;
console.log(
  `${outDir}/tfx-sdk.js: ${(code.byteLength / 1024).toFixed(1)} KiB, ${(gzipped / 1024).toFixed(2)} KiB gzipped (goal ≤ 5 KB)`,
);
