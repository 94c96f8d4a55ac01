// Signalling load: N simulated clients in pairs, each pair trading an offer, an answer and eight
// ICE candidates, round after round. The same load goes to the TFX server and to peerjs-server
// (the `peer` package), each in its own process on loopback, and to a bare socket.io relay (the
// floor for any socket.io server); the clients live in this process, so every relay's latency
// is measured on one clock. Both kinds of client are bare `ws` sockets.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { connectSocketIo } from './socketio-wire-client.mjs';

const CANDIDATES_PER_SIDE = 4;
const SDP = `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n${'a=x-filler:0123456789abcdef\r\n'.repeat(60)}`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function rssBytes(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) * 1024;
}

/** CPU time the process has used, in ms (utime + stime; Linux clock ticks are 10 ms). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A server process as a load target: its process ids (for CPU and memory) and how to stop it. */
async function serverTarget(command, args, port) {
  const child = await startProcess(command, args, port);
  return { pids: [child.pid], stop: () => stopChild(child) };
}

async function stopChild(child) {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(process.env.BENCH_PROFILE ? 'SIGTERM' : 'SIGKILL');
  await exited;
}

/** A server as its own process, answering on `port` once it is up. */
export async function startProcess(command, args, port) {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      command,
      ...args,
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += chunk.toString()));
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${command} exited: ${errors}`);
    const up = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    );
    if (up) return child;
    await sleep(50);
  }
  throw new Error(`${command} did not start: ${errors}`);
}

/** Runs `task` for every item, at most `width` at a time. */
async function inBatches(items, width, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

/** A TFX client: a socket.io connection (bare `ws`, see socketio-wire-client) that joins its pair's room. */
const tfxArgs = (port) => [
  '--port',
  String(port),
  '--log-level',
  'warn',
  // The limits guard against abuse from one address; here every client is one address.
  '--max-connections-per-ip',
  '100000',
  '--joins-per-minute',
  '100000',
  '--messages-per-second',
  '10000',
  '--max-rooms',
  '100000',
];

const tfx = {
  name: 'TFX server',
  start: (port) => serverTarget('build/server/server/main.js', tfxArgs(port), port),
  async connect(port, index, onRelay) {
    const socket = await connectSocketIo(`http://127.0.0.1:${port}`, (name, payload) => {
      if (name === 'signal:received') onRelay(payload.from, payload.signal);
    });
    const reply = await socket.emitWithAck('room:join', {
      v: 1,
      room: `load-${Math.floor(index / 2)}`,
      name: `c${index}`,
      media: { audio: true, video: true },
      instance: `load-${String(index).padStart(6, '0')}`,
    });
    if (!reply.ok) throw new Error(`join refused: ${JSON.stringify(reply.error)}`);
    return {
      id: reply.data.self.id,
      send: (to, signal) => socket.emit('signal:send', { to, signal }),
      close: () => socket.close(),
    };
  },
};

/** socket.io with nothing of ours: the same client as TFX against bench/socketio-floor-server. */
const socketIoFloor = {
  name: 'socket.io floor',
  start: (port) => serverTarget('bench/socketio-floor-server.mjs', ['--port', String(port)], port),
  connect: (port, index, onRelay) => tfx.connect(port, index, onRelay),
};

/**
 * Two TFX processes sharing rooms through one Redis (`--redis-url`), as an operator scales out.
 * Client i goes to process i % 2, so the two people of every pair sit on different processes
 * and every relay crosses Redis: the hardest placement for the engine.
 */
