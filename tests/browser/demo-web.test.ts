// The browser demo (samples/web): built as `npm run demo:web` builds it (fewer epochs), served by its own
// static server and opened in headless Chromium. Every shown test image, clicked, must get the label (and
// the probabilities) that the CPU interpreter gives in Node on the artifact's graph; a stroke drawn on the
// canvas must be classified the same way too; the page's parts must be on screen. The CPU fallback
// (?backend=cpu) classifies the strip the same.
// KILN_WEB_SCREENSHOT=FILE keeps the screenshot (samples/web/screenshot.png is taken so).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { tensor } from '../../ir/tensor.ts';
import { loadArtifact } from '../../runtime/artifact.ts';
import { artifactGraph } from '../../runtime/artifact-graph.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { buildWebDemo } from '../../samples/web/build.ts';
import { serveStatic } from '../../samples/web/static-server.ts';
import { haveChromium, noBrowserWebGpu, openPage } from './server.ts';

const ROOT = join(import.meta.dirname, '../..');
const PROB_TOLERANCE = 1e-3;
/** Mouse strokes, as fractions of the drawing canvas: the outline of two legs, then their insides and the waist. */
const TROUSERS: [number, number][][] = [
  [[0.3, 0.9], [0.34, 0.1], [0.66, 0.1], [0.7, 0.9]],
  [[0.38, 0.9], [0.42, 0.15]],
  [[0.62, 0.9], [0.58, 0.15]],
  [[0.36, 0.2], [0.64, 0.2]],
  [[0.4, 0.3], [0.6, 0.3]],
];

