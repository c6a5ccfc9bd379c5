// The demo page's app: loads the compiled classifier through the artifact's model.js (kiln/runtime only),
// shows the bundled test images and a drawing canvas, and classifies one 28×28 image per click. The
// bundle's entry (written by build.ts) imports the artifact's module and passes it to start().
import type { RuntimeBackend } from 'kiln/runtime';

/** What the app uses of the generated model.js (load and its model). */
export interface ModelModule {
  load(options: { source: URL; backend: RuntimeBackend }): Promise<{
    readonly backend: 'webgpu' | 'cpu';
    run(inputs: { x: Float32Array }): Promise<Record<string, Float32Array>>;
  }>;
}

/** The result of one classification, as the page shows it. */
export interface Classified {
  readonly label: number;
  readonly className: string;
  readonly probs: number[];
  readonly ms: number;
}

/** What the page exposes as window.demo (for the console and the browser test). */
export interface DemoApi {
  readonly backend: string;
  readonly classes: readonly string[];
  /** The test images' labels, in strip order. */
  readonly labels: readonly number[];
  classify(x: ArrayLike<number>, source?: string): Promise<Classified>;
  /** The drawing downsampled to the model's input: 784 values in [0, 1]. */
  drawingPixels(): number[];
}

interface TestImages {
  readonly classes: readonly string[];
  readonly labels: readonly number[];
  readonly pixels: string;
}