const REDIS_PORT = 6391;
const tfxOnRedis = {
  name: 'TFX ×2 + Redis',
  async start(port) {
    const redis = spawn(
      'redis-server',
      ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await sleep(300);
    const redisUrl = ['--redis-url', `redis://127.0.0.1:${REDIS_PORT}`];
    const servers = await Promise.all(
      [port, port + 1].map((each) =>
        startProcess('build/server/server/main.js', [...tfxArgs(each), ...redisUrl], each),
      ),
    );
    return {
      pids: [...servers.map((server) => server.pid), redis.pid],
      stop: async () => {
        await Promise.all(servers.map(stopChild));
        await stopChild(redis);
      },
    };
  },
  connect: (port, index, onRelay) => tfx.connect(port + (index % 2), index, onRelay),
};

/** A peerjs client: the WebSocket the PeerJS library opens, with its heartbeat every 5 s. */
const peerjs = {
  name: 'peerjs-server',
  start: (port) =>
    serverTarget(
      'node_modules/peer/dist/bin/peerjs.js',
      ['--port', String(port), '--concurrent_limit', '100000'],
      port,
    ),
  async connect(port, index, onRelay) {
    const id = `c${index}`;
    const socket = new WebSocket(
      `ws://127.0.0.1:${port}/peerjs?key=peerjs&id=${id}&token=t${index}`,
    );
    await new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.on('message', (raw) => {
        const message = JSON.parse(raw.toString());
        if (message.type === 'OPEN') resolve();
        else if (message.src) onRelay(message.src, message.payload);
      });
    });
    const heartbeat = setInterval(() => socket.send('{"type":"HEARTBEAT"}'), 5000);
    return {
      id,
      send: (to, signal) =>
        socket.send(JSON.stringify({ type: signal.type.toUpperCase(), dst: to, payload: signal })),
      close: () => {
        clearInterval(heartbeat);
        socket.close();
      },
    };
  },
};

async function loadOne(kind, { clients, rounds, port }) {
  const server = await kind.start(port);
  try {
    await sleep(500);
    const sum = (read) => server.pids.reduce((total, pid) => total + read(pid), 0);
    const baseline = sum(rssBytes);
    const latencies = [];
    let delivered = 0;
    let roundDone;
    let expectedThisRound = 0;
    const peers = [];
    const onRelay = (index) => (from, signal) => {
      const text = signal.sdp ?? signal.candidate.candidate;
      latencies.push(performance.now() - Number(/t=([\d.]+)/.exec(text)[1]));
      delivered++;
      if (signal.type === 'offer') peers[index].send(from, answerNow());
      if (delivered === expectedThisRound) roundDone();
    };
    const connectStart = performance.now();
    await inBatches([...Array(clients).keys()], 100, async (index) => {
      peers[index] = await kind.connect(port, index, onRelay(index));
    });
    const connectSeconds = (performance.now() - connectStart) / 1000;
    await sleep(1000);
    const connected = sum(rssBytes);

    const start = performance.now();
    const cpuBefore = sum(cpuMs);
    for (let round = 0; round < rounds; round++) {
      expectedThisRound += (clients / 2) * (2 + 2 * CANDIDATES_PER_SIDE);
      const done = new Promise((resolve) => (roundDone = resolve));
      for (let pair = 0; pair < clients / 2; pair++) {
        const [a, b] = [peers[2 * pair], peers[2 * pair + 1]];
        a.send(b.id, offerNow());
        for (let c = 0; c < CANDIDATES_PER_SIDE; c++) {
          a.send(b.id, candidateNow(c));
          b.send(a.id, candidateNow(c));
        }
      }
      await Promise.race([done, sleep(120_000).then(() => Promise.reject(new Error('stalled')))]);
    }
    const seconds = (performance.now() - start) / 1000;
    const serverCpu = sum(cpuMs) - cpuBefore;
    for (const peer of peers) peer.close();
    latencies.sort((x, y) => x - y);
    return {
      connectSeconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      perSecond: delivered / seconds,
      bytesPerConnection: (connected - baseline) / clients,
      cpuPer10k: (serverCpu / delivered) * 10_000,
      delivered,
    };
  } finally {
    await server.stop();
  }
}

const offerNow = () => ({ type: 'offer', sdp: `${SDP}a=t=${performance.now()}\r\n` });
const answerNow = () => ({ type: 'answer', sdp: `${SDP}a=t=${performance.now()}\r\n` });
const candidateNow = (c) => ({
  type: 'candidate',
  candidate: {
    candidate: `candidate:${c} 1 udp 2122260223 127.0.0.1 ${50000 + c} typ host t=${performance.now()}`,
    sdpMid: '0',
    sdpMLineIndex: 0,
  },
});

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

