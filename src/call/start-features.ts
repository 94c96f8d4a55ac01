import type { CallContext, CallFeature } from './call-context.js';
import { t } from '../shared/i18n.js';

/**
 * Starts each feature on its own: one that throws, or whose start rejects, is logged and left
 * out, and the call and every other feature go on without it. Resolves with a line naming the
 * features that failed, for the person, or undefined when all started.
 */
export async function startFeatures(
  features: readonly CallFeature[],
  ctx: CallContext,
  signal: AbortSignal,
): Promise<string | undefined> {
  const failed: string[] = [];
  await Promise.all(
    features.map(async (feature) => {
      try {
        await feature.start(ctx, signal);
      } catch (error) {
        ctx.log.error(`${feature.title} failed to start`, error);
        failed.push(t(feature.title));
      }
    }),
  );
  return failed.length > 0 ? t('call_features_failed', failed.join(', ')) : undefined;
}
