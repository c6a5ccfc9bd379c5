// Scalar math the JS standard library lacks.

/** Error function: Maclaurin series below 2.5, Lentz's continued fraction for erfc above (~1e-14). */
export function erf(x: number): number {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? x : Math.sign(x);
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // Maclaurin series: erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
    let term = ax, sum = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 80; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Continued fraction for erfc (Lentz), converges fast for x >= 2.5.
  let f = ax, c = ax, d = 0;
  const tiny = 1e-300;
  for (let k = 1; k < 200; k++) {
    const ak = k / 2;
    d = ax + ak * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = ax + ak / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}
