import { defineConfig } from 'vite';
import webExtension from 'vite-plugin-web-extension';
import { readdirSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { buildTarget } from './scripts/build-target.js';
import { buildServers, externallyConnectableMatches } from './scripts/build-servers.js';
import { releaseServerUrl, storeVersionProblem } from './scripts/release-rules.js';
import { segmentationFilesPlugin } from './scripts/segmentation-files-plugin.js';
import { widgetGuardPlugin } from './scripts/widget-guard-plugin.js';
import {
  readRegistryOrFail,
  sandboxManifestFields,
  widgetRegistryPlugin,
} from './scripts/widget-registry.js';

// An environment variable, not a command-line flag: the plugin's own sub-builds read this file,
// not the command line. TFX_BUILD=e2e builds the e2e extension (with the test-only widgets)
// into its own folder; anything else builds what ships into dist/.
const target = buildTarget(process.env);

// The widget registry is checked before anything is built: a bad entry fails the build with
// every problem named.
const registry = readRegistryOrFail(target.widgetSources);

// The servers this build may use (see scripts/build-servers.ts). Operators name their own:
//   TFX_SERVER_URL="https://calls.example.com" npm run build
// The extension's code reads them from import.meta.env: Vite passes VITE_* variables through.
// A release must name an https server; a developer build defaults to 127.0.0.1.
if (target.release) releaseServerUrl(process.env);
const servers = buildServers(process.env);
process.env.VITE_TFX_SERVERS = JSON.stringify(servers);

// One version for the whole project: package.json's.
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const versionProblem = storeVersionProblem(version);
if (versionProblem) throw new Error(`package.json: ${versionProblem}`);

function manifestForThisBuild(): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as {
    key?: string;
    version: string;
    externally_connectable?: { matches: string[] };
    content_security_policy: Record<string, string>;
    sandbox?: { pages: string[] };
  };
  manifest.version = version;
  // The key keeps a developer's unpacked copy at one id; the store refuses it and assigns its own.
  if (target.release) delete manifest.key;
  const sandbox = sandboxManifestFields(registry.entries);
  if (sandbox.pages.length > 0) {
    manifest.sandbox = { pages: sandbox.pages };
    manifest.content_security_policy.sandbox = sandbox.csp;
  }
  manifest.externally_connectable = { matches: externallyConnectableMatches(servers) };
  return manifest;
}

// The manifest names icons/*.png; the plugin does not copy them, so they are emitted as-is.
function copyIcons(): Plugin {
  return {
    name: 'tfx-copy-icons',
    generateBundle() {
      for (const file of readdirSync('icons').filter((name) => name.endsWith('.png'))) {
        this.emitFile({
          type: 'asset',
          fileName: `icons/${file}`,
          source: readFileSync(`icons/${file}`),
        });
      }
    },
  };
}

// Chrome reads each language's strings from _locales/<language>/messages.json at the package
// root; they are kept in src/locales/ with the code that uses them.
function copyLocales(): Plugin {
  return {
    name: 'tfx-copy-locales',
    generateBundle() {
      const folders = readdirSync('src/locales', { withFileTypes: true }).filter((entry) =>
        entry.isDirectory(),
      );
      for (const { name: language } of folders) {
        this.emitFile({
          type: 'asset',
          fileName: `_locales/${language}/messages.json`,
          source: readFileSync(`src/locales/${language}/messages.json`),
        });
      }
    },
  };
}

export default defineConfig({
  resolve: {
    // What a widget imports: `import * as tfx from '@tfx/sdk'`.
    // The folder: '@tfx/sdk' is its index, '@tfx/sdk/state' its state.ts.
    alias: { '@tfx/sdk': fileURLToPath(new URL('src/sdk', import.meta.url)) },
  },
  // A release carries no source maps: the store package holds only what the extension loads.
  build: { outDir: target.outDir, emptyOutDir: true, sourcemap: !target.release },
  plugins: [
    webExtension({
      manifest: manifestForThisBuild,
      // The plugin fetches a schema online to validate the manifest; this machine is offline
      // and the manifest is checked by our own tests instead.
      skipManifestValidation: true,
      additionalInputs: ['src/call/call.html', 'src/welcome/welcome.html'],
      disableAutoLaunch: true,
    }),
    copyIcons(),
    copyLocales(),
    segmentationFilesPlugin(),
    widgetRegistryPlugin(registry),
    widgetGuardPlugin(sandboxManifestFields(registry.entries).pages),
  ],
});