/** Runs each kind `repeats` times, taking turns, and returns each figure's median per kind. */
async function measure(kinds, { clients, rounds, repeats }) {
  const runs = kinds.map(() => []);
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const [k, kind] of kinds.entries()) {
      runs[k].push(await loadOne(kind, { clients, rounds, port: 8098 + 2 * k }));
    }
  }
  return {
    figure: (k, key) => median(runs[k].map((run) => run[key])),
    delivered: runs[0][0].delivered,
  };
}

/**
 * Each server is measured `repeats` times, taking turns so that a slow spell of the machine
 * falls on all of them, and each figure is the median of its runs. Then the scale-out: one TFX
 * process against two sharing rooms through Redis, at each size in `scaleClients`.
 */
export async function benchSignallingLoad({
  clients = 5000,
  rounds = 4,
  repeats = 3,
  scaleClients = [5000, 20000],
} = {}) {
  const kinds = [tfx, peerjs, socketIoFloor];
  const { figure, delivered } = await measure(kinds, { clients, rounds, repeats });
  const row = (label, key, unit, scale = 1, digits = 1) => {
    const [ours, theirs, floor] = kinds.map((_, k) => figure(k, key) * scale);
    return `  ${label.padEnd(26)} ${ours.toFixed(digits).padStart(9)} ${theirs.toFixed(digits).padStart(14)} ${(ours / theirs).toFixed(2).padStart(6)}×   ${floor.toFixed(digits).padStart(15)} ${(ours / floor).toFixed(2).padStart(9)}×  ${unit}`;
  };
  console.log(
    `\nSignalling load: ${clients} sockets in ${clients / 2} pairs, ${rounds} rounds of offer, answer and ${2 * CANDIDATES_PER_SIDE} candidates (${delivered} relays a run); median of ${repeats} runs each`,
  );
  console.log(
    `  ${''.padEnd(26)} ${'TFX'.padStart(9)} ${'peerjs-server'.padStart(14)} ${'ratio'.padStart(7)}   ${'socket.io floor'.padStart(15)} ${'TFX/floor'.padStart(10)}`,
  );
  console.log(row('relay latency p50', 'p50', 'ms'));
  console.log(row('relay latency p99', 'p99', 'ms'));
  console.log(row('relays per second', 'perSecond', '/s', 1, 0));
  console.log(row('server memory per socket', 'bytesPerConnection', 'KiB', 1 / 1024));
  console.log(row('server CPU per 10k relays', 'cpuPer10k', 'ms', 1, 0));
  console.log(row('time to connect all', 'connectSeconds', 's'));

  for (const size of scaleClients) {
    const scale = await measure([tfx, tfxOnRedis], { clients: size, rounds, repeats });
    const line = (label, key, unit, factor = 1, digits = 1) => {
      const [one, two] = [0, 1].map((k) => scale.figure(k, key) * factor);
      return `  ${label.padEnd(30)} ${one.toFixed(digits).padStart(12)} ${two.toFixed(digits).padStart(16)} ${(two / one).toFixed(2).padStart(6)}×  ${unit}`;
    };
    console.log(
      `\nScale-out, ${size} sockets (${scale.delivered} relays a run, every pair split across the two processes); median of ${repeats} runs`,
    );
    console.log(`  ${''.padEnd(30)} ${'one process'.padStart(12)} ${'two + Redis'.padStart(16)}`);
    console.log(line('relays per second', 'perSecond', '/s', 1, 0));
    console.log(line('relay latency p50', 'p50', 'ms'));
    console.log(line('relay latency p99', 'p99', 'ms'));
    console.log(line('CPU per 10k relays (all procs)', 'cpuPer10k', 'ms', 1, 0));
    console.log(line('memory per socket (all procs)', 'bytesPerConnection', 'KiB', 1 / 1024));
  }
}
