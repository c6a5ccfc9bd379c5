// `npm run demo:web [-- --port 8080] [--epochs 10] [--out out/web]`: builds the browser demo (trains and
// compiles the Fashion-MNIST MLP, bundles the page) into out/web and serves it until interrupted.
import { parseArgs } from 'node:util';
import { buildWebDemo } from './build.ts';
import { serveStatic } from './static-server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    epochs: { type: 'string', default: '10' },
    out: { type: 'string', default: 'out/web' },
  },
});
const int = (flag: string, v: string, min: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${flag} must be an integer ≥ ${min}, got '${v}'`);
    process.exit(2);
  }
  return n;
};
const port = int('port', values.port, 0), epochs = int('epochs', values.epochs, 1);

await buildWebDemo(values.out, { epochs });
const server = await serveStatic(values.out, { port, host: values.host }).catch((e: NodeJS.ErrnoException) => {
  console.error(e.code === 'EADDRINUSE' ? `port ${port} is in use: pass another with --port` : e);
  process.exit(2);
});
const url = values.host === '127.0.0.1' ? server.url.replace('127.0.0.1', 'localhost') : server.url;
console.log(`serving ${values.out} on ${url} (Ctrl-C stops)`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
