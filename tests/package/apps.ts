// The two apps the package test installs kiln into, read from docs/shipping.md (the code blocks after
// `<!-- example: NAME -->`), so that the documented examples are the tested ones: train.mjs trains a small
// model with `import ... from 'kiln'` and compiles it into ./model; run.mjs runs ./model/model.js with
// only `kiln/runtime`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DOC = join(import.meta.dirname, '../../docs/shipping.md');

/** The code block that follows `<!-- example: name -->` in docs/shipping.md. */
export function docExample(name: string): string {
  const text = readFileSync(DOC, 'utf8');
  const at = text.indexOf(`<!-- example: ${name} -->`);
  const block = at < 0 ? null : /```js\n([\s\S]*?)```/.exec(text.slice(at));
  if (!block) throw new Error(`docs/shipping.md has no example '${name}'`);
  return block[1];
}
