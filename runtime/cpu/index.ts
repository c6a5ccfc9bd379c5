// The CPU entry of the runtime (`kiln/runtime/cpu`): runs a shipped artifact without a GPU and without
// the compiler. Separate from runtime/index.ts, whose WebGPU-only bundle stays small: this one carries
// the op table, the IR deserializer and the interpreter's kernels.
export { CpuSession, createCpuSession } from './session.ts';
export { interpret, type InterpretOptions } from './interpreter.ts';
export { artifactGraph, artifactGraphs, deserializeGraph } from '../artifact-graph.ts';
export { loadArtifact, Artifact, type ArtifactSource } from '../artifact.ts';
export { KilnError } from '../../ir/errors.ts';
