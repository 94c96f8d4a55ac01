import * as tfx from '@tfx/sdk';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { describeLatest, StatsHistory, type PeerSeries } from './stats-history';
import { STATS_STRINGS, type StatsStrings } from './stats-strings';

// The call's colours, from the SDK: the page's styles switch on data-theme, and the charts'
// axes (drawn on canvas, out of CSS's reach) read their ink when they draw.
const showTheme = (theme: tfx.Theme): void => {
  document.documentElement.dataset.theme = theme;
  for (const view of views.values()) for (const plot of [view.quality, view.bitrate]) plot.redraw();
};
const axisInk = () => (tfx.theme() === 'dark' ? '#cbd5e1' : '#334155');
const gridInk = () => (tfx.theme() === 'dark' ? '#334155' : '#e2e8f0');
const AXIS: uPlot.Axis = { stroke: axisInk, grid: { stroke: gridInk }, ticks: { stroke: gridInk } };

const container = document.querySelector<HTMLElement>('#peers')!;
const empty = document.querySelector<HTMLElement>('#empty')!;
const history = new StatsHistory();
// English until the host has said hello and the reader's words are known (see the end).
let words: StatsStrings = STATS_STRINGS.en;

/** The charts of one peer: round trip and loss, and bitrates in and out. */
interface PeerView {
  section: HTMLElement;
  summary: HTMLElement;
  quality: uPlot;
  bitrate: uPlot;
}
const views = new Map<string, PeerView>();
showTheme(tfx.theme());
tfx.onThemeChanged(showTheme);

function chartWidth(): number {
  return Math.max(200, container.clientWidth - 24);
}

function chart(title: string, series: uPlot.Series[], parent: HTMLElement): uPlot {
  return new uPlot(
    {
      title,
      width: chartWidth(),
      height: 130,
      series: [{}, ...series],
      axes: [AXIS, { ...AXIS, size: 50 }],
      legend: { live: false },
    },
    [[], ...series.map(() => [])],
    parent,
  );
}

function viewFor(peerId: string, name: string): PeerView {
  const existing = views.get(peerId);
  if (existing) return existing;
  const section = document.createElement('section');
  section.setAttribute('aria-label', words.statisticsFor(name));
  const heading = document.createElement('h2');
  heading.textContent = name;
  const summary = document.createElement('p');
  summary.className = 'summary';
  section.append(heading, summary);
  container.append(section);
  const view = {
    section,
    summary,
    quality: chart(
      words.roundTripAndLoss,
      [
        { label: 'RTT ms', stroke: '#2563eb', width: 2 },
        { label: `${words.loss} %`, stroke: '#dc2626', width: 2 },
      ],
      section,
    ),
    bitrate: chart(
      words.bitrate,
      [
        { label: words.in, stroke: '#059669', width: 2 },
        { label: words.out, stroke: '#d97706', width: 2 },
      ],
      section,
    ),
  };
  views.set(peerId, view);
  return view;
}

function render(peerId: string, series: PeerSeries): void {
  const view = viewFor(peerId, series.latest.peer.name);
  view.summary.textContent = describeLatest(series.latest, words);
  view.quality.setData([series.times, series.roundTripMs, series.packetLossPercent]);
  view.bitrate.setData([series.times, series.bitrateInKbps, series.bitrateOutKbps]);
}

tfx.onStats((samples) => {
  history.add(samples);
  const entries = history.entries();
  for (const [peerId, view] of views) {
    if (entries.some(([id]) => id === peerId)) continue;
    view.quality.destroy();
    view.bitrate.destroy();
    view.section.remove();
    views.delete(peerId);
  }
  for (const [peerId, series] of entries) render(peerId, series);
  empty.hidden = entries.length > 0;
});

new ResizeObserver(() => {
  for (const view of views.values()) {
    view.quality.setSize({ width: chartWidth(), height: 130 });
    view.bitrate.setSize({ width: chartWidth(), height: 130 });
  }
}).observe(container);

// The reader's words, once the host has said which language that is. No peer's charts exist
// before then: the host's first statistics come after its hello.
await tfx.ready();
words = tfx.stringsFor(STATS_STRINGS);
document.documentElement.lang = tfx.language();
empty.textContent = words.waiting;
