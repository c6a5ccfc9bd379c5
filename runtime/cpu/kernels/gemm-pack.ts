// Packing of A for the blocked GEMMs (the JS micro-kernel in gemm.ts and the WebAssembly SIMD one): rows
// in 4-tall panels, k-major inside a panel, so a micro-kernel reads 4 rows' elements of one k contiguously.
import type { FloatArray } from '../../../ir/dtype.ts';
import type { MatView } from './gemm.ts';

/** Rows in a panel. */
export const PANEL_ROWS = 4;

/** A rows [i0, i0+mc), cols [p0, p0+kc) into 4-tall k-major panels at dst[q..], the last one zero-padded. */
export function packPanelsA(dst: FloatArray, q: number, a: MatView, i0: number, mc: number, p0: number, kc: number): void {
  const src = a.data, rs = a.rs, cs = a.cs;
  for (let ip = 0; ip < mc; ip += PANEL_ROWS) {
    const h = Math.min(PANEL_ROWS, mc - ip);
    let o = a.off + (i0 + ip) * rs + p0 * cs;
    if (h === PANEL_ROWS) {
      for (let p = 0; p < kc; p++, o += cs, q += 4) {
        dst[q] = src[o]; dst[q + 1] = src[o + rs]; dst[q + 2] = src[o + 2 * rs]; dst[q + 3] = src[o + 3 * rs];
      }
    } else {
      for (let p = 0; p < kc; p++, o += cs) for (let r = 0; r < PANEL_ROWS; r++) dst[q++] = r < h ? src[o + r * rs] : 0;
    }
  }
}
