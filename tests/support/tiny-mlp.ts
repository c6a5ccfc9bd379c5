// The small MLP the trainer, fault and warm-up tests train: x[4,3] -> Gemm(3->5) -> Tanh -> Gemm(5->2), with
// named parameters and deterministic weights and batches.
import { Graph } from '../../ir/graph.ts';
import { tensor, type Tensor } from '../../ir/tensor.ts';

/** n values in [-1, 1) from a linear congruential sequence started at `seed`. */
export const rand = (n: number, seed: number): number[] => {
  let s = seed;
  return Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1);
};

/** x[4,3] -> Gemm(3->5) -> Tanh -> Gemm(5->2) with parameters w1, b1, w2 and output 'y'. */
export function mlp(): Graph {
  const g = new Graph('mlp');
  const x = g.addInput('x', { dtype: 'f32', shape: [4, 3] });
  const w1 = g.addParam('w1', tensor('f32', [5, 3], rand(15, 1)));
  const b1 = g.addParam('b1', tensor('f32', [5], rand(5, 2)));
  const w2 = g.addParam('w2', tensor('f32', [2, 5], rand(10, 3)));
  const [h] = g.addNode('Gemm', [x, w1, b1], { transB: 1 });
  const [a] = g.addNode('Tanh', [h]);
  const [y] = g.addNode('Gemm', [a, w2], { transB: 1 }, 'y');
  g.outputs = [y];
  return g;
}

/** Training batch `s`: inputs and a regression target for mlp(). */
export const batch = (s: number): { inputs: Record<string, Tensor>; target: Tensor } => ({
  inputs: { x: tensor('f32', [4, 3], rand(12, 10 + s)) },
  target: tensor('f32', [4, 2], rand(8, 20 + s)),
});
