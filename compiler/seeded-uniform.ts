// A seeded stream of uniform numbers in [0, 1) (mulberry32: a Weyl step hashed to 32 bits), for the
// reproducible parts of kiln: parameter initialisation and fit()'s shuffles.

/** The generator started at `seed`: each call advances it and returns the next number. */
export function seededUniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
