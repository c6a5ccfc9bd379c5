// Backend selection for the CLI and the public API. Nothing falls back silently: asking for a
// backend that cannot run is an error, and the backend that ran is always reported.
import { KilnError } from '../ir/errors.ts';
import type { Graph } from '../ir/graph.ts';
import type { Tensor } from '../ir/tensor.ts';
import { interpret } from '../runtime/cpu/interpreter.ts';
import { getGpu, type GpuContext } from '../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../runtime/webgpu/executor.ts';
import { compileForWebGpu } from './compile.ts';

export type BackendName = 'cpu' | 'webgpu';

export interface Backend {
  readonly name: BackendName;
  run(graph: Graph, inputs: ReadonlyMap<string, Tensor>): Promise<Tensor[]>;
}

const cpu: Backend = { name: 'cpu', run: async (g, inputs) => interpret(g, inputs) };

/** Compiles the graph, runs it once on the WebGPU executor and frees its buffers. */
function webgpuBackend(gpu: GpuContext): Backend {
  return {
    name: 'webgpu',
    async run(g, inputs) {
      const { program, data } = compileForWebGpu(g, { features: gpu.features }); // subgroups where the device has them
      const exe = await WebGpuExecutor.load(program, data, gpu);
      try {
        const out = await exe.run(inputs);
        return g.outputs.map((v) => out.get(v.name)!);
      } finally {
        exe.dispose();
      }
    },
  };
}

export function parseBackend(s: string | undefined): BackendName {
  if (s === undefined || s === 'cpu' || s === 'webgpu') return s ?? 'cpu';
  throw new KilnError('USAGE', `unknown backend '${s}' (use cpu or webgpu)`);
}

export async function getBackend(name: BackendName): Promise<Backend> {
  if (name === 'cpu') return cpu;
  const gpu = await getGpu();
  if (!gpu) throw new KilnError('BACKEND', 'no WebGPU adapter found (npm run setup:webgpu installs Mesa lavapipe); use --backend cpu');
  return webgpuBackend(gpu);
}
