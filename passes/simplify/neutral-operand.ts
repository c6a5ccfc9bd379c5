// x*1, 1*x, x+0, 0+x, x-0, x/1 → x. The neutral operand must be a frozen constant whose every element is
// the neutral value, and the result must have x's dtype and shape (a broadcast that grows x is kept).
import { sameShape } from '../../ir/shape.ts';
import type { OpName } from '../../ir/ops/index.ts';
import type { SimplifyRule } from './rule.ts';

/** For each op: [operand that may be neutral, its neutral value]; the other operand is the result. */
const NEUTRAL: Readonly<Partial<Record<OpName, readonly (readonly [number, number])[]>>> = {
  Add: [[1, 0], [0, 0]],
  Sub: [[1, 0]],
  Mul: [[1, 1], [0, 1]],
  Div: [[1, 1]],
};

export const neutralOperand: SimplifyRule = {
  name: 'neutral-operand',
  ops: Object.keys(NEUTRAL) as OpName[],
  apply(n, cx) {
    const out = n.outputs[0];
    for (const [k, neutral] of NEUTRAL[n.op] ?? []) {
      const t = cx.frozen(n.inputs[k]);
      const x = n.inputs[1 - k];
      if (!t || !x || x.type.dtype !== out.type.dtype || !sameShape(x.type.shape, out.type.shape)) continue;
      if (t.data.every((e) => e === neutral)) return { value: x };
    }
    return undefined;
  },
};
