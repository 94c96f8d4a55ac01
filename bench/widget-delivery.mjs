// A packed widget delivered over the call: from Bea's click on "Open for this call" to the
// widget's first paint in her call, for a 1 MiB bundle Ana added, against the reference in the
// same run: Ana opening the same widget from her own store (no transfer), from her click on
// the dock to its first paint. Both are timed from this process around the click, waiting for
// the widget's own text, so both carry the same polling cost.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { runnerImport } from 'vite';
import { fmt, openExtensionCall, percentile } from './harness.mjs';

const RUNS = Number(process.env.BENCH_DELIVERY_RUNS ?? 7);
const PADDING_BYTES = 1024 * 1024;

/** The test-only Tally widget, packed, with 1 MiB that does not compress inside it. */
async function oneMebibyteWidget(folder) {
  const { module: packing } = await runnerImport('./scripts/pack-widget.ts');
  const packed = await packing.packWidget(
    'tfx-test-tally',
    [
      {
        manifestFile: 'test/fixtures/packable/widgetmanifest.json',
        pagesDir: 'test/fixtures/packable',
      },
    ],
    folder,
  );
  const files = unzipSync(new Uint8Array(readFileSync(packed.file)));
  const padding = new Uint8Array(PADDING_BYTES);
  for (let at = 0; at < padding.length; at += 65536)
    crypto.getRandomValues(padding.subarray(at, at + 65536));
  files['widgets/tfx-test-tally/padding.bin'] = padding;
  const bytes = zipSync(files);
  const file = join(folder, 'tfx-test-tally-1mib.tfxwidget');
  writeFileSync(file, bytes);
  return { file, size: bytes.length };
}

async function addInSettings(person, file) {
  const settings = await person.context.newPage();
  await settings.goto(`chrome-extension://${person.id}/src/options/options.html`);
  const chooser = settings.waitForEvent('filechooser');
  await settings.getByRole('button', { name: 'Add widget…' }).click();
  await (await chooser).setFiles(file);
  await settings.getByText(/^Added Tally/).waitFor({ timeout: 30_000 });
  await settings.close();
}

async function openFromDock(page) {
  const widgets = page.getByRole('button', { name: 'Widgets', exact: true });
  if ((await widgets.getAttribute('aria-expanded')) !== 'true') await widgets.click();
  await page
    .getByRole('toolbar', { name: 'Widgets' })
    .getByRole('button', { name: 'Tally' })
    .click();
}

const painted = (page, name) =>
  page
    .frameLocator('iframe[title="Tally"]')
    .getByText(`Counting with ${name}`)
    .waitFor({ timeout: 60_000 });

export async function benchWidgetDelivery({ first, second }) {
  const folder = mkdtempSync(join(tmpdir(), 'tfx-bench-widget-'));
  const { file, size } = await oneMebibyteWidget(folder);
  await addInSettings(first, file);
  const delivered = [];
  const local = [];
  // One warm-up (the first runner page and the first transfer), not counted.
  for (let run = -1; run < RUNS; run++) {
    const [a, b] = await openExtensionCall(first, second, `bench-widget-${run}`);
    let started = performance.now();
    await openFromDock(a);
    await painted(a, 'A');
    const opened = performance.now() - started;
    const accept = b.getByRole('button', { name: 'Open for this call' });
    await accept.waitFor({ timeout: 30_000 });
    started = performance.now();
    await accept.click();
    await painted(b, 'B');
    const arrived = performance.now() - started;
    if (run >= 0) {
      local.push(opened);
      delivered.push(arrived);
    }
    await Promise.all([a.close(), b.close()]);
  }
  console.log(
    `\nA packed widget of ${(size / 1024).toFixed(0)} KiB, ${RUNS} runs, loopback, cameras off`,
  );
  console.log(`${''.padEnd(44)} ${'p50'.padStart(9)}   ${'p95'.padStart(9)}`);
  const row = (label, values) =>
    console.log(
      `${label.padEnd(44)} ${fmt(percentile(values, 50))}   ${fmt(percentile(values, 95))}`,
    );
  row('Bea: Open for this call → first paint', delivered);
  row('reference, Ana: dock → first paint (her own)', local);
  console.log(
    `${'ratio, p50'.padEnd(44)} ${(percentile(delivered, 50) / percentile(local, 50)).toFixed(2).padStart(8)}×`,
  );
}
