// The Files widget against a raw DataChannel, in the same two browsers: one file of
// BENCH_FILES_MIB (256 by default) of random bytes, timed from the moment it is chosen to the
// moment the receiver's browser starts saving it (every byte in, SHA-256 checked), against
// the same number of bytes pushed through the bare page's raw channel as 16 KiB messages.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareCall, openExtensionCall } from './harness.mjs';

const MIB = 1024 * 1024;
const FILE_MIB = Number(process.env.BENCH_FILES_MIB ?? 256);
const RUNS = Number(process.env.BENCH_FILES_RUNS ?? 1);

function writeRandomFile(path) {
  const fd = openSync(path, 'w');
  for (let written = 0; written < FILE_MIB; written++) writeSync(fd, randomBytes(MIB));
  closeSync(fd);
}

async function sendThroughWidget([sender, receiver], path) {
  const widget = sender.frameLocator('iframe[title="Files"]');
  await widget.getByRole('combobox', { name: 'Send to' }).selectOption({ label: 'B' });
  const saved = receiver.waitForEvent('download', { timeout: 1_800_000 });
  const start = performance.now();
  await widget.getByLabel('Files to send').setInputFiles(path);
  const download = await saved;
  const seconds = (performance.now() - start) / 1000;
  await download.delete();
  return seconds;
}

export async function benchFilesThroughput({ first, second, barePort }) {
  const folder = mkdtempSync(join(tmpdir(), 'tfx-bench-files-'));
  const path = join(folder, 'bench.bin');
  writeRandomFile(path);
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
  try {
    for (let run = 0; run < RUNS; run++) {
      const rawMs = await bare.raw.evaluate(
        ([total, chunk]) => globalThis.raw.transfer(total, chunk),
        [FILE_MIB * MIB, 16 * 1024],
      );
      seconds.raw.push(rawMs / 1000);
      seconds.widget.push(await sendThroughWidget(sdk, path));
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
  console.log(
    `${'seconds per file'.padEnd(40)} ${seconds.widget
      .map((s) => s.toFixed(1))
      .join(', ')
      .padStart(12)}   ${seconds.raw
      .map((s) => s.toFixed(1))
      .join(', ')
      .padStart(12)}`,
  );
}
