// Passes are values with a name; the manager runs a list of them, verifies the graph after each one
// and, with KILN_DUMP=dir, writes the IR text after every pass (NN-<pass>.ir).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Graph } from '../ir/graph.ts';
import { printGraph } from '../ir/print.ts';
import { verify } from '../ir/verify.ts';

export interface Pass {
  readonly name: string;
  /** Rewrites the graph in place. */
  run(g: Graph): void;
}

export interface PassOptions {
  /** Folder for IR dumps; defaults to $KILN_DUMP. */
  dumpDir?: string;
  /** Verify after every pass (default true). */
  verify?: boolean;
}

export function runPasses(g: Graph, passes: readonly Pass[], opts: PassOptions = {}): Graph {
  const dump = opts.dumpDir ?? process.env.KILN_DUMP;
  const write = (i: number, name: string) => {
    if (!dump) return;
    mkdirSync(dump, { recursive: true });
    writeFileSync(join(dump, `${String(i).padStart(2, '0')}-${name}.ir`), printGraph(g) + '\n');
  };
  write(0, 'input');
  passes.forEach((p, i) => {
    p.run(g);
    if (opts.verify !== false) verify(g);
    write(i + 1, p.name);
  });
  return g;
}
