import { defineConfig } from 'vite';
import { buildTarget } from './scripts/build-target.js';

// embed.js, the one script a website loads to embed a call or add a call button: a classic
// script (it sets window.TFX) with its parser bundled, written beside the web client it
// frames. Built after vite.web.config.ts, which empties that folder.
export default defineConfig({
  build: {
    outDir: buildTarget(process.env).webOutDir,
    emptyOutDir: false,
    sourcemap: true,
    lib: {
      entry: 'src/web/embed.ts',
      formats: ['iife'],
      name: 'TFXEmbed',
      fileName: () => 'embed.js',
    },
  },
});
