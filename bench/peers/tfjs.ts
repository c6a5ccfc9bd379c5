// TF.js 4.22 as runners, webgpu or cpu backend (each in its own process: TF.js has one active backend).
// Inference runs the ONNX graph rebuilt with tf ops (tf-graph.ts); the train step is the same graph with
// its weights as tf.Variables, tf.losses.softmaxCrossEntropy (mean over the batch) and tf.train.adam,
// with the loss read back each step.
import { installNavigatorGpu } from './gpu.ts';
import type { Loaded, Runner } from './runner.ts';
import { buildTfGraph, type Tf, type TfTensor } from './tf-graph.ts';
import type { Workload } from './workloads.ts';

async function tfWith(backend: 'webgpu' | 'cpu'): Promise<Tf> {
  if (backend === 'webgpu') await installNavigatorGpu();
  // The union package: tfjs-core's Node bundle registers no gradient functions, this one does (and the cpu backend).
  const names = ['@tensorflow/tfjs', `@tensorflow/tfjs-backend-${backend}`];
  const [tf] = await Promise.all(names.map((n) => import(n)));
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} did not initialize`);
  await tf.ready();
  return tf;
}

export function tfjsRunner(backend: 'webgpu' | 'cpu'): Runner {
  return {
    id: backend === 'webgpu' ? 'tfjs-webgpu' : 'tfjs-cpu',
    describe: () => `TF.js 4.22, ${backend} backend${backend === 'cpu' ? ' (single-threaded JS)' : ''}; the ONNX graph rebuilt with tf ops (NHWC convolutions), Adam via tf.train.adam`,
    async load(w) {
      const tf = await tfWith(backend);
      return w.train ? loadTrain(tf, w) : loadInference(tf, w);
    },
  };
}

const feedsOf = (tf: Tf, w: Workload) => {
  const host = w.inputs();
  return () => new Map<string, TfTensor>([...host].map(([name, t]) => [name, tf.tensor(t.data, t.dims, 'float32')]));
};

function loadInference(tf: Tf, w: Workload): Loaded {
  const graph = buildTfGraph(tf, w.model());
  const feeds = feedsOf(tf, w);
  return {
    async run() {
      const y = tf.tidy(() => graph.forward(feeds()));
      const data = (await y.data()) as Float32Array;
      y.dispose();
      return data;
    },
    dispose: () => graph.dispose(),
  };
}

function loadTrain(tf: Tf, w: Workload): Loaded {
  const t = w.train!;
  const graph = buildTfGraph(tf, w.model(), { trainable: true });
  const feeds = feedsOf(tf, w);
  const optimizer = tf.train.adam(t.lr, t.betas[0], t.betas[1], t.eps);
  return {
    async run() {
      const loss = tf.tidy(() => {
        const inputs = feeds();
        const labels = tf.oneHot(tf.tensor1d(t.targets, 'int32'), t.classes);
        return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, graph.forward(inputs)), true);
      });
      const data = (await loss.data()) as Float32Array;
      loss.dispose();
      return data;
    },
    dispose: () => {
      optimizer.dispose();
      graph.dispose();
    },
  };
}
