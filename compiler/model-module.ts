// `kiln compile model.ts --input x=f32[1,784]`: a JavaScript or TypeScript module that exports an nn
// model, traced on the given inputs. The model is the default export, else the export named `model`:
// a Module, or a function (sync or async) returning one. TypeScript modules load through tsx when it is
// installed (kiln's dev dependency; `npm install -D tsx` in an app); otherwise the error says so.
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KilnError } from '../ir/errors.ts';
import type { Graph } from '../ir/graph.ts';
import { Module } from './nn/module.ts';
import { type InputSpec, trace } from './nn/tracer.ts';

const JS = new Set(['.js', '.mjs', '.cjs']);
const TS = new Set(['.ts', '.mts', '.cts']);

export const isModelModule = (path: string): boolean => JS.has(extname(path).toLowerCase()) || TS.has(extname(path).toLowerCase());

const fail = (path: string, detail: string): never => {
  throw new KilnError('USAGE', detail, { path });
};

/** Registers tsx's loader so that import() of a .ts file works; a KilnError saying what to install otherwise. */
async function enableTypeScript(path: string): Promise<void> {
  const api = 'tsx/esm/api'; // a variable: tsx is optional at run time
  try {
    const { register } = (await import(/* @vite-ignore */ api)) as { register: () => unknown };
    register();
  } catch {
    fail(path, 'compiling a TypeScript model module needs tsx (npm install -D tsx), or pass the module compiled to JavaScript');
  }
}

async function importModule(path: string): Promise<Record<string, unknown>> {
  if (TS.has(extname(path).toLowerCase()) && !(process.features as { typescript?: unknown }).typescript) await enableTypeScript(path);
  try {
    return (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof KilnError) throw e;
    return fail(path, `cannot load the model module: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The module's model: default export, else `model`; a Module or a function returning one. */
async function exportedModel(mod: Record<string, unknown>, path: string): Promise<Module> {
  const which = 'default' in mod ? 'default' : 'model' in mod ? 'model' : undefined;
  if (!which) fail(path, `the module exports no model: export default (or export const model) a Module or a function returning one; it exports ${Object.keys(mod).join(', ') || 'nothing'}`);
  const v = mod[which!];
  const m = typeof v === 'function' && !(v.prototype instanceof Module) ? await (v as () => unknown)() : v;
  if (!(m instanceof Module)) fail(path, `export '${which}' is not an nn Module nor a function returning one (a class must be instantiated: export default () => new MyModel())`);
  return m as Module;
}

/** Imports the module at `path` and traces its model on `inputs` (at least one). */
export async function traceModelModule(path: string, inputs: Readonly<Record<string, InputSpec>>): Promise<Graph> {
  if (Object.keys(inputs).length === 0) fail(path, 'a model module needs the shapes to trace it on: --input NAME=DTYPE[SHAPE] (e.g. --input x=f32[1,784]) for each forward() argument');
  const model = await exportedModel(await importModule(path), path);
  return trace(model, inputs);
}
