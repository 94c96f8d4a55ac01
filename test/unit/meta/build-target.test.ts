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
    const envs: Record<string, string | undefined>[] = [
      {},
      { TFX_TEST_WIDGETS: '1' },
      { TFX_BUILD: 'release' },
    ];
    for (const env of envs) {
      expect(buildTarget(env).outDir).toBe('dist');
      expect(fixtureIds(env)).toEqual([]);
    }
  });

  it('puts the test-only widgets into the e2e build, which has a folder of its own', () => {
    const target = buildTarget({ TFX_BUILD: 'e2e' });
    expect(target.outDir).toBe('build/extension-e2e');
    expect(fixtureIds({ TFX_BUILD: 'e2e' })).toContain('tfx-test-hostile');
  });
});
