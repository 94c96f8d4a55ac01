import { defineConfig } from 'vite';
import webExtension from 'vite-plugin-web-extension';
import { readdirSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { buildTarget } from './scripts/build-target.js';
import { buildServers, externallyConnectableMatches } from './scripts/build-servers.js';
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
const servers = buildServers(process.env);
process.env.VITE_TFX_SERVERS = JSON.stringify(servers);

function manifestForThisBuild(): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as {
    externally_connectable?: { matches: string[] };
    content_security_policy: Record<string, string>;
    sandbox?: { pages: string[] };
  };
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

export default defineConfig({
  resolve: {
    // What a widget imports: `import * as tfx from '@tfx/sdk'`.
    // The folder: '@tfx/sdk' is its index, '@tfx/sdk/state' its state.ts.
    alias: { '@tfx/sdk': fileURLToPath(new URL('src/sdk', import.meta.url)) },
  },
  build: { outDir: target.outDir, emptyOutDir: true, sourcemap: true },
  plugins: [
    webExtension({
      manifest: manifestForThisBuild,
      // The plugin fetches a schema online to validate the manifest; this machine is offline
      // and the manifest is checked by our own tests instead.
      skipManifestValidation: true,
      additionalInputs: ['src/call/call.html'],
      disableAutoLaunch: true,
    }),
    copyIcons(),
    widgetRegistryPlugin(registry),
    widgetGuardPlugin(sandboxManifestFields(registry.entries).pages),
  ],
});
