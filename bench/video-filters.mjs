// Video filters and face effects against no filter, in the same call: the frames Ana's camera makes (Chromium's
// fake camera at 1280×720 makes 20 a second unless told otherwise; its own settings say so
// below), the frames she sends and the frames Bea decodes, for
// each filter and each face effect in turn and for the unfiltered camera before and after. A
// filter or effect that cannot keep up shows as fewer frames sent than the unfiltered rows.
// The fake camera shows no face: the effect rows pay for detection (a worker on a 320×240 copy
// a few times a second) and for the canvas every frame goes through, but draw no overlay. The
// background rows pay for segmentation (on the page's thread) and for the blur, or the picture,
// drawn behind the person in every frame.
import { openExtensionCall } from './harness.mjs';

const SECONDS = Number(process.env.BENCH_FILTER_SECONDS ?? 8);
const FILTERS = ['No filter', 'Black and white', 'Sepia', 'Warm', 'Cool', 'High contrast'];
const FACE_EFFECTS = ['Sunglasses', 'Hat', 'Smiley mask', 'Blur my face'];

// Installed before the call page loads: keeps its peer connections reachable for getStats.
function trackPeerConnections() {
  const Original = RTCPeerConnection;
  const made = [];
  globalThis.__pcs = made;
  globalThis.RTCPeerConnection = class extends Original {
    constructor(config) {
      super(config);
      made.push(this);
    }
  };
}

const videoCounters = (page, type, field) =>
  page.evaluate(
    async ([wanted, name]) => {
      let total = 0;
      for (const pc of globalThis.__pcs.filter((pc) => pc.connectionState === 'connected')) {
        (await pc.getStats()).forEach((report) => {
          if (report.type === wanted && report.kind === 'video') total += report[name] ?? 0;
        });
      }
      return total;
    },
    [type, field],
  );

async function measure(sender, receiver) {
  const before = await Promise.all([
    videoCounters(sender, 'outbound-rtp', 'framesSent'),
    videoCounters(receiver, 'inbound-rtp', 'framesDecoded'),
  ]);
  await sender.waitForTimeout(SECONDS * 1000);
  const after = await Promise.all([
    videoCounters(sender, 'outbound-rtp', 'framesSent'),
    videoCounters(receiver, 'inbound-rtp', 'framesDecoded'),
  ]);
  return { sent: (after[0] - before[0]) / SECONDS, decoded: (after[1] - before[1]) / SECONDS };
}

export async function benchVideoFilters({ first, second }) {
  for (const person of [first, second]) await person.context.addInitScript(trackPeerConnections);
  const [a, b] = await openExtensionCall(first, second, `bench-filters-${Date.now()}`, {
    cameras: true,
  });
  await a.getByRole('button', { name: 'Camera settings', exact: true }).click();
  const picker = a.getByRole('combobox', { name: 'Filter' });
  await a.waitForTimeout(3000); // the encoder settles on its rate
  // What the camera itself delivers, as its track reports it: the ceiling for every row.
  const cameraFps = await a.evaluate(() => {
    const sender = globalThis.__pcs
      .flatMap((pc) => pc.getSenders())
      .find((each) => each.track?.kind === 'video');
    return sender?.track?.getSettings().frameRate;
  });
  const rows = [['camera, no filter stage', await measure(a, b)]];
  for (const filter of FILTERS.slice(1)) {
    await picker.selectOption({ label: filter });
    await a.waitForTimeout(1000);
    rows.push([filter, await measure(a, b)]);
  }
  await picker.selectOption({ label: 'No filter' });
  await a.waitForTimeout(1000);
  rows.push(['filter stage on, No filter', await measure(a, b)]);
  const faces = a.getByRole('combobox', { name: 'Face' });
  for (const effect of FACE_EFFECTS) {
    await faces.selectOption({ label: effect });
    // The first effect starts the detector: its model compiles in the first detection, which
    // took 8–9 s on a 2-core machine without a GPU. The rows measure the effect running.
    await a.waitForTimeout(effect === FACE_EFFECTS[0] ? 12_000 : 1000);
    rows.push([`face: ${effect}`, await measure(a, b)]);
  }
  await faces.selectOption({ label: 'No effect' });
  await a.waitForTimeout(1000);
  rows.push(['effects off again', await measure(a, b)]);
  // Background blur: the segmentation runs on the page's thread (its API takes a canvas).
  const background = a.getByRole('combobox', { name: 'Background' });
  await background.selectOption({ label: 'Blurred' });
  await a.waitForTimeout(10_000); // its model loads and compiles first (7 s seen)
  rows.push(['background: Blurred', await measure(a, b)]);
  // A picture instead: the same segmentation, a picture drawn where the blur was.
  await background.selectOption({ label: 'Seaside' });
  await a.waitForTimeout(1000);
  rows.push(['background: Seaside (picture)', await measure(a, b)]);
  await background.selectOption({ label: 'As it is' });
  await a.waitForTimeout(1000);
  rows.push(['background as it is again', await measure(a, b)]);
  await Promise.all([a.close(), b.close()]);

  const reference = rows[0][1];
  console.log(
    `\nVideo filters and face effects: frames per second over ${SECONDS} s each, 1280×720 fake camera (its track: ${cameraFps} fps)`,
  );
  console.log(
    `${''.padEnd(32)} ${'sent'.padStart(8)} ${'decoded'.padStart(8)}   sent vs no filter`,
  );
  for (const [label, { sent, decoded }] of rows) {
    console.log(
      `${label.padEnd(32)} ${sent.toFixed(1).padStart(8)} ${decoded.toFixed(1).padStart(8)}   ${(sent / reference.sent).toFixed(2)}×`,
    );
  }
}
