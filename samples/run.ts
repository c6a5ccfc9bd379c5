// `npm run sample -- NAME [--flag value]...`: runs samples/NAME/main.ts, whose main() takes the flags.
// Exits explicitly: Dawn's Node bindings keep the event loop alive while a device exists.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const HERE = import.meta.dirname;
const names = readdirSync(HERE, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(HERE, e.name, 'main.ts'))).map((e) => e.name);
const [name, ...rest] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  console.error(`usage: npm run sample -- NAME [--backend cpu|webgpu] [--epochs N] ...\nsamples: ${names.join(', ')}`);
  process.exit(2);
}
const args = new Map<string, string>();
for (let i = 0; i < rest.length; i++) {
  const a = rest[i];
  if (!a.startsWith('--')) {
    console.error(`unexpected argument '${a}'`);
    process.exit(2);
  }
  const eq = a.indexOf('=');
  if (eq > 0) args.set(a.slice(2, eq), a.slice(eq + 1));
  else args.set(a.slice(2), rest[++i] ?? '');
}
const { main } = (await import(`./${name}/main.ts`)) as { main: (args: Map<string, string>) => Promise<void> };
try {
  await main(args);
  process.exit(0);
} catch (e) {
  console.error(e instanceof Error && e.name === 'KilnError' ? `kiln: ${e.message}` : e);
  process.exit(2);
}
