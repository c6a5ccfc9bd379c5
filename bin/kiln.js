#!/usr/bin/env node
// kiln command line: loads the TypeScript sources through tsx, then runs the CLI.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../compiler/cli.ts');
process.exitCode = await main(process.argv.slice(2));
