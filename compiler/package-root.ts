// Where kiln's own files are (the bundled demo model and data): the folder of the nearest package.json
// named kiln above this module. That is the checkout when kiln runs from its TypeScript sources, and the
// installed package when it runs from the compiled dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KilnError } from '../ir/errors.ts';

const isKilnPackage = (dir: string): boolean => {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'kiln';
  } catch {
    return false;
  }
};

export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (isKilnPackage(dir)) return dir;
    if (dirname(dir) === dir) throw new KilnError('USAGE', `cannot find kiln's package.json above ${from}`);
  }
}
