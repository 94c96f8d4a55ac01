import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWidgetDevServer, type WidgetDevServer } from '../../../scripts/widget-dev-server.js';
import { copyTallyProject, type TallyProject } from '../../support/tally-project.js';
import { parseWidgetPacked, type WidgetPacked } from '../../../src/protocol/widget-dev.js';
import { readBundle } from '../../../src/widget-host/bundles/read-bundle.js';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

/** The `data` of each `widget:packed` event on a stream, in order. */
async function* packedEvents(stream: ReadableStream<Uint8Array>): AsyncGenerator<WidgetPacked> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      text += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        if (!block.startsWith('event: widget:packed\n')) continue;
        const parsed = parseWidgetPacked(block.split('\ndata: ')[1]);
        if (parsed.ok) yield parsed.value;
      }
    }
  } finally {
    await reader.cancel();
  }
}

/** A GET with a Host header fetch() would not let a test set. */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

// A copy of the packable Tally that the test saves to, served on a free loopback port.
describe('npm run widget:dev', () => {
  let project: TallyProject;
  let dev: WidgetDevServer;

  beforeAll(async () => {
    project = copyTallyProject('unit-dev-widget');
    dev = await startWidgetDevServer({
      id: 'tfx-test-tally',
      sources: [project.source],
      port: 0,
      report: () => undefined,
    });
  }, 60_000);

  afterAll(async () => {
    await dev?.close();
    project?.remove();
  });

  it('tells a connected page of each save, and serves the pack it announced', async () => {
    const events = await fetch(`${dev.address}/events`, { headers: { Origin: EXTENSION } });
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    expect(events.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    const packs = packedEvents(events.body!);
    const first = (await packs.next()).value as WidgetPacked;
    const served = new Uint8Array(
      await (await fetch(`${dev.address}/widget.tfxwidget`)).arrayBuffer(),
    );
    const read = await readBundle(served, first.sha256);
    expect(read.ok && read.value.entry.id).toBe('tfx-test-tally');

    const page = project.file('index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('<h1>Tally</h1>', '<h1>Saved</h1>'));
    const second = (await packs.next()).value as WidgetPacked;
    expect(second.sha256).not.toBe(first.sha256);
    const again = await readBundle(
      new Uint8Array(await (await fetch(`${dev.address}/widget.tfxwidget`)).arrayBuffer()),
      second.sha256,
    );
    expect(
      again.ok &&
        new TextDecoder().decode(again.value.files.get('widgets/tfx-test-tally/index.html')),
    ).toContain('<h1>Saved</h1>');
    await packs.return(undefined);
  }, 60_000);

  it('lets no website read it, and answers no name but loopback', async () => {
    const fromSite = await fetch(`${dev.address}/widget.tfxwidget`, {
      headers: { Origin: 'https://example.com' },
    });
    expect(fromSite.headers.get('access-control-allow-origin')).toBeNull();
    // A page at a rebound name (evil.example → 127.0.0.1) is refused before anything is read.
    expect(await statusWithHost(`${dev.address}/widget.tfxwidget`, 'evil.example:5199')).toBe(421);
    expect(await statusWithHost(`${dev.address}/widget.tfxwidget`, 'localhost:5199')).toBe(200);
  });
});
