// The peer benchmark: kiln (WebGPU and CPU) against TF.js (webgpu, cpu), ONNX Runtime Web (webgpu, wasm)
// and ONNX Runtime Node on the same device, same shapes, same weights. For each workload it forks one
// process per runner (child.ts), one after another so first-result times do not overlap, checks each
// runner's output against kiln-cpu's, then times warm reps round-robin over the valid runners. Writes
// bench/results.md (full runs) and the JSON of --json FILE; prints the markdown.
// Run: npm run bench [-- --quick] [-- --json FILE] [--only ID,ID] [--runners ID,ID] [--reps N] [--no-install] [--md FILE]
import { execSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage } from './child.ts';
import { ensurePeers } from './deps.ts';
import { adapterInfo } from './gpu.ts';
import { compare, markdown, stats, type Row, type Run } from './report.ts';
import { RUNNER_IDS, type RunnerId } from './runner.ts';
import { NOT_YET, WORKLOADS, type Workload } from './workloads.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
/** ONNX Runtime Web's WebGPU provider can spend a minute or more before its first result on lavapipe. */
const START_TIMEOUT_MS = 420_000;
const REP_TIMEOUT_MS = 120_000;
const TOLERANCE = 1e-3;

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = argv.includes('--quick');
const only = opt('--only')?.split(',');
const runnerIds = (opt('--runners')?.split(',') as RunnerId[] | undefined) ?? RUNNER_IDS;
const repsOverride = opt('--reps') ? Number(opt('--reps')) : undefined;

interface Child {
  runner: RunnerId;
  proc: ChildProcess;
  next(): Promise<ChildMessage>;
  log: string[];
}

function spawnChild(w: Workload, runner: RunnerId, outDir: string): Child {
  const proc = fork(CHILD, [w.id, runner, outDir], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const log: string[] = [];
  const keep = (b: Buffer) => {
    log.push(...b.toString().split('\n').filter(Boolean));
    log.splice(0, Math.max(0, log.length - 20));
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const queue: ChildMessage[] = [];
  const waiting: ((m: ChildMessage) => void)[] = [];
  const deliver = (m: ChildMessage) => (waiting.length ? waiting.shift()!(m) : queue.push(m));
  proc.on('message', (m: ChildMessage) => deliver(m));
  proc.on('exit', (code, signal) => deliver({ type: 'error', reason: `process exited (${signal ?? code}) ${log.slice(-3).join(' / ')}` }));
  return { runner, proc, log, next: () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((r) => waiting.push(r))) };
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(`${what}: no answer in ${ms / 1000} s`)), ms)))]).finally(() => clearTimeout(timer));
}

async function rep(c: Child): Promise<number> {
  c.proc.send({ type: 'rep' });
  const m = await within(c.next(), REP_TIMEOUT_MS, `${c.runner} rep`);
  if (m.type !== 'time') throw new Error(m.type === 'error' ? m.reason : `unexpected ${m.type}`);
  return m.ms;
}

function stop(c: Child): void {
  if (c.proc.exitCode === null && c.proc.connected) c.proc.send({ type: 'exit' });
  setTimeout(() => c.proc.exitCode === null && c.proc.kill('SIGKILL'), 5000).unref();
}

const say = (s: string) => process.stderr.write(`${s}\n`);

