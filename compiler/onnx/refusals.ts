// Why kiln does not import an ONNX op: one reason per op, as data. The importer's unsupported-ops error
// gives each refused op its reason, and docs/onnx-coverage.md lists them. An op kiln has a converter for
// is supported whatever this table says (ops/index.ts wins), so adding a converter needs no edit here; an
// op in neither table is "not implemented yet".

/** The kinds of reason, each with the sentence that explains it. */
export const REASONS = {
  'data-dependent': 'its output shape depends on the input values, which a static-shape compiler cannot know when it plans buffers',
  sequence: 'it takes or makes an ONNX sequence, and kiln compiles tensors only',
  optional: 'it takes or makes an ONNX optional, and kiln compiles tensors only',
  string: 'it works on string tensors, which kiln has no dtype for',
  random: 'it draws random numbers at run time; kiln programs are deterministic (Dropout is imported as the identity of inference)',
  'not-implemented': 'not implemented yet',
} as const;

export type ReasonKind = keyof typeof REASONS;

/** The ops with a reason other than "not implemented yet". */
export const REFUSALS: Readonly<Record<string, ReasonKind>> = {
  NonZero: 'data-dependent',
  NonMaxSuppression: 'data-dependent',
  Unique: 'data-dependent',
  Compress: 'data-dependent',
  ImageDecoder: 'data-dependent',
  StringSplit: 'string',
  StringConcat: 'string',
  StringNormalizer: 'string',
  RegexFullMatch: 'string',
  ConcatFromSequence: 'sequence',
  SequenceAt: 'sequence',
  SequenceConstruct: 'sequence',
  SequenceEmpty: 'sequence',
  SequenceErase: 'sequence',
  SequenceInsert: 'sequence',
  SequenceLength: 'sequence',
  SequenceMap: 'sequence',
  SplitToSequence: 'sequence',
  Optional: 'optional',
  OptionalGetElement: 'optional',
  OptionalHasElement: 'optional',
  RandomNormal: 'random',
  RandomNormalLike: 'random',
  RandomUniform: 'random',
  RandomUniformLike: 'random',
  Multinomial: 'random',
  Bernoulli: 'random',
};

export const reasonKind = (op: string): ReasonKind => (Object.prototype.hasOwnProperty.call(REFUSALS, op) ? REFUSALS[op] : 'not-implemented');

/** The sentence that says why kiln refuses `op` of the default domain. */
export const refusalReason = (op: string): string => REASONS[reasonKind(op)];

/** Why kiln refuses every op of a domain other than the default one. */
export const DOMAIN_REASONS: Readonly<Record<string, string>> = {
  'ai.onnx.preview.training': 'training-only: kiln builds the gradient and optimizer steps itself (compileTraining), it does not import them',
  'ai.onnx.ml': 'classical machine-learning ops (ai.onnx.ml) are not implemented',
};

/** The sentence that says why kiln refuses an op of `domain` (not the default domain). */
export const domainReason = (domain: string): string =>
  Object.prototype.hasOwnProperty.call(DOMAIN_REASONS, domain) ? DOMAIN_REASONS[domain] : `not in the default ONNX domain (kiln imports ai.onnx only)`;
