import { describe, expect, it } from 'vitest';
import type { CallContext, CallFeature } from '../../../src/call/call-context.js';
import { startFeatures } from '../../../src/call/start-features.js';
import { createLogger } from '../../../src/shared/log.js';
import type { MessageKey } from '../../../src/shared/i18n.js';

const ctx = { log: createLogger('test') } as CallContext;

describe('starting the call’s features', () => {
  it('starts every feature even when one throws and another rejects, and names those two', async () => {
    const started: string[] = [];
    const feature = (title: MessageKey, start: CallFeature['start']): CallFeature => ({
      title,
      start,
    });
    const notice = await startFeatures(
      [
        feature('feature_stage', () => void started.push('stage')),
        feature('feature_recording', () => {
          throw new Error('no MediaRecorder');
        }),
        feature('feature_widget_platform', () => Promise.reject(new Error('registry unreadable'))),
        feature('feature_controls', () =>
          Promise.resolve().then(() => void started.push('controls')),
        ),
      ],
      ctx,
      new AbortController().signal,
    );
    expect(started).toEqual(['stage', 'controls']);
    expect(notice).toBe('Not available in this call: Recording, Widgets.');
  });

  it('says nothing when everything started', async () => {
    const signal = new AbortController().signal;
    let seen: AbortSignal | undefined;
    const notice = await startFeatures(
      [{ title: 'feature_stage', start: (_ctx, given) => void (seen = given) }],
      ctx,
      signal,
    );
    expect(notice).toBeUndefined();
    expect(seen).toBe(signal);
  });
});
