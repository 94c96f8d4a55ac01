// `npm run bench`: every benchmark in one run. The browser ones share two browsers and one
// signalling server; the signalling load test runs its servers in their own processes.
// BENCH_ONLY=bundles|pages|join|bus|files|filters|widget|leaks|load runs one of them.
import { launch, serveBarePage } from './harness.mjs';
import { benchFilesThroughput } from './files-throughput.mjs';
import { benchJoinLatency } from './join-latency.mjs';
import { benchLeaks } from './leaks.mjs';
import { benchPageLoad } from './page-load.mjs';
import { benchSignallingLoad, startProcess } from './signalling-load.mjs';
import { benchVideoFilters } from './video-filters.mjs';
import { benchWidgetBundles } from './widget-bundles.mjs';
import { benchWidgetBus } from './widget-bus.mjs';
import { benchWidgetDelivery } from './widget-delivery.mjs';

const only = process.env.BENCH_ONLY;
// A comma-separated list runs several: BENCH_ONLY=bus,files.
const wanted = (name) => !only || only.split(',').includes(name);

if (wanted('bundles')) benchWidgetBundles('build/extension-e2e');
if (['pages', 'join', 'bus', 'files', 'filters', 'widget', 'leaks'].some(wanted)) {
  const bare = await serveBarePage();
  const barePort = bare.address().port;
  // The server runs in its own process, as an operator runs it: in this one it would share an
  // event loop with the browsers' driver. The bare page is a web page of its own origin: the
  // server lets it connect, as an operator would list a web client.
  const signalling = await startProcess(
    'build/server/server/main.js',
    [
      '--port=8084',
      '--host=127.0.0.1',
      '--log-level=silent',
      `--web-origins=http://127.0.0.1:${barePort}`,
      // The web client, measured against the extension in the join bench.
      '--web-root=build/web-e2e',
      // Every join of the bench comes from one address.
      '--joins-per-minute=100000',
    ],
    8084,
  );
  // The leak scenario launches six browsers of its own, before the two the others share.
  if (wanted('leaks')) await benchLeaks({ serverPid: signalling.pid });
  const [first, second] = await Promise.all([launch(), launch()]);
  try {
    if (wanted('pages')) await benchPageLoad({ first, second });
    if (wanted('join')) {
      await benchJoinLatency({
        first,
        second,
        barePort,
        runs: Number(process.env.BENCH_RUNS ?? 20),
      });
    }
    if (wanted('bus')) await benchWidgetBus({ first, second, barePort });
    if (wanted('files')) await benchFilesThroughput({ first, second, barePort });
    if (wanted('filters')) await benchVideoFilters({ first, second });
    if (wanted('widget')) await benchWidgetDelivery({ first, second });
  } finally {
    await Promise.all([first.context.close(), second.context.close()]);
    bare.close();
    signalling.kill();
  }
}
if (wanted('load')) {
  await benchSignallingLoad({
    clients: Number(process.env.BENCH_CLIENTS ?? 5000),
    repeats: Number(process.env.BENCH_REPEATS ?? 3),
    rounds: Number(process.env.BENCH_ROUNDS ?? 4),
    // 20,000 does not fit this machine: it caps open files at 20,000 per process, and the
    // clients all live in this one. 19,000 is the nearest size that does.
    scaleClients: (process.env.BENCH_SCALE_CLIENTS ?? '5000,19000')
      .split(',')
      .filter(Boolean)
      .map(Number),
  });
}
