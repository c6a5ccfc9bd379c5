// The package's main entry (`import ... from 'kiln'`): the compiler API. Models from the nn API (traced)
// or from ONNX (imported) become IR graphs; graphs compile to WebGPU programs, to train steps (losses,
// optimizers, LR schedulers, checkpoints), to ONNX again, and to artifacts that kiln/runtime (WebGPU) or
// kiln/runtime/cpu (no GPU) run without the compiler.
export * from './nn/index.ts';
export { importOnnx, importOnnxFile, type ImportedModel, type ImportOptions } from './onnx/importer.ts';
export { compileForWebGpu, type CompileOptions } from './compile.ts';
export * from './train/index.ts';
export { buildArtifact, compileOnnxArtifact, writeArtifact, RUNTIME_IMPORT, type ArtifactOptions, type BuiltArtifact } from './artifact/write.ts';
export { tuneContractions, type TuneResult } from './tune.ts';
export { exportOnnx, type ExportOptions } from './onnx/export.ts';
export { loadWeights, loadSafetensors, saveSafetensors, loadOnnxWeights } from './weights.ts';
export { readSafetensors, writeSafetensors } from './safetensors.ts';
export { accuracy, argmax, batchOf, DEBIAN_FASHION_MNIST, FASHION_CLASSES, fashionMnistDir, loadSplit, splitDataset, type Split } from './data/fashion-mnist.ts';
export { readIdx, writeIdx, type IdxArray } from './data/idx.ts';
export { seededUniform } from './seeded-uniform.ts';
export { interpret, type InterpretOptions } from '../runtime/cpu/interpreter.ts';
export { Graph, type Node, type Value } from '../ir/graph.ts';
export { tensor } from '../ir/tensor.ts';
export { printGraph } from '../ir/print.ts';
export { KilnError, type KilnErrorCode } from '../ir/errors.ts';
export type { DType, TypedArray } from '../ir/dtype.ts';
export type { Tensor } from '../ir/tensor.ts';

// Types that public signatures above refer to.
export type { AttentionMasks, EncoderLayerOptions } from './nn/attention.ts';
export type { AvgOpts, MaxOpts } from './nn/pool.ts';
export type { BatchNormOpts } from './nn/norm.ts';
export type { Cell, LayerWeights } from './nn/recurrent.ts';
export type { Dims } from './nn/tensor.ts';
export type { Tracer } from './nn/tracer.ts';
export type { StepBuilder } from './train/builder.ts';
export type { StepScalars, UpdateContext } from './train/optimizer.ts';
export type { BackendName } from './backend.ts';
export type { CompiledProgram } from './wgsl/codegen.ts';
export type { GemmChoice, GemmVariant } from './wgsl/lower/matmul.ts';
export type { GatherB, GemmSpec, TileConfig, VectorLoad } from './wgsl/lower/gemm-parts.ts';
export type { WgslScalar } from './wgsl/wgsl.ts';
export type { AttrMap, Operands } from '../ir/builder.ts';
export type { TuneOptions, TunedChoice } from './tune.ts';
export type { SafetensorsFile, WriteOptions as SafetensorsWriteOptions } from './safetensors.ts';
export type { LoadOptions as WeightLoadOptions } from './weights.ts';
export type { Attrs, AttrValue } from '../ir/op.ts';
export type { FloatArray } from '../ir/dtype.ts';
export type { KilnErrorContext } from '../ir/errors.ts';
export type { Shape } from '../ir/shape.ts';
export type { TensorType } from '../ir/tensor.ts';
