// How the `kiln` command runs: the CLI in a child process whose stderr passes through a filter, so that
// Dawn's informational warnings (written by its native code straight to the process's stderr, out of
// JavaScript's reach) do not reach the user's terminal. Everything else passes unchanged, line by line.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Lines Dawn prints about itself that say nothing to a kiln user (adapter limits it clamps on start). */
export const DAWN_NOISE: readonly RegExp[] = [/^Warning: \w+ artificially reduced from \d+ to \d+ to fit dynamic offset allocation limit\.$/];

export const isDawnNoise = (line: string): boolean => DAWN_NOISE.some((re) => re.test(line));

const CHILD = 'KILN_CLI_CHILD';

/** Runs the CLI on `args`: in this process when it is the filtered child, else in a child with filtered stderr. */
export async function runCli(script: string, args: readonly string[]): Promise<number> {
  // The parent only relays stderr: it loads the CLI (and through it Dawn) in the child alone.
  if (process.env[CHILD]) return (await import('./cli.ts')).main([...args]);
  const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: ['inherit', 'inherit', 'pipe'], env: { ...process.env, [CHILD]: '1' } });
  createInterface({ input: child.stderr! }).on('line', (line) => isDawnNoise(line) || process.stderr.write(line + '\n'));
  return new Promise((done) => {
    child.on('error', (e) => (process.stderr.write(`kiln: [USAGE] cannot start the CLI: ${e.message}\n`), done(2)));
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 2)));
  });
}
