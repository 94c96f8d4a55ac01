// npm run build:sdk — the widget SDK on its own, for authors who write a widget outside this
// repository: build/sdk/tfx-sdk.js (an ES module with no dependencies) and its types. Inside
// the repo, widgets import '@tfx/sdk' and the extension build bundles it for them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
// Shared state, its own file and budget: it is handed the SDK, so it imports none of it.
await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: false,
    lib: { entry: 'src/sdk/state.ts', formats: ['es'], fileName: () => 'tfx-sdk-state.js' },
  },
});
// The test host, for widget tests in Node: it loads a fresh tfx-sdk.js beside it per person.
await build({
  configFile: false,
  logLevel: 'warn',
  define: { __TFX_SDK_FILE__: JSON.stringify('./tfx-sdk.js') },
  build: {
    outDir,
    emptyOutDir: false,
    target: 'node20',
    lib: { entry: 'src/sdk/testing.ts', formats: ['es'], fileName: () => 'tfx-sdk-testing.js' },
  },
});
// One self-contained .d.ts per file: the types it names, inlined, so that copying the .js and
// .d.ts files is all an author needs. dts-bundle-generator (well kept, on the TypeScript API)
// does the inlining and checks each result compiles on its own.
for (const [entry, types] of [
  ['src/sdk/index.ts', 'tfx-sdk.d.ts'],
  ['src/sdk/state.ts', 'tfx-sdk-state.d.ts'],
  ['src/sdk/testing.ts', 'tfx-sdk-testing.d.ts'],
]) {
  execFileSync(
    process.execPath,
    [
      'node_modules/dts-bundle-generator/dist/bin/dts-bundle-generator.js',
      '--silent',
      // The Standard Schema interface (types only) goes in too: nothing to install beside it.
      '--external-inlines',
      '@standard-schema/spec',
      '--project',
      'tsconfig.json',
      '-o',
      `${outDir}/${types}`,
      entry,
    ],
    { stdio: 'inherit' },
  );
}
for (const [file, goal] of [
  ['tfx-sdk.js', '≤ 5 KB'],
  ['tfx-sdk-state.js', '≤ 8 KB'],
]) {
  const code = readFileSync(`${outDir}/${file}`);
  const gzipped = gzipSync(code, { level: 9 }).byteLength;
  console.log(
    `${outDir}/${file}: ${(code.byteLength / 1024).toFixed(1)} KiB, ${(gzipped / 1024).toFixed(2)} KiB gzipped (goal ${goal})`,
  );
}
