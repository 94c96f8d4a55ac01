// `npm run bench`: every benchmark in one run, in the same two browsers and signalling server.
import { DEFAULT_CONFIG } from '../build/server/server/config.js';
import { createSignallingServer } from '../build/server/server/create-server.js';
import { createServerLogger } from '../build/server/server/logger.js';
import { launch, serveBarePage } from './harness.mjs';
import { benchJoinLatency } from './join-latency.mjs';
import { benchWidgetBus } from './widget-bus.mjs';

const signalling = createSignallingServer(
  { ...DEFAULT_CONFIG, port: 8084 },
  createServerLogger('silent'),
);
await signalling.listen();
const bare = await serveBarePage();
const barePort = bare.address().port;
const [first, second] = await Promise.all([launch(), launch()]);
try {
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'join') {
    await benchJoinLatency({ first, second, barePort, runs: Number(process.env.BENCH_RUNS ?? 20) });
  }
  if (!only || only === 'bus') await benchWidgetBus({ first, second, barePort });
} finally {
  await Promise.all([first.context.close(), second.context.close()]);
  bare.close();
  await signalling.close();
}
