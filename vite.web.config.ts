import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { buildTarget } from './scripts/build-target.js';
import { segmentationFilesPlugin } from './scripts/segmentation-files-plugin.js';
import { widgetGuardPlugin } from './scripts/widget-guard-plugin.js';
import {
  readRegistryOrFail,
  sandboxManifestFields,
  widgetRegistryPlugin,
} from './scripts/widget-registry.js';

// The web client: the same call page and widget pages as the extension, built for the
// signalling server to serve. Only the platform seam differs: every import of
// src/platform/current.ts resolves to the web shell. TFX_BUILD=e2e adds the test-only widgets,
// as it does for the extension.
const target = buildTarget(process.env);
const registry = readRegistryOrFail(target.widgetSources);
const widgetPages = sandboxManifestFields(registry.entries).pages;

export default defineConfig({
  resolve: {
    alias: [
      {
        // The folder: '@tfx/sdk' is its index, '@tfx/sdk/state' its state.ts.
        find: '@tfx/sdk',
        replacement: fileURLToPath(new URL('src/sdk', import.meta.url)),
      },
      {
        find: /^(.*)\/platform\/current\.js$/,
        replacement: fileURLToPath(new URL('src/platform/web.ts', import.meta.url)),
      },
    ],
  },
  build: {
    outDir: target.webOutDir,
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: ['src/call/call.html', ...widgetPages],
    },
  },
  plugins: [
    widgetRegistryPlugin(registry),
    widgetGuardPlugin(widgetPages),
    segmentationFilesPlugin(),
  ],
});
