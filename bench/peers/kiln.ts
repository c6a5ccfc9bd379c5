// kiln as a runner: the ONNX model through kiln's importer, then compileForWebGpu (frozen weights, as an
// exported model) and the WebGPU executor, or the CPU interpreter on the imported graph; train workloads
// through compileTraining with cross-entropy and Adam on either backend.
import { compileForWebGpu } from '../../compiler/compile.ts';
import { importOnnx } from '../../compiler/onnx/importer.ts';
import { compileTraining } from '../../compiler/train/trainer.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';
import { interpret } from '../../runtime/cpu/interpreter.ts';
import { getGpu } from '../../runtime/webgpu/device.ts';
import { WebGpuExecutor } from '../../runtime/webgpu/executor.ts';
import type { Loaded, Runner } from './runner.ts';
import type { Workload } from './workloads.ts';

const asF32 = (t: Tensor) => (t.data instanceof Float32Array ? t.data : Float32Array.from(t.data));

export function kilnRunner(backend: 'webgpu' | 'cpu'): Runner {
  return {
    id: backend === 'webgpu' ? 'kiln-webgpu' : 'kiln-cpu',
    describe: () => (backend === 'webgpu' ? 'kiln, compileForWebGpu (frozen weights) + WebGPU executor; train step via compileTraining' : 'kiln, CPU interpreter on the imported graph (single-threaded JS); train step via compileTraining backend cpu'),
    load: (w) => (w.train ? loadTrain(w, backend) : loadInference(w, backend)),
  };
}

function hostInputs(w: Workload): Map<string, Tensor> {
  return new Map([...w.inputs()].map(([name, t]) => [name, tensor('f32', t.dims, t.data)]));
}

async function loadInference(w: Workload, backend: 'webgpu' | 'cpu'): Promise<Loaded> {
  const { graph } = importOnnx(w.model());
  const inputs = hostInputs(w);
  if (backend === 'cpu') {
    return { run: async () => asF32(interpret(graph, inputs)[0]), dispose: () => {} };
  }
  const gpu = await getGpu();
  if (!gpu) throw new Error('no WebGPU adapter');
  const { program, data } = compileForWebGpu(graph, { frozen: true });
  const exe = await WebGpuExecutor.load(program, data, gpu);
  const first = graph.outputs[0].name;
  return {
    run: async () => asF32((await exe.run(inputs, { outputs: [first] })).get(first)!),
    dispose: () => exe.dispose(),
  };
}

async function loadTrain(w: Workload, backend: 'webgpu' | 'cpu'): Promise<Loaded> {
  const t = w.train!;
  const { graph } = importOnnx(w.model());
  const trainer = await compileTraining(graph, {
    loss: { name: 'cross_entropy' },
    optimizer: { type: 'adam', lr: t.lr, betas: t.betas, eps: t.eps },
    l1: 0,
    l2: 0,
    backend,
  });
  const batch = { inputs: Object.fromEntries(hostInputs(w)), target: tensor('i32', [t.targets.length], t.targets) };
  return {
    run: async () => Float32Array.of((await trainer.step(batch, { returnLoss: true }))!),
    dispose: () => trainer.dispose(),
  };
}
