import { describe, expect, it } from 'vitest';
import type { CallContext, CallFeature } from '../../../src/call/call-context.js';
import { startFeatures } from '../../../src/call/start-features.js';
import { createLogger } from '../../../src/shared/log.js';

const ctx = { log: createLogger('test') } as CallContext;

describe('starting the call’s features', () => {
  it('starts every feature even when one throws and another rejects, and names those two', async () => {
    const started: string[] = [];
    const feature = (title: string, start: CallFeature['start']): CallFeature => ({ title, start });
    const notice = await startFeatures(
      [
        feature('Stage', () => void started.push('stage')),
        feature('Recording', () => {
          throw new Error('no MediaRecorder');
        }),
        feature('Widgets', () => Promise.reject(new Error('registry unreadable'))),
        feature('Controls', () => Promise.resolve().then(() => void started.push('controls'))),
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
      [{ title: 'Stage', start: (_ctx, given) => void (seen = given) }],
      ctx,
      signal,
    );
    expect(notice).toBeUndefined();
    expect(seen).toBe(signal);
  });
});
