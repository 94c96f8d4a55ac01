/**
 * What one extension build is for. The test-only widgets (test/fixtures) go into the e2e build
 * alone, and the e2e build always goes to its own folder, so no setting can put them in dist/,
 * the folder people load and package.
 */
import { SHIPPED_WIDGETS, TEST_WIDGETS, type WidgetSource } from './widget-registry.js';

export interface BuildTarget {
  outDir: string;
  widgetSources: WidgetSource[];
}

export const E2E_OUT_DIR = 'build/extension-e2e';

/** `TFX_BUILD=e2e` is the build the e2e tests and the bench load; anything else ships. */
export function buildTarget(env: Record<string, string | undefined>): BuildTarget {
  return env.TFX_BUILD === 'e2e'
    ? { outDir: E2E_OUT_DIR, widgetSources: [SHIPPED_WIDGETS, TEST_WIDGETS] }
    : { outDir: 'dist', widgetSources: [SHIPPED_WIDGETS] };
}