function softmax(logits: ArrayLike<number>): number[] {
  const max = Math.max(...Array.from(logits));
  const e = Array.from(logits, (v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** What the page shows after a run: the result's source and label, and the bars' probabilities. */
const shown = (page: Page) =>
  page.evaluate(() => {
    const r = document.getElementById('result')!;
    return {
      source: r.dataset.source,
      label: Number(r.dataset.label),
      text: document.getElementById('label')!.textContent,
      timing: document.getElementById('timing')!.textContent ?? '',
      probs: Array.from(document.querySelectorAll<HTMLElement>('#bars .bar'), (b) => Number(b.dataset.p)),
    };
  });

/** The PNG's size from its IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)], 'PNG signature').toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

it('serves the Fashion-MNIST demo page and classifies its test images and a drawing as the CPU interpreter does', { timeout: 120_000 }, async (t) => {
  if (!haveChromium()) return t.skip('Chromium is not installed: the browser demo was not run');
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'out', 'demo-web-'));
  const demo = await buildWebDemo(dir, { epochs: 2, log: () => undefined });
  const graph = artifactGraph(await loadArtifact(demo.artifactDir));
  const reference = (x: ArrayLike<number>) => {
    const [logits] = interpret(graph, new Map([['x', tensor('f32', [1, 784], Float32Array.from(x))]]));
    const probs = softmax(logits.data as Float32Array);
    return { label: probs.indexOf(Math.max(...probs)), probs };
  };
  const { labels, x } = demo.images;
  const want = labels.map((_, i) => reference(x.subarray(i * 784, (i + 1) * 784)));
  expect(new Set(want.map((w) => w.label)).size, 'the shown images get several different labels').toBeGreaterThan(3);

  const server = await serveStatic(dir);
  const { page, logs, browser } = await openPage(server).catch(async (e: unknown) => {
    await server.close();
    throw e;
  });
  try {
    await page.setViewportSize({ width: 1000, height: 820 });
    const error = await page.evaluate(() => (window as unknown as { kilnError?: string }).kilnError);
    expect(error, `the page loaded the model (log: ${logs.join(' | ')})`).toBeUndefined();
    const backend = await page.locator('#backend').textContent();
    expect(['webgpu', 'cpu']).toContain(backend);
    if (backend !== 'webgpu') noBrowserWebGpu(`the demo page loaded on '${backend}' with backend: auto`);
    expect(server.requests).toContain('/artifact/manifest.json');
    expect(await page.locator('#strip .thumb').count()).toBe(labels.length);

    // Each test image, clicked: the page's label and probabilities are the interpreter's.
    for (let i = 0; i < labels.length; i++) {
      await page.locator(`.thumb[data-index="${i}"]`).click();
      await page.waitForFunction((i) => document.getElementById('result')?.dataset.source === `test:${i}`, i);
      const got = await shown(page);
      expect(got.label, `test image ${i}: label`).toBe(want[i].label);
      got.probs.forEach((p, k) => expect(Math.abs(p - want[i].probs[k]), `test image ${i}: p(${k})`).toBeLessThan(PROB_TOLERANCE));
      expect(got.timing).toMatch(new RegExp(`^\\d+\\.\\d\\d ms on ${backend}$`));
    }

    // Strokes on the canvas with the mouse (a pair of trousers), then Classify.
    const pad = (await page.locator('#pad').boundingBox())!;
    const stroke = async (points: [number, number][]) => {
      await page.mouse.move(pad.x + points[0][0] * pad.width, pad.y + points[0][1] * pad.height);
      await page.mouse.down();
      for (const [px, py] of points.slice(1)) await page.mouse.move(pad.x + px * pad.width, pad.y + py * pad.height, { steps: 8 });
      await page.mouse.up();
    };
    for (const s of TROUSERS) await stroke(s);
    const drawn = await page.evaluate(() => (window as unknown as { demo: { drawingPixels(): number[] } }).demo.drawingPixels());
    expect(drawn).toHaveLength(784);
    expect(drawn.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(drawn.filter((v) => v > 0.5).length, 'the stroke reached the model input').toBeGreaterThan(40);
    await page.locator('#classify').click();
    await page.waitForFunction(() => document.getElementById('result')?.dataset.source === 'drawing');
    const got = await shown(page);
    const ref = reference(drawn);
    expect(got.label).toBe(ref.label);
    expect(got.text).toBe((await page.evaluate(() => (window as unknown as { demo: { classes: string[] } }).demo.classes))[ref.label]);
    expect(Math.abs(got.probs.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-4);

    // Classify all marks the strip; then a screenshot with every part on screen.
    await page.locator('#classify-all').click();
    await expect.poll(() => page.locator('#strip-score').textContent()).toMatch(/^\d+ of \d+ right$/);
    const marked = await page.locator('.thumb').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.predicted)));
    expect(marked).toEqual(want.map((w) => w.label));
    await page.locator('#classify').click(); // the drawing's bars again, for the screenshot
    await page.waitForFunction(() => document.getElementById('result')?.dataset.source === 'drawing');
    for (const sel of ['#strip', '#pad', '#bars', '#timing', '#label', '#backend', '#input-preview']) expect(await page.locator(sel).isVisible(), `${sel} is visible`).toBe(true);
    const png = await page.screenshot({ fullPage: true });
    const size = pngSize(png);
    expect(size.width).toBeGreaterThanOrEqual(900);
    expect(size.height).toBeGreaterThanOrEqual(600);
    // Decoded by the page itself: many colours, none covering nearly everything.
    const colours = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = new OffscreenCanvas(img.width, img.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, img.width, img.height).data;
      const count = new Map<number, number>();
      for (let i = 0; i < d.length; i += 4) {
        const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        count.set(k, (count.get(k) ?? 0) + 1);
      }
      return { distinct: count.size, top: Math.max(...count.values()) / (d.length / 4) };
    }, png.toString('base64'));
    expect(colours.distinct).toBeGreaterThan(50);
    expect(colours.top).toBeLessThan(0.9);
    // The strip and the bars differ as pictures too (not one flat region repeated).
    const [strip, bars] = [await page.locator('#strip').screenshot(), await page.locator('#bars').screenshot()];
    expect(pngSize(strip).width).toBeGreaterThan(400);
    expect(Buffer.compare(strip, bars)).not.toBe(0);
    if (process.env.KILN_WEB_SCREENSHOT) writeFileSync(process.env.KILN_WEB_SCREENSHOT, png);
    await page.locator('#clear').click();
    expect((await page.evaluate(() => (window as unknown as { demo: { drawingPixels(): number[] } }).demo.drawingPixels())).every((v) => v === 0), 'Clear blanks the drawing').toBe(true);
    expect(logs.filter((l) => l.startsWith('page error'))).toEqual([]);

    // The CPU fallback, asked for in the URL, classifies the strip the same.
    await page.goto(`${server.url}?backend=cpu`);
    await page.waitForFunction(() => (window as unknown as { kilnReady?: boolean }).kilnReady === true);
    expect(await page.locator('#backend').textContent()).toBe('cpu');
    expect(server.requests.some((p) => p.startsWith('/chunks/cpu-')), 'the CPU chunk was fetched').toBe(true);
    await page.locator('#classify-all').click();
    await expect.poll(() => page.locator('#strip-score').textContent()).toMatch(/^\d+ of \d+ right$/);
    const cpuMarked = await page.locator('.thumb').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.predicted)));
    expect(cpuMarked).toEqual(want.map((w) => w.label));
    expect(logs.filter((l) => l.startsWith('page error'))).toEqual([]);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
