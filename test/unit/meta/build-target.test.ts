import { describe, expect, it } from 'vitest';
import { buildTarget } from '../../../scripts/build-target.js';
import { readRegistry } from '../../../scripts/widget-registry.js';

const fixtureIds = (env: Record<string, string | undefined>) =>
  readRegistry(buildTarget(env).widgetSources)
    .entries.filter(
      (entry) => entry.page.kind === 'packaged' && entry.page.path.startsWith('test/'),
    )
    .map((entry) => entry.id);

describe('the build target', () => {
  it('builds what ships into dist/, without the test-only widgets, whatever else is set', () => {
    const envs: Record<string, string | undefined>[] = [{}, { TFX_TEST_WIDGETS: '1' }];
    for (const env of envs) {
      expect(buildTarget(env)).toMatchObject({ outDir: 'dist', release: false });
      expect(fixtureIds(env)).toEqual([]);
    }
  });

  it('builds a store release into a folder of its own, without the test-only widgets', () => {
    expect(buildTarget({ TFX_BUILD: 'release' })).toMatchObject({
      outDir: 'build/release/extension',
      release: true,
    });
    expect(fixtureIds({ TFX_BUILD: 'release' })).toEqual([]);
  });

  it('puts the test-only widgets into the e2e build, which has a folder of its own', () => {
    const target = buildTarget({ TFX_BUILD: 'e2e' });
    expect(target.outDir).toBe('build/extension-e2e');
    expect(fixtureIds({ TFX_BUILD: 'e2e' })).toContain('tfx-test-hostile');
  });
});