async function bench(w: Workload, outDir: string, describe: Run['runners']): Promise<Row[]> {
  const rows: Row[] = [];
  const live: { child: Child; row: Row; times: number[] }[] = [];
  let reference: Float32Array | undefined;
  for (const runner of runnerIds) {
    const row: Row = { workload: w.id, runner, status: 'failed' };
    rows.push(row);
    const child = spawnChild(w, runner, outDir);
    let m: ChildMessage;
    try {
      m = await within(child.next(), START_TIMEOUT_MS, `${runner} start`);
    } catch (e) {
      m = { type: 'error', reason: (e as Error).message };
    }
    if (m.type !== 'ready') {
      row.status = m.type === 'not-applicable' ? 'not-applicable' : 'failed';
      row.reason = m.type === 'error' || m.type === 'not-applicable' ? m.reason : `unexpected ${m.type}`;
      say(`  ${runner.padEnd(15)} ${row.status.toUpperCase()}: ${row.reason}`);
      child.proc.kill('SIGKILL');
      continue;
    }
    describe[runner] = m.describe;
    row.coldMs = m.coldMs;
    const out = new Float32Array(new Uint8Array(readFileSync(m.output)).buffer);
    if (runner === 'kiln-cpu') {
      reference = out;
      row.status = 'reference';
    } else if (!reference) {
      row.status = 'invalid';
      row.reason = 'no reference output (kiln-cpu did not run), so not checked';
    } else {
      Object.assign(row, compare(reference, out));
      row.status = row.relDiff! <= TOLERANCE ? 'ok' : 'invalid';
      if (row.status === 'invalid') row.reason = `output differs from kiln-cpu's by ${row.maxAbsDiff} (${row.relDiff} relative)`;
    }
    say(`  ${runner.padEnd(15)} first result ${m.coldMs.toFixed(0)} ms${row.maxAbsDiff !== undefined ? `, max abs diff ${row.maxAbsDiff.toExponential(2)}` : ''}${row.status === 'invalid' ? '  INVALID: not timed' : ''}`);
    if (row.status === 'invalid') stop(child);
    else live.push({ child, row, times: [] });
  }
  const reps = repsOverride ?? (quick ? 5 : w.reps);
  const warmup = quick ? 1 : 3;
  for (let i = 0; i < warmup + reps; i++) {
    // Rotate the order each round so no runner always follows the same one.
    const order = live.map((_, k) => live[(k + i) % live.length]);
    for (const l of order) {
      if (l.row.status === 'failed') continue;
      try {
        const t = await rep(l.child);
        if (i >= warmup) l.times.push(t);
      } catch (e) {
        l.row.status = 'failed';
        l.row.reason = `during timed reps: ${(e as Error).message}`;
        say(`  ${l.row.runner} FAILED during reps: ${l.row.reason}`);
      }
    }
  }
  for (const l of live) {
    if (l.row.status !== 'failed') Object.assign(l.row, stats(l.times), { reps: l.times.length });
    stop(l.child);
  }
  for (const r of rows) if (r.medianMs !== undefined) say(`  ${r.runner.padEnd(15)} median ${r.medianMs.toFixed(2)} ms  p90 ${r.p90Ms!.toFixed(2)} ms`);
  return rows;
}

async function main(): Promise<number> {
  if (!ensurePeers(!argv.includes('--no-install'))) return 1;
  const t0 = performance.now();
  const info = await adapterInfo();
  const adapter = info ? [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' / ') : 'NO WebGPU ADAPTER (WebGPU runners fail)';
  say(`bench: device ${adapter}`);
  const workloads = WORKLOADS.filter((w) => (only ? only.includes(w.id) : !quick || w.quick));
  const outDir = mkdtempSync(join(tmpdir(), 'kiln-bench-'));
  const runners: Run['runners'] = {};
  const rows: Row[] = [];
  try {
    for (const w of workloads) {
      say(`bench: ${w.title}`);
      rows.push(...(await bench(w, outDir, runners)));
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const skipped = WORKLOADS.filter((w) => !workloads.includes(w));
  const notRun = [
    ...rows.filter((r) => r.status === 'failed' || r.status === 'not-applicable' || r.status === 'invalid').map((r) => ({ what: `${r.workload} / ${r.runner}`, why: `${r.status}: ${(r.reason ?? '').split('\n')[0]}` })),
    ...(skipped.length ? [{ what: skipped.map((w) => w.id).join(', '), why: quick ? 'not in the --quick subset' : 'not selected (--only)' }] : []),
    ...NOT_YET.map((n) => ({ what: n.title, why: n.why })),
  ];
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
    if (execSync('git status --porcelain --untracked-files=no', { cwd: ROOT }).toString().trim()) commit += ' (with uncommitted changes)';
  } catch {
    // not a git checkout
  }
  const run: Run = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit,
    node: process.version,
    adapter,
    mode: quick ? 'quick' : 'full',
    runners,
    workloads: workloads.map((w) => ({ id: w.id, title: w.title })),
    rows,
    notRun,
    totalSeconds: (performance.now() - t0) / 1000,
  };
  const md = markdown(run);
  process.stdout.write(md);
  const mdFile = opt('--md') ?? (quick || only || repsOverride || opt('--runners') ? undefined : join(ROOT, 'bench/results.md'));
  if (mdFile) writeFileSync(mdFile, md);
  const json = opt('--json');
  if (json) writeFileSync(json, JSON.stringify(run, null, 1) + '\n');
  const loud = rows.filter((r) => r.status === 'failed' || r.status === 'invalid');
  for (const r of loud) say(`bench: NOT RUN ${r.workload} / ${r.runner}: ${r.status}: ${(r.reason ?? '').split('\n')[0]}`);
  return 0;
}

process.exit(await main());
