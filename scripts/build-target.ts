/**
 * What one extension build is for. The test-only widgets (test/fixtures) go into the e2e build
 * alone, and the e2e build always goes to its own folder, so no setting can put them in dist/,
 * the folder people load and package.
 */
import { SHIPPED_WIDGETS, TEST_WIDGETS, type WidgetSource } from './widget-registry.js';

export interface BuildTarget {
  outDir: string;
  /** Where the web client of the same build goes (vite.web.config.ts), served by the server. */
  webOutDir: string;
  widgetSources: WidgetSource[];
}

export const E2E_OUT_DIR = 'build/extension-e2e';
export const E2E_WEB_OUT_DIR = 'build/web-e2e';
/** The server's default web root is this folder, found from its own build (src/server/config.ts). */
export const WEB_OUT_DIR = 'build/web';

/** `TFX_BUILD=e2e` is the build the e2e tests and the bench load; anything else ships. */
export function buildTarget(env: Record<string, string | undefined>): BuildTarget {
  return env.TFX_BUILD === 'e2e'
    ? {
        outDir: E2E_OUT_DIR,
        webOutDir: E2E_WEB_OUT_DIR,
        widgetSources: [SHIPPED_WIDGETS, TEST_WIDGETS],
      }
    : { outDir: 'dist', webOutDir: WEB_OUT_DIR, widgetSources: [SHIPPED_WIDGETS] };
}
