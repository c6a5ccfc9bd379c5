// The public runtime entry, what an app bundles: the artifact loader and the WebGPU executor.
// The CPU interpreter (runtime/cpu/) and the IR deserializer (runtime/artifact-graph.ts) are separate
// entries so that this bundle stays small.
export { loadArtifact, checkManifest, checkWeights, Artifact, Session, type ArtifactSource } from './artifact.ts';
export { ARTIFACT_FORMAT, MANIFEST_FILE, WEIGHTS_FILE, type Manifest } from './artifact-format.ts';
export { PROGRAM_VERSION, type Program } from './program.ts';
export { WebGpuExecutor, type RunOptions } from './webgpu/executor.ts';
export { getGpu, releaseGpu, type GpuContext } from './webgpu/device.ts';
export { chooseBackend, RUNTIME_BACKENDS, type BackendChoice, type RuntimeBackend } from './backend-choice.ts';
export { KilnError } from '../ir/errors.ts';
export type { TypedArray } from '../ir/dtype.ts';
export type { Tensor } from '../ir/tensor.ts';
// Types that public signatures above refer to.
export type { ArenaDecl, BufferDecl, BufferRole, ChecksDecl, DispatchDecl, IoDecl, KernelDecl, ProgramLimits } from './program.ts';
export type { SerializedAttr, SerializedConstant, SerializedGraph, SerializedNode, SerializedValue, SpecializationDecl, WeightsDecl } from './artifact-format.ts';
export type { LoadOptions as ExecutorLoadOptions } from './webgpu/executor.ts';
export type { CheckedDispatchState } from './webgpu/check-finite.ts';
