// ONNX Runtime as runners: onnxruntime-web with its WebGPU or wasm execution provider (in Node), and
// onnxruntime-node (native CPU). They load the workload's ONNX bytes as they are. Peer packages come from
// bench/node_modules and are imported by a computed name, so the root typecheck does not need them; the
// few calls used are typed below.
import { installNavigatorGpu } from './gpu.ts';
import { NotApplicable, type Loaded, type Runner } from './runner.ts';
import type { Workload } from './workloads.ts';

/** Threads for ORT's CPU providers: 1, like kiln's CPU interpreter and TF.js's cpu backend. */
export const ORT_THREADS = 1;

interface OrtTensor { data: unknown; dims: readonly number[]; dispose?(): void }
interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface Ort {
  env: { wasm: { numThreads?: number; simd?: boolean }; logLevel?: string; versions?: Record<string, string> };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensor;
  InferenceSession: { create(bytes: Uint8Array, opts: object): Promise<OrtSession> };
}

const load = async (name: string) => (await import(name)) as Ort & { default?: Ort };

const NO_TRAINING = 'ONNX Runtime Web/Node 1.30 ship no training API';

async function sessionLoaded(ort: Ort, w: Workload, opts: object): Promise<Loaded> {
  const session = await ort.InferenceSession.create(w.model(), { graphOptimizationLevel: 'all', ...opts });
  const feeds = Object.fromEntries([...w.inputs()].map(([name, t]) => [name, new ort.Tensor('float32', t.data, t.dims)]));
  const first = session.outputNames[0];
  return {
    run: async () => {
      const out = await session.run(feeds);
      const data = out[first].data as Float32Array;
      for (const t of Object.values(out)) t.dispose?.();
      return data;
    },
    dispose: () => session.release(),
  };
}

export function ortWebRunner(ep: 'webgpu' | 'wasm'): Runner {
  return {
    id: ep === 'webgpu' ? 'ort-web-webgpu' : 'ort-web-wasm',
    describe: () => `onnxruntime-web 1.30, ${ep} execution provider${ep === 'wasm' ? `, ${ORT_THREADS} thread, SIMD` : ''}`,
    async load(w) {
      if (w.train) throw new NotApplicable(NO_TRAINING);
      if (ep === 'webgpu') await installNavigatorGpu();
      // The Node entry of onnxruntime-web has no WebGPU provider; its webgpu bundle does.
      const m = await load(ep === 'webgpu' ? 'onnxruntime-web/webgpu' : 'onnxruntime-web');
      const ort = m.default ?? m;
      ort.env.wasm.numThreads = ORT_THREADS;
      ort.env.logLevel = 'error';
      return sessionLoaded(ort, w, { executionProviders: [ep] });
    },
  };
}

export function ortNodeRunner(): Runner {
  return {
    id: 'ort-node',
    describe: () => `onnxruntime-node 1.30, native cpu execution provider, ${ORT_THREADS} intra-op thread`,
    async load(w) {
      if (w.train) throw new NotApplicable(NO_TRAINING);
      let m: Ort & { default?: Ort };
      try {
        m = await load('onnxruntime-node');
      } catch (e) {
        throw new Error(`NOT RUN: onnxruntime-node's native binary did not load (install with ONNXRUNTIME_NODE_INSTALL=skip; its CPU binary ships in the package): ${(e as Error).message.split('\n')[0]}`);
      }
      const ort = m.default ?? m;
      return sessionLoaded(ort, w, { executionProviders: ['cpu'], intraOpNumThreads: ORT_THREADS, interOpNumThreads: 1, executionMode: 'sequential' });
    },
  };
}
