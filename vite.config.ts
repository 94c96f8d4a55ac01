import { defineConfig } from 'vite';
import webExtension from 'vite-plugin-web-extension';
import { readFileSync } from 'node:fs';

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
  ],
});
