// Artifacts the tests write into temporary folders import the runtime of this checkout by absolute path:
// the package name `kiln/runtime` (the default) resolves only inside a project that has kiln installed.
import { join } from 'node:path';

export const CHECKOUT_RUNTIME = join(import.meta.dirname, '../../runtime/index.ts');
