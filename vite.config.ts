import { defineConfig } from 'vite';
import webExtension from 'vite-plugin-web-extension';
import { readdirSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

// The one place the extension build is configured. Operators who run their own signalling
// server add its origin at build time so its invite pages may talk to the extension:
//   TFX_INVITE_ORIGINS="https://calls.example.com" npm run build
function manifestWithInviteOrigins(): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as {
    externally_connectable: { matches: string[] };
  };
  const extra = (process.env.TFX_INVITE_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '')
    .map((origin) => `${new URL(origin).origin}/*`);
  manifest.externally_connectable.matches.push(...extra);
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
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  plugins: [
    webExtension({
      manifest: manifestWithInviteOrigins,
      // The plugin fetches a schema online to validate the manifest; this machine is offline
      // and the manifest is checked by our own tests instead.
      skipManifestValidation: true,
      additionalInputs: ['src/call/call.html'],
      disableAutoLaunch: true,
    }),
    copyIcons(),
  ],
});
