import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CodeSync } from '../../../widgets/code/code-sync';
import { CodeMessageKind, encodeCodeMessage } from '../../../widgets/code/code-wire';

/**
 * Peers of the Code widget over an in-memory network that holds every message until `flush`,
 * so edits made "at the same time" really cross in flight.
 */
function network() {
  const peers = new Map<string, { sync: CodeSync; text: Y.Text; warnings: string[] }>();
  let inFlight: { from: string; to: string; bytes: ArrayBuffer }[] = [];
  const add = (id: string) => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    const warnings: string[] = [];
    const sync = new CodeSync(
      doc,
      awareness,
      {
        send: (bytes, to) => {
          const copy = bytes.slice().buffer;
          for (const other of peers.keys())
            if (other !== id && (to === undefined || to === other))
              inFlight.push({ from: id, to: other, bytes: copy });
        },
      },
      (message) => warnings.push(message),
    );
    const peer = { sync, text: doc.getText('code'), warnings };
    // Everyone already here meets the newcomer, and the newcomer meets them.
    const here = [...peers];
    peers.set(id, peer);
    for (const [otherId, other] of here) {
      other.sync.meet(id);
      sync.meet(otherId);
    }
    return peer;
  };
  const flush = () => {
    while (inFlight.length > 0) {
      const batch = inFlight;
      inFlight = [];
      for (const { from, to, bytes } of batch) peers.get(to)?.sync.receive(bytes, from);
    }
  };
  return { add, flush, peers };
}

describe('Code widget sync', () => {
  it('converges when three peers type at once into the same line', () => {
    const net = network();
    const [a, b, c] = [net.add('a'), net.add('b'), net.add('c')];
    net.flush();
    a.text.insert(0, 'let x = 1;');
    net.flush();
    // All three edit the same spot before hearing from each other.
    a.text.insert(4, 'AAA');
    b.text.insert(4, 'BBB');
    c.text.delete(0, 4);
    c.text.insert(0, 'const ');
    net.flush();
    const result = a.text.toJSON();
    expect(b.text.toJSON()).toBe(result);
    expect(c.text.toJSON()).toBe(result);
    expect(result).toContain('AAA');
    expect(result).toContain('BBB');
    // Where concurrent edits at one spot land is the CRDT's choice; that none is lost is ours.
    expect(result).toContain('const ');
    expect(result).not.toContain('let ');
    expect(result).toContain('x = 1;');
  });

  it('gives a late joiner the whole document', () => {
    const net = network();
    const a = net.add('a');
    a.text.insert(0, 'def main():\n    pass\n');
    const late = net.add('late');
    net.flush();
    expect(late.text.toJSON()).toBe('def main():\n    pass\n');
  });

  it('ignores malformed messages and keeps the document', () => {
    const net = network();
    const a = net.add('a');
    a.text.insert(0, 'kept');
    a.sync.receive('not binary', 'x');
    a.sync.receive(new Uint8Array([9, 1, 2]).buffer, 'x');
    a.sync.receive(
      encodeCodeMessage(CodeMessageKind.Update, new Uint8Array([255, 255, 255])).slice().buffer,
      'x',
    );
    expect(a.text.toJSON()).toBe('kept');
    expect(a.warnings).toHaveLength(3);
    expect(a.warnings[1]).toContain('unknown kind 9');
  });

  it("shows a peer's cursor while it is here and removes it when it leaves", () => {
    const net = network();
    const a = net.add('a');
    const b = net.add('b');
    b.sync.awareness.setLocalStateField('user', { name: 'Bea' });
    net.flush();
    const names = () =>
      [...a.sync.awareness.getStates().values()].map(
        (state) => (state as { user?: { name: string } }).user?.name,
      );
    expect(names()).toContain('Bea');
    a.sync.part('b');
    expect(names()).not.toContain('Bea');
  });

  it("keeps Bea's cursor on Cal's screen when Ana, who met Cal first, leaves", () => {
    const net = network();
    const a = net.add('a');
    const b = net.add('b');
    a.sync.awareness.setLocalStateField('user', { name: 'Ana' });
    b.sync.awareness.setLocalStateField('user', { name: 'Bea' });
    net.flush();
    const c = net.add('c');
    net.flush();
    const names = () =>
      [...c.sync.awareness.getStates().values()].map(
        (state) => (state as { user?: { name: string } }).user?.name,
      );
    expect(names()).toEqual(expect.arrayContaining(['Ana', 'Bea']));
    c.sync.part('a');
    expect(names()).toContain('Bea');
    expect(names()).not.toContain('Ana');
  });
});
