// The curves of a fit() history as an SVG: one panel per series (the loss, then each validation metric),
// epochs along x, each panel scaled to its own range, with the first and last values labelled. Plain SVG
// text, so it opens in any browser and sits in a README.
import type { History } from './fit.ts';

const W = 480, H = 160, PAD = { left: 56, right: 16, top: 28, bottom: 28 };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));

function panel(name: string, values: readonly number[], top: number): string {
  const lo = Math.min(...values), hi = Math.max(...values);
  const span = hi - lo || Math.abs(hi) || 1;
  const x = (i: number) => PAD.left + (values.length === 1 ? 0 : (i / (values.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => top + PAD.top + (1 - (v - lo) / span) * (H - PAD.top - PAD.bottom);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const bottom = top + H - PAD.bottom;
  return [
    `<text x="${PAD.left}" y="${top + 18}" font-size="13" font-weight="bold">${esc(name)}</text>`,
    `<line x1="${PAD.left}" y1="${bottom}" x2="${W - PAD.right}" y2="${bottom}" stroke="#888"/>`,
    `<line x1="${PAD.left}" y1="${top + PAD.top}" x2="${PAD.left}" y2="${bottom}" stroke="#888"/>`,
    `<text x="${PAD.left - 6}" y="${y(hi) + 4}" font-size="11" text-anchor="end">${num(hi)}</text>`,
    `<text x="${PAD.left - 6}" y="${y(lo) + 4}" font-size="11" text-anchor="end">${num(lo)}</text>`,
    `<text x="${W - PAD.right}" y="${bottom + 16}" font-size="11" text-anchor="end">epoch ${values.length}</text>`,
    `<text x="${PAD.left}" y="${bottom + 16}" font-size="11">epoch 1</text>`,
    `<polyline fill="none" stroke="#1f6feb" stroke-width="2" points="${points}"/>`,
    ...values.map((v, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="#1f6feb"><title>epoch ${i + 1}: ${num(v)}</title></circle>`),
  ].join('\n');
}

/** The loss and every logged validation metric of `history`, one panel each, as an SVG document. */
export function curvesSvg(history: History, title = 'training'): string {
  const series: [string, number[]][] = [['loss', history.epochs.map((e) => e.loss)]];
  for (const k of Object.keys(history.epochs[0]?.metrics ?? {})) series.push([k, history.epochs.map((e) => e.metrics[k])]);
  const height = 24 + series.length * H;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="18" font-size="14">${esc(title)}</text>`,
    ...series.map(([name, values], i) => panel(name, values, 24 + i * H)),
    '</svg>',
    '',
  ].join('\n');
}