const SIDE = 28;
const PIXELS = SIDE * SIDE;
/** The drawing canvas is 10× the model's input; each input pixel averages a 10×10 block. */
const SCALE = 10;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function softmax(logits: ArrayLike<number>): number[] {
  const max = Math.max(...Array.from(logits));
  const e = Array.from(logits, (v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** Paints 784 values in [0, 1] (white garment on black) into a 28×28 canvas. */
function paint(canvas: HTMLCanvasElement, x: ArrayLike<number>): void {
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(SIDE, SIDE);
  for (let i = 0; i < PIXELS; i++) {
    const v = Math.round(Math.min(1, Math.max(0, x[i])) * 255);
    img.data.set([v, v, v, 255], i * 4);
  }
  ctx.putImageData(img, 0, 0);
}

function thumbCanvas(): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = c.height = SIDE;
  return c;
}

function decodePixels(base64: string): Uint8Array {
  const s = atob(base64);
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
}

/** Mouse and touch strokes (pointer events) in white on black; onStroke after each. */
function drawingPad(canvas: HTMLCanvasElement, onStroke: () => void): { clear(): void; pixels(): number[] } {
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const clear = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  };
  clear();
  let last: { x: number; y: number } | undefined;
  const at = (e: PointerEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * canvas.width) / r.width, y: ((e.clientY - r.top) * canvas.height) / r.height };
  };
  const line = (to: { x: number; y: number }) => {
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 3 * SCALE;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo((last ?? to).x, (last ?? to).y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    last = to;
  };
  canvas.addEventListener('pointerdown', (e) => {
    canvas.setPointerCapture(e.pointerId);
    last = undefined;
    line(at(e));
  });
  canvas.addEventListener('pointermove', (e) => {
    if (last) line(at(e));
  });
  const end = () => {
    if (!last) return;
    last = undefined;
    onStroke();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  return {
    clear,
    pixels() {
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const out = new Array<number>(PIXELS).fill(0);
      for (let y = 0; y < canvas.height; y++) {
        for (let x = 0; x < canvas.width; x++) out[Math.floor(y / SCALE) * SIDE + Math.floor(x / SCALE)] += data[(y * canvas.width + x) * 4];
      }
      return out.map((v) => v / (255 * SCALE * SCALE));
    },
  };
}

/** Builds the ten probability bars once; show() fills them in. */
function probabilityBars(host: HTMLElement, classes: readonly string[]): (probs: readonly number[], label: number) => void {
  const rows = classes.map((name) => {
    const row = document.createElement('div');
    row.className = 'bar';
    row.innerHTML = '<span class="name"></span><span class="track"><span class="fill"></span></span><span class="pct"></span>';
    row.querySelector<HTMLElement>('.name')!.textContent = name;
    host.append(row);
    return row;
  });
  return (probs, label) =>
    rows.forEach((row, i) => {
      row.dataset.p = String(probs[i]);
      row.classList.toggle('top', i === label);
      row.querySelector<HTMLElement>('.fill')!.style.width = `${(100 * probs[i]).toFixed(1)}%`;
      row.querySelector<HTMLElement>('.pct')!.textContent = `${(100 * probs[i]).toFixed(1)}%`;
    });
}

export async function start(model: ModelModule): Promise<void> {
  const w = window as unknown as { demo?: DemoApi; kilnReady?: boolean; kilnError?: string };
  const status = $('status');
  try {
    const asked = (new URLSearchParams(location.search).get('backend') ?? 'auto') as RuntimeBackend;
    const t0 = performance.now();
    const [m, shown] = await Promise.all([
      model.load({ source: new URL('./artifact/', location.href), backend: asked }),
      fetch(new URL('./test-images.json', location.href)).then((r) => r.json() as Promise<TestImages>),
    ]);
    const loadMs = performance.now() - t0;
    const { classes, labels } = shown;
    const pixels = decodePixels(shown.pixels);

    const backend = $('backend');
    backend.textContent = m.backend;
    backend.dataset.backend = m.backend;
    status.textContent = `model loaded in ${loadMs.toFixed(0)} ms${asked === 'auto' ? '' : ` (asked for ${asked})`}`;

    const showBars = probabilityBars($('bars'), classes);
    const preview = $<HTMLCanvasElement>('input-preview');
    const result = $('result');
    // One run at a time: a click while a run is in flight waits for it.
    let queue: Promise<unknown> = Promise.resolve();
    const classify = (x: ArrayLike<number>, source = 'console'): Promise<Classified> => {
      const run = queue.then(async () => {
        const input = Float32Array.from(x);
        const t = performance.now();
        const out = await m.run({ x: input });
        const ms = performance.now() - t;
        const probs = softmax(Object.values(out)[0]);
        const label = probs.indexOf(Math.max(...probs));
        paint(preview, input);
        showBars(probs, label);
        $('label').textContent = classes[label];
        $('timing').textContent = `${ms.toFixed(2)} ms on ${m.backend}`;
        result.dataset.label = String(label);
        result.dataset.source = source;
        result.hidden = false;
        return { label, className: classes[label], probs, ms };
      });
      queue = run.catch(() => undefined);
      return run;
    };

    // The strip of test images: click one to classify it; the first run on WebGPU also builds caches, so warm up first.
    await classify(new Float32Array(PIXELS), 'warm-up');
    result.hidden = true;
    const strip = $('strip');
    const image = (i: number) => Array.from(pixels.subarray(i * PIXELS, (i + 1) * PIXELS), (v) => v / 255);
    const thumbs = labels.map((y, i) => {
      const b = document.createElement('button');
      b.className = 'thumb';
      b.dataset.index = String(i);
      b.title = `test image ${i}: ${classes[y]}`;
      const c = thumbCanvas();
      paint(c, image(i));
      const cap = document.createElement('span');
      cap.textContent = classes[y];
      const pred = document.createElement('span');
      pred.className = 'pred';
      b.append(c, cap, pred);
      const mark = async () => {
        const r = await classify(image(i), `test:${i}`);
        b.dataset.predicted = String(r.label);
        b.classList.toggle('right', r.label === y);
        b.classList.toggle('wrong', r.label !== y);
        pred.textContent = r.label === y ? '' : `→ ${r.className}`;
        b.title = `test image ${i}: ${classes[y]}; predicted ${r.className}`;
        return r;
      };
      b.addEventListener('click', () => void mark().then(() => strip.querySelectorAll('.thumb').forEach((t) => t.classList.toggle('selected', t === b))));
      strip.append(b);
      return mark;
    });
    $('classify-all').addEventListener('click', async () => {
      $('strip-score').textContent = '';
      let right = 0;
      for (let i = 0; i < thumbs.length; i++) if ((await thumbs[i]()).label === labels[i]) right++;
      $('strip-score').textContent = `${right} of ${labels.length} right`;
    });

    const pad = drawingPad($<HTMLCanvasElement>('pad'), () => paint(preview, pad.pixels()));
    $('classify').addEventListener('click', () => void classify(pad.pixels(), 'drawing'));
    $('clear').addEventListener('click', () => {
      pad.clear();
      paint(preview, pad.pixels());
    });

    w.demo = { backend: m.backend, classes, labels, classify, drawingPixels: () => pad.pixels() };
  } catch (e) {
    w.kilnError = e instanceof Error ? e.message : String(e);
    status.textContent = `could not load the model: ${w.kilnError}`;
    status.classList.add('error');
  } finally {
    w.kilnReady = true;
  }
}
