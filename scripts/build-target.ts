/**
 * What one extension build is for. The test-only widgets (test/fixtures) go into the e2e build
 * alone, and the e2e build always goes to its own folder, so no setting can put them in dist/,
 * the folder people load, or into the release, the folder `npm run package` zips for the store.
 */
import { SHIPPED_WIDGETS, TEST_WIDGETS, type WidgetSource } from './widget-registry.js';

export interface BuildTarget {
  outDir: string;
  /** Where the web client of the same build goes (vite.web.config.ts), served by the server. */
  webOutDir: string;
  widgetSources: WidgetSource[];
  /**
   * A store release: no manifest `key` (the store refuses it), no source maps, and a server
   * given at build time (scripts/release-server.ts).
   */
  release: boolean;
}

export const E2E_OUT_DIR = 'build/extension-e2e';
export const E2E_WEB_OUT_DIR = 'build/web-e2e';
/** The server's default web root is this folder, found from its own build (src/server/config.ts). */
export const WEB_OUT_DIR = 'build/web';
/** What `npm run package` zips; apart from dist/ so a developer's loaded copy keeps working. */
export const RELEASE_OUT_DIR = 'build/release/extension';

/**
 * `TFX_BUILD=e2e` is the build the e2e tests and the bench load; `TFX_BUILD=release` the one
 * `npm run package` zips; anything else is the developer's build in dist/.
 */
export function buildTarget(env: Record<string, string | undefined>): BuildTarget {
  if (env.TFX_BUILD === 'e2e') {
    return {
      outDir: E2E_OUT_DIR,
      webOutDir: E2E_WEB_OUT_DIR,
      widgetSources: [SHIPPED_WIDGETS, TEST_WIDGETS],
      release: false,
    };
  }
  const shipped = { webOutDir: WEB_OUT_DIR, widgetSources: [SHIPPED_WIDGETS] };
  return env.TFX_BUILD === 'release'
    ? { ...shipped, outDir: RELEASE_OUT_DIR, release: true }
    : { ...shipped, outDir: 'dist', release: false };
}
