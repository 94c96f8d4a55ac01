import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // As widgets import it ('@tfx/sdk', '@tfx/sdk/state', '@tfx/sdk/testing').
  resolve: { alias: { '@tfx/sdk': fileURLToPath(new URL('src/sdk', import.meta.url)) } },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // What a person reads comes from a catalogue; unit tests read the English one.
    setupFiles: ['test/unit/english-messages.ts'],
  },
});
