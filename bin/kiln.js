#!/usr/bin/env node
// kiln command line: runs the compiled CLI (dist/, built by `npm run build`, which `npm install` runs in a
// checkout). It exits explicitly: Dawn's Node bindings keep the event loop alive while a device exists.
let cli;
try {
  cli = await import('../dist/compiler/cli-process.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist')) throw e;
  console.error('kiln: [USAGE] kiln is not built (no dist/): run `npm run build` in the kiln folder');
  process.exit(2);
}
process.exit(await cli.runCli(process.argv[1], process.argv.slice(2)));
