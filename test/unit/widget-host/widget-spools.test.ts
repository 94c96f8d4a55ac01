import { describe, expect, it } from 'vitest';
import { parseWidgetRequest } from '../../../src/protocol/widget-schema.js';
import { memorySpoolStore } from '../../../src/widget-host/spool/memory-spool-store.js';
import type { SpoolFile, SpoolStore } from '../../../src/widget-host/spool/spool-store.js';
import {
  SPOOL_LIMITS,
  WidgetSpools,
  answerSpoolRequest,
} from '../../../src/widget-host/spool/widget-spools.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const codeOf = (work: Promise<unknown>) =>
  work.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

/** A store that counts what it frees and can be told to refuse writes, as a full disk does. */
function countingStore(options: { refuseWrites?: boolean } = {}) {
  const removed: number[] = [];
  let made = 0;
  const store: SpoolStore = {
    async create(): Promise<SpoolFile> {
      const number = made++;
      const inner = await memorySpoolStore.create();
      return {
        write: (data) =>
          options.refuseWrites
            ? Promise.reject(new Error('QuotaExceededError'))
            : inner.write(data),
        finish: (name, type) => inner.finish(name, type),
        remove: async () => {
          removed.push(number);
          await inner.remove();
        },
      };
    },
  };
  return { store, removed };
}

describe('WidgetSpools', () => {
  it('gives back what was written, in order, as one File with the name and type asked for', async () => {
    const spools = new WidgetSpools(memorySpoolStore);
    const id = spools.open();
    await spools.write(id, bytes(1, 2));
    await spools.write(id, bytes(3));
    const file = await spools.finish(id, 'notes.bin', 'x/test');
    expect(file).toMatchObject({ name: 'notes.bin', type: 'x/test', size: 3 });
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it('refuses a ninth spool being written with STORAGE_FULL; a finished one makes room', async () => {
    const spools = new WidgetSpools(memorySpoolStore);
    const ids = Array.from({ length: SPOOL_LIMITS.maxWriting }, () => spools.open());
    expect(() => spools.open()).toThrow(expect.objectContaining({ code: 'STORAGE_FULL' }));
    await spools.finish(ids[0]!, 'a', '');
    expect(spools.open()).toBeGreaterThan(0);
  });

  it('answers DESTROYED for a spool it never opened, or one already finished or discarded', async () => {
    const spools = new WidgetSpools(memorySpoolStore);
    expect(await codeOf(spools.write(99, bytes(1)))).toBe('DESTROYED');
    const finished = spools.open();
    await spools.finish(finished, 'a', '');
    expect(await codeOf(spools.write(finished, bytes(1)))).toBe('DESTROYED');
    expect(await codeOf(spools.finish(finished, 'a', ''))).toBe('DESTROYED');
    const discarded = spools.open();
    await spools.discard(discarded);
    expect(await codeOf(spools.write(discarded, bytes(1)))).toBe('DESTROYED');
    expect(await codeOf(spools.discard(discarded))).toBe('DESTROYED');
  });

  it('turns a disk that refuses into STORAGE_FULL for the widget', async () => {
    const spools = new WidgetSpools(countingStore({ refuseWrites: true }).store);
    const id = spools.open();
    const error = await spools.write(id, bytes(1)).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'STORAGE_FULL' });
    expect(String((error as Error).message)).toContain('QuotaExceededError');
  });

  it('frees every spool, finished or not, when the widget stops', async () => {
    const { store, removed } = countingStore();
    const spools = new WidgetSpools(store);
    const finished = spools.open();
    await spools.write(finished, bytes(1));
    await spools.finish(finished, 'a', '');
    spools.open();
    await spools.discardAll();
    expect(removed.sort()).toEqual([0, 1]);
  });

  it('is reached through requests the host parses like any other from a frame', async () => {
    const spools = new WidgetSpools(memorySpoolStore);
    const parse = (raw: unknown) => {
      const parsed = parseWidgetRequest(raw);
      if (!parsed.ok) throw new Error(parsed.reason);
      if (!parsed.value.type.startsWith('spool:')) throw new Error('not a spool request');
      return parsed.value as Parameters<typeof answerSpoolRequest>[1];
    };
    const id = (await answerSpoolRequest(spools, parse({ type: 'spool:open', id: 1 }))) as number;
    const data = bytes(7, 8, 9).buffer;
    await answerSpoolRequest(spools, parse({ type: 'spool:write', id: 2, spool: id, bytes: data }));
    const file = (await answerSpoolRequest(
      spools,
      parse({ type: 'spool:finish', id: 3, spool: id, name: 'f', mime: '' }),
    )) as File;
    expect(file.size).toBe(3);
    // Malformed requests never reach the spools.
    for (const raw of [
      { type: 'spool:write', id: 4, spool: id, bytes: 'not bytes' },
      { type: 'spool:write', id: 4, spool: 0, bytes: data },
      { type: 'spool:finish', id: 5, spool: id, name: 'x'.repeat(256), mime: '' },
      { type: 'spool:open', id: 6, extra: true },
    ])
      expect(parseWidgetRequest(raw).ok).toBe(false);
  });
});
