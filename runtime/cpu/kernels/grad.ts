// CPU kernels of the backward-only ops: the convolution weight gradient (a direct loop over batch and output
// positions per weight tap) and the pooling input gradients (each dY scattered into its window).
import type { GradOpName } from '../../../ir/ops/index.ts';
import { convGeom } from '../../../ir/ops/contraction.ts';
import { poolGeometry } from '../../../ir/ops/nn-pool.ts';
import { numel, stridesOf } from '../../../ir/shape.ts';
import { alloc, inp, type CpuKernel } from '../kernel.ts';
import { buildWindows, increment } from './pool.ts';

const maxPoolGrad: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0), dy = inp(xs, 1).data, dx = alloc(out[0]);
  const g = poolGeometry(x.shape, a), { start, offs } = buildWindows(g);
  const planes = x.shape[0] * x.shape[1], inSp = numel(g.spatial), outSp = numel(g.out);
  for (let p = 0; p < planes; p++) {
    const base = p * inSp;
    for (let o = 0; o < outSp; o++) {
      // The first maximum of the window, as MaxPool picks it.
      let m = -Infinity, arg = -1;
      for (let k = start[o]; k < start[o + 1]; k++) {
        const t = offs[k];
        if (x.data[base + t] > m || arg < 0) { m = x.data[base + t]; arg = t; }
      }
      if (arg >= 0) dx.data[base + arg] += dy[p * outSp + o];
    }
  }
  return [dx];
};

const averagePoolGrad: CpuKernel = (xs, a, out) => {
  const dy = inp(xs, 0).data, dx = alloc(out[0]), shape = out[0].shape;
  const g = poolGeometry(shape, a), { start, offs, padded } = buildWindows(g);
  const planes = shape[0] * shape[1], inSp = numel(g.spatial), outSp = numel(g.out);
  const includePad = a.count_include_pad !== 0;
  for (let o = 0; o < outSp; o++) {
    const div = includePad ? padded[o] : start[o + 1] - start[o];
    for (let p = 0; p < planes; p++) {
      const v = dy[p * outSp + o] / div;
      for (let k = start[o]; k < start[o + 1]; k++) dx.data[p * inSp + offs[k]] += v;
    }
  }
  return [dx];
};

const convWeightGrad: CpuKernel = (xs, a, out) => {
  const x = inp(xs, 0), dy = inp(xs, 1), dw = alloc(out[0]);
  const k = a.kernel_shape as readonly number[], nd = k.length, group = a.group as number;
  const geo = convGeom([0, 0, ...k], a, nd);
  const [n, c] = x.shape, m = dy.shape[1], cg = c / group, mg = m / group;
  const inSp = x.shape.slice(2), outSp = dy.shape.slice(2), inStr = stridesOf(inSp);
  const nIn = numel(inSp), nOut = numel(outSp), nK = numel(k);
  // For each (tap, output position): the input spatial offset, or -1 in the padding.
  const src = new Int32Array(nK * nOut);
  const kc = new Array<number>(nd).fill(0), oc = new Array<number>(nd).fill(0);
  for (let t = 0; t < nK; t++, increment(kc, k)) {
    oc.fill(0);
    for (let o = 0; o < nOut; o++, increment(oc, outSp)) {
      let off = 0, inside = true;
      for (let d = 0; d < nd; d++) {
        const p = oc[d] * geo.strides[d] - geo.padsBegin[d] + kc[d] * geo.dilations[d];
        if (p < 0 || p >= inSp[d]) inside = false;
        off += p * inStr[d];
      }
      src[t * nOut + o] = inside ? off : -1;
    }
  }
  for (let mo = 0; mo < m; mo++) {
    const grp = Math.floor(mo / mg);
    for (let ci = 0; ci < cg; ci++) {
      const cIn = grp * cg + ci;
      for (let t = 0; t < nK; t++) {
        let s = 0;
        for (let b = 0; b < n; b++) {
          const xb = (b * c + cIn) * nIn, db = (b * m + mo) * nOut;
          for (let o = 0; o < nOut; o++) {
            const q = src[t * nOut + o];
            if (q >= 0) s += dy.data[db + o] * x.data[xb + q];
          }
        }
        dw.data[(mo * cg + ci) * nK + t] = s;
      }
    }
  }
  return [dw];
};

export const GRAD_KERNELS: { [K in GradOpName]: CpuKernel } = {
  ConvWeightGrad: convWeightGrad,
  MaxPoolGrad: maxPoolGrad,
  AveragePoolGrad: averagePoolGrad,
};
