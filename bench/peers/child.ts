// One runner on one workload, in a fresh process forked by the harness (run.ts). It loads the workload
// and runs it once; the time to that first result is counted from this process's start
// (performance.timeOrigin), so it covers module import, load/compile and the first run. It writes the
// first result (for a train step, the losses of the first checkSteps steps) to a file for the harness to
// compare with the reference, then serves timed reps on request: each 'rep' message is one run, timed
// here, to completion. Messages: see ChildMessage.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotApplicable, runnerFor, type RunnerId } from './runner.ts';
import { WORKLOADS } from './workloads.ts';

export type ChildMessage =
  | { type: 'ready'; coldMs: number; output: string; describe: string }
  | { type: 'time'; ms: number }
  | { type: 'not-applicable'; reason: string }
  | { type: 'error'; reason: string };

const [workloadId, runnerId, outDir] = process.argv.slice(2);
const send = (m: ChildMessage) => new Promise<void>((resolve) => process.send!(m, () => resolve()));
// The harness went away (killed, or crashed): no one will ask for reps or say exit.
process.on('disconnect', () => process.exit(0));

async function main(): Promise<void> {
  const w = WORKLOADS.find((x) => x.id === workloadId);
  if (!w) throw new Error(`unknown workload ${workloadId}`);
  const runner = await runnerFor(runnerId as RunnerId);
  const loaded = await runner.load(w);
  const first = await loaded.run();
  const coldMs = performance.now();
  const results = [first];
  for (let i = 1; i < (w.train?.checkSteps ?? 1); i++) results.push(await loaded.run());
  const output = join(outDir, `${workloadId}.${runnerId}.f32`);
  const all = new Float32Array(results.reduce((n, r) => n + r.length, 0));
  results.reduce((at, r) => (all.set(r, at), at + r.length), 0);
  writeFileSync(output, new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
  let busy = Promise.resolve();
  process.on('message', (m: { type: 'rep' | 'exit' }) => {
    busy = busy.then(async () => {
      if (m.type === 'rep') {
        const t0 = performance.now();
        await loaded.run();
        await send({ type: 'time', ms: performance.now() - t0 });
      } else {
        await loaded.dispose();
        process.exit(0);
      }
    });
  });
  await send({ type: 'ready', coldMs, output, describe: runner.describe() });
}

main().catch(async (e: unknown) => {
  const reason = e instanceof Error ? e.message : String(e);
  await send(e instanceof NotApplicable ? { type: 'not-applicable', reason } : { type: 'error', reason: `${reason}${e instanceof Error && e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}` });
  process.exit(e instanceof NotApplicable ? 0 : 1);
});
