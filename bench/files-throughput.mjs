// The Files widget against a raw DataChannel, in the same two browsers: one file of
// BENCH_FILES_MIB (256 by default) of random bytes, timed from the moment it is chosen to the
// moment the receiver's browser starts saving it (every byte in, digest checked), against the
// same number of bytes pushed through the bare page's raw channel as 16 KiB messages. Then one
// file of BENCH_FILES_BIG_MIB (1024 by default; 0 skips it) through the widget alone, with
// both browsers' memory sampled throughout: a long transfer must not grow either.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareCall, openExtensionCall } from './harness.mjs';
import { sampleMemory } from '../test/e2e/harness/process-memory.mjs';

const MIB = 1024 * 1024;
const FILE_MIB = Number(process.env.BENCH_FILES_MIB ?? 256);
const BIG_FILE_MIB = Number(process.env.BENCH_FILES_BIG_MIB ?? 1024);
const RUNS = Number(process.env.BENCH_FILES_RUNS ?? 3);
// Reading a process's memory map holds its memory lock for a moment: sampled too often, the
// measurement would slow what it measures.
const MEMORY_EVERY_MS = Number(process.env.BENCH_MEMORY_EVERY_MS ?? 2000);

function writeRandomFile(path, mib) {
  const fd = openSync(path, 'w');
  for (let written = 0; written < mib; written++) writeSync(fd, randomBytes(MIB));
  closeSync(fd);
}

/** Seconds from choosing the file to the receiver saving it, and both browsers' memory. */
async function sendThroughWidget([sender, receiver], browsers, path) {
  const widget = sender.frameLocator('iframe[title="Files"]');
  await widget.getByRole('combobox', { name: 'Send to' }).selectOption({ label: 'B' });
  const saved = receiver.waitForEvent('download', { timeout: 1_800_000 });
  const memory = browsers.map((browser) => sampleMemory(browser.pid, MEMORY_EVERY_MS));
  const start = performance.now();
  await widget.getByLabel('Files to send').setInputFiles(path);
  const download = await saved;
  const seconds = (performance.now() - start) / 1000;
  const [sending, receiving] = memory.map((sampler) => sampler.stop());
  await download.delete();
  return { seconds, sending, receiving };
}

const mib = (bytes) => `${(bytes / MIB).toFixed(0)} MiB`;
const growth = ({ first, peak, last }) =>
  `${mib(first)} → peak +${mib(peak - first)}, end +${mib(last - first)}`;

export async function benchFilesThroughput({ first, second, barePort }) {
  const folder = mkdtempSync(join(tmpdir(), 'tfx-bench-files-'));
  const path = join(folder, 'bench.bin');
  writeRandomFile(path, FILE_MIB);
  const sdk = await openExtensionCall(first, second, `bench-files-${Date.now()}`);
  await sdk[0].getByRole('button', { name: 'Widgets', exact: true }).click();
  await sdk[0].getByRole('button', { name: 'Files', exact: true }).click();
  for (const page of sdk) {
    await page
      .frameLocator('iframe[title="Files"]')
      .getByRole('button', { name: 'Choose files…' })
      .waitFor();
  }
  const bare = await bareCall(first, second, barePort, `bench-files-raw-${Date.now()}`);
  const seconds = { widget: [], raw: [] };
  const memory = [];
  let big;
  try {
    for (let run = 0; run < RUNS; run++) {
      const rawMs = await bare.raw.evaluate(
        ([total, chunk]) => globalThis.raw.transfer(total, chunk),
        [FILE_MIB * MIB, 16 * 1024],
      );
      seconds.raw.push(rawMs / 1000);
      const sent = await sendThroughWidget(sdk, [first, second], path);
      seconds.widget.push(sent.seconds);
      memory.push(sent);
    }
    if (BIG_FILE_MIB > 0) {
      rmSync(path);
      writeRandomFile(path, BIG_FILE_MIB);
      big = await sendThroughWidget(sdk, [first, second], path);
    }
  } finally {
    await Promise.all([...sdk, ...bare.pages].map((page) => page.close()));
    rmSync(folder, { recursive: true, force: true });
  }
  const rate = (list) => FILE_MIB / [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)];
  const widget = rate(seconds.widget);
  const raw = rate(seconds.raw);
  console.log(
    `\nFiles widget vs raw DataChannel, ${FILE_MIB} MiB, loopback, same browsers (${RUNS} run(s) each, median)`,
  );
  console.log(`${''.padEnd(40)} ${'Files'.padStart(12)}   ${'raw'.padStart(12)}   ratio`);
  console.log(
    `${'throughput'.padEnd(40)} ${`${widget.toFixed(2)} MiB/s`.padStart(12)}   ${`${raw.toFixed(2)} MiB/s`.padStart(12)}   ${(widget / raw).toFixed(2)}×`,
  );
  const list = (values) => values.map((s) => s.toFixed(1)).join(', ');
  console.log(
    `${'seconds per file'.padEnd(40)} ${list(seconds.widget).padStart(12)}   ${list(seconds.raw).padStart(12)}`,
  );
  console.log('browser memory (PSS, all processes) per Files run, sender | receiver:');
  for (const run of memory) console.log(`  ${growth(run.sending)} | ${growth(run.receiving)}`);
  if (big) {
    console.log(
      `Files, one ${BIG_FILE_MIB} MiB file: ${(BIG_FILE_MIB / big.seconds).toFixed(2)} MiB/s (${big.seconds.toFixed(1)} s)`,
    );
    console.log(`  sender   ${growth(big.sending)}`);
    console.log(`  receiver ${growth(big.receiving)}`);
  }
}
