#!/usr/bin/env node
// kiln command line: loads the TypeScript sources through tsx, then runs the CLI. It exits
// explicitly: Dawn's Node bindings keep the event loop alive while a device exists.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../compiler/cli.ts');
const code = await main(process.argv.slice(2));
process.exit(code);
