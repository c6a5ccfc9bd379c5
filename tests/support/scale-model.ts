// The model whose gradient the optimizer and scheduler tests know in closed form: y = w * x (elementwise,
// w a parameter), J = mean((y - t)^2), so dJ/dw_i = 2 (w_i x_i - t_i) x_i / n.
import { Graph } from '../../ir/graph.ts';
import { tensor } from '../../ir/tensor.ts';

export const W0 = [0.5, -1.25, 2], X = [1.5, -0.5, 0.25], T = [0.3, 0.9, -1.1];
export const n = W0.length;
export const grad = (w: number[]) => w.map((wi, i) => (2 * (wi * X[i] - T[i]) * X[i]) / n);

export function model(): Graph {
  const g = new Graph('scale');
  const x = g.addInput('x', { dtype: 'f32', shape: [n] });
  const w = g.addParam('w', tensor('f32', [n], W0));
  g.outputs = g.addNode('Mul', [w, x], {}, 'y');
  return g;
}
