// A Concat of more inputs than one kernel can bind (WebGPU guarantees 8 storage buffers per stage): one
// dispatch per chunk of MAX_KERNEL_INPUTS inputs, each writing its window of the one output buffer. The
// window's start is a kernel parameter, so every full chunk is the same kernel and the concatenation of a
// whole sequence (an unrolled RNN's outputs) takes two pipelines and no intermediate buffers, however long.
import type { Node, Value } from '../../ir/graph.ts';
import { normAxis } from '../../ir/shape.ts';
import { contiguous } from '../../ir/view.ts';
import { KilnError } from '../../ir/errors.ts';
import { MAX_KERNEL_INPUTS } from '../../passes/limit-fan-in.ts';
import { type Codegen, lower } from './codegen.ts';
import { KernelParams, outputElem, type TensorRef } from './kernel.ts';
import { coordNames, coords, offsetExpr, wgslType } from './wgsl.ts';

export const isWideConcat = (n: Node): boolean => n.op === 'Concat' && n.inputs.length > MAX_KERNEL_INPUTS;

export function emitWideConcat(cg: Codegen, node: Node): void {
  const out = node.outputs[0], shape = out.type.shape, elem = wgslType(out.type.dtype);
  const ax = normAxis(node.attrs.axis as number, shape.length);
  const full = contiguous(shape);
  const outBuffer = cg.owned(out, 'temp').buffer;
  // Stores into the output buffer as codegen's own outputs do (a packed 8-bit one a byte at a time, atomically).
  const put = cg.outputRef('out0', out, outBuffer, `Concat_${node.name}`).store;
  const ins = node.inputs.filter((v): v is Value => v !== undefined);
  let start = 0;
  for (let k = 0; k < ins.length; k += MAX_KERNEL_INPUTS) {
    const chunk = ins.slice(k, k + MAX_KERNEL_INPUTS);
    const len = chunk.reduce((acc, v) => acc + v.type.shape[ax], 0);
    if (len === 0) continue;
    const window = shape.map((d, i) => (i === ax ? len : d));
    const params = new KernelParams();
    const buffers = [...new Set(chunk.map((v) => cg.locOf(v).buffer))];
    const refs = chunk.map((v) => cg.inputRef(`in${buffers.indexOf(cg.locOf(v).buffer)}`, v, params));
    const base = params.slot(start * full.strides[ax]);
    // The window is a contiguous range of the output when every axis before the concatenated one is 1.
    const at = shape.slice(0, ax).every((d) => d === 1) ? undefined : offsetExpr({ shape: window, strides: full.strides, offset: 0 }, coordNames(window.length, 'w'));
    const outRef: TensorRef = {
      name: 'out0', dtype: out.type.dtype, elem, view: contiguous(window),
      load: () => {
        throw new KilnError('BACKEND', `cannot load the output '${out.name}'`);
      },
      store: (idx, value) =>
        at === undefined
          ? put(`${idx} + ${base}`, value)
          : `{\n    ${coords(idx, window, 'w').replaceAll('\n  ', '\n    ')}\n    ${put(at === '0' ? base : `${at} + ${base}`, value)}\n  }`,
    };
    const src = lower(node, refs, [outRef]);
    const inputs = buffers.map((b, i) => ({ name: `in${i}`, elem: cg.bindingElem(b, new Set()) }));
    const outputs = [{ name: 'out0', elem: outputElem(cg.b.buffers[outBuffer].dtype, elem) }];
    const kernel = cg.b.addKernel(`Concat_${node.name}_${k / MAX_KERNEL_INPUTS}`, [node.name], src, { inputs, outputs, params: params.values.length });
    cg.b.dispatch(kernel, [...buffers, outBuffer], src, params.values);
    start += len;
  }
}
