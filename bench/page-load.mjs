// How soon each page lets a person act, in the two browsers the other benchmarks use:
// - the popup, from navigation to its words and the remembered name in place (it is opened as a
//   tab here: headless Chromium shows no toolbar, so the browser's own popup view is not timed);
// - the call window, from the click on Start call in the popup to the camera's first frame in
//   the pre-join preview (the window opening, the page loading, the camera starting);
// - each built-in widget, from the click on its dock button to its frame's first contentful
//   paint, in a two-person call with both cameras on. Each run opens them in another order, as
//   the first widget opened also opens the panel beside the videos.
// Times across pages are compared on the wall clock each page reports (performance.timeOrigin),
// which all processes of one machine share.
import { readFileSync } from 'node:fs';
import { fmt, openExtensionCall, percentile } from './harness.mjs';

const RUNS = Number(process.env.BENCH_PAGES_RUNS ?? 9);
const BUILT_IN = JSON.parse(readFileSync('widgetmanifest.json', 'utf8')).map(({ id, title }) => ({
  id,
  title,
}));

/** The wall-clock time of a performance mark (or paint entry) in a page or frame, once it exists. */
async function wallTimeOf(target, name) {
  await target.waitForFunction((entry) => performance.getEntriesByName(entry).length > 0, name, {
    timeout: 30_000,
    polling: 10,
  });
  return target.evaluate(
    (entry) => performance.timeOrigin + performance.getEntriesByName(entry)[0].startTime,
    name,
  );
}

const clickReporters = new WeakMap();

/**
 * Arms a page to report its next click: `at` resolves with the wall-clock time of the click as
 * the page saw it (its event's timestamp).
 */
async function armClickTimer(page) {
  if (!clickReporters.has(page)) {
    const reporter = { report: () => undefined };
    clickReporters.set(page, reporter);
    await page.exposeFunction('tfxBenchClicked', (at) => reporter.report(at));
  }
  const reporter = clickReporters.get(page);
  const at = new Promise((resolve) => (reporter.report = resolve));
  await page.evaluate(() =>
    document.addEventListener(
      'click',
      (event) => globalThis.tfxBenchClicked(performance.timeOrigin + event.timeStamp),
      { capture: true, once: true },
    ),
  );
  return { at };
}

async function popupReady(person) {
  const page = await person.context.newPage();
  await page.goto(`chrome-extension://${person.id}/src/popup/popup.html`);
  const ready = await wallTimeOf(page, 'tfx:popup-ready');
  const start = await page.evaluate(() => performance.timeOrigin);
  await page.close();
  return ready - start;
}

async function callWindowPreview(person, name) {
  const popup = await person.context.newPage();
  await popup.goto(`chrome-extension://${person.id}/src/popup/popup.html`);
  await wallTimeOf(popup, 'tfx:popup-ready');
  await popup.getByLabel('Your name').fill(name);
  const click = await armClickTimer(popup);
  const opened = person.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Start call' }).click();
  const call = await opened;
  const shown = await wallTimeOf(call, 'tfx:preview-shown');
  const elapsed = shown - (await click.at);
  await Promise.all([call.close(), popup.isClosed() ? undefined : popup.close()]);
  return elapsed;
}

/** Each widget opened in turn, starting with the `run`th: the first one also opens the panel. */
async function widgetOpenTimes(first, second, room, run) {
  const [a, b] = await openExtensionCall(first, second, room, { cameras: true });
  const times = {};
  const order = BUILT_IN.map((_, index) => BUILT_IN[(index + run) % BUILT_IN.length]);
  for (const { id, title } of order) {
    const widgets = a.getByRole('button', { name: 'Widgets', exact: true });
    if ((await widgets.getAttribute('aria-expanded')) !== 'true') await widgets.click();
    const click = await armClickTimer(a);
    await a.getByRole('button', { name: title, exact: true }).click();
    const frame = await waitForFrame(a, `/widgets/${id}/`);
    times[id] = (await wallTimeOf(frame, 'first-contentful-paint')) - (await click.at);
  }
  await Promise.all([a.close(), b.close()]);
  return times;
}

async function waitForFrame(page, path) {
  for (let tries = 0; tries < 3000; tries++) {
    const frame = page.frames().find((candidate) => candidate.url().includes(path));
    if (frame) return frame;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no frame for ${path}`);
}

export async function benchPageLoad({ first, second }) {
  const popup = [];
  const preview = [];
  const widgets = Object.fromEntries(BUILT_IN.map(({ id }) => [id, []]));
  // One warm-up of each (first loads of the extension's files), not counted.
  for (let run = -1; run < RUNS; run++) {
    const times = [await popupReady(first), await callWindowPreview(first, 'A')];
    const opened = await widgetOpenTimes(first, second, `bench-pages-${run}`, run + 1);
    if (run < 0) continue;
    popup.push(times[0]);
    preview.push(times[1]);
    for (const [id, ms] of Object.entries(opened)) widgets[id].push(ms);
  }
  console.log(`\nPages and widgets, ${RUNS} runs each after a warm-up`);
  console.log(`${''.padEnd(48)} ${'p50'.padStart(9)}   ${'p95'.padStart(9)}   goal (p50)`);
  const row = (label, values, goal) =>
    console.log(
      `${label.padEnd(48)} ${fmt(percentile(values, 50))}   ${fmt(percentile(values, 95))}   ${goal}`,
    );
  row('popup: open → ready', popup, '≤ 100 ms');
  row('call window: Start call → pre-join preview', preview, '≤ 1000 ms');
  for (const { id, title } of BUILT_IN)
    row(`widget ${title}: dock click → first paint`, widgets[id], '≤ 300 ms');
}
