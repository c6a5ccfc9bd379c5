// Linear regression, two ways: y = 3x + 2 + noise fitted by one Linear layer with plain SGD (the slope and
// intercept should come back within 0.05), and y = x^2 fitted by a small MLP with Adam (a straight line
// cannot), compared on a grid. Writes the MLP's compiled inference artifact.
// Run: npm run sample -- linear-regression [--backend cpu|webgpu] [--epochs N] [--out DIR]
import { Adam, compileTraining, fit, Linear, manualSeed, Module, MSELoss, SGD, type SymTensor, tensor } from 'kiln';
import { printSummary, sampleRun } from '../common.ts';

/** A seeded stream of uniform numbers in [-1, 1). */
function uniform(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
}

class Mlp extends Module {
  fc1 = this.module('fc1', new Linear(1, 32));
  fc2 = this.module('fc2', new Linear(32, 1));
  forward(x: SymTensor) { return this.fc2.call(this.fc1.call(x).tanh()); }
}

export async function main(args: Map<string, string>): Promise<void> {
  const { backend, epochs, out } = await sampleRun('linear-regression', args, { epochs: 30 });
  console.log(`linear-regression on ${backend}`);
  const N = 512, B = 32, r = uniform(42);
  const x = Float32Array.from({ length: N }, () => 2 * r());
  const data = (f: (v: number) => number, noise: number) => ({
    inputs: { x: tensor('f32', [N, 1], x) },
    target: tensor('f32', [N, 1], Array.from(x, (v) => f(v) + noise * r())),
  });

  // 1. y = 3x + 2 + noise, one Linear layer, SGD.
  manualSeed(1);
  const line = new Linear(1, 1);
  const lineTrainer = await compileTraining(line, { inputs: { x: { dtype: 'f32', shape: [B, 1] } }, loss: new MSELoss(), optimizer: new SGD({ lr: 0.05 }), backend });
  const lineHistory = await fit(lineTrainer, data((v) => 3 * v + 2, 0.1), { epochs, seed: 1 });
  await lineTrainer.syncTo(line);
  const [slope, intercept] = [line.stateDict().get('weight')!.data[0], line.stateDict().get('bias')!.data[0]];
  console.log(`y = ${slope.toFixed(4)} x + ${intercept.toFixed(4)}   (true: y = 3 x + 2; errors ${Math.abs(slope - 3).toFixed(4)}, ${Math.abs(intercept - 2).toFixed(4)})`);

  // 2. y = x^2, an MLP against the best straight line (y = mean of x^2 over [-2, 2] = 4/3).
  manualSeed(2);
  const mlp = new Mlp();
  const mlpTrainer = await compileTraining(mlp, { inputs: { x: { dtype: 'f32', shape: [B, 1] } }, loss: new MSELoss(), optimizer: new Adam({ lr: 0.01 }), backend });
  const mlpHistory = await fit(mlpTrainer, data((v) => v * v, 0), { epochs, seed: 2 });
  const grid = Float32Array.from({ length: B }, (_, i) => -2 + (4 * i) / (B - 1));
  const [fitted] = await mlpTrainer.evaluate({ x: tensor('f32', [B, 1], grid) });
  const mse = (f: (i: number) => number) => grid.reduce((s, v, i) => s + (f(i) - v * v) ** 2, 0) / B;
  console.log(`y = x^2 on a grid of ${B} points: MLP mean squared error ${mse((i) => fitted.data[i]).toFixed(5)}, best straight line ${mse(() => 4 / 3).toFixed(5)}`);

  printSummary(lineTrainer, lineHistory, { slope_error: Math.abs(slope - 3), intercept_error: Math.abs(intercept - 2) });
  printSummary(mlpTrainer, mlpHistory, { grid_mse: mse((i) => fitted.data[i]) });
  await mlpTrainer.exportArtifact(out, { name: 'x-squared' });
  console.log(`artifact: ${out}/ (manifest.json, weights.safetensors, model.ts, model.js)`);
  lineTrainer.dispose();
  mlpTrainer.dispose();
}
