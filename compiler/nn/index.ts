// The public nn API: PyTorch-like modules, the symbolic tensor, the functional ops and trace().
export { Module, Parameter, manualSeed, withForward } from './module.ts';
export { trace, constant, sym, type InputSpec, type Operand, type TraceOptions, type TraceOutput } from './tracer.ts';
export { SymTensor, cat, stack, where } from './tensor.ts';
export * as F from './functional.ts';
export { Embedding, Flatten, Identity, Linear } from './linear.ts';
export { Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d } from './conv.ts';
export { BatchNorm1d, BatchNorm2d, LayerNorm } from './norm.ts';
export { AdaptiveAvgPool2d, AvgPool1d, AvgPool2d, MaxPool1d, MaxPool2d } from './pool.ts';
export { Dropout, GELU, LeakyReLU, LogSoftmax, ReLU, SiLU, Sigmoid, Softmax, Softplus, Tanh } from './activation.ts';
export { GRU, LSTM, RNN, type RecurrentOptions } from './recurrent.ts';
export { MultiheadAttention, TransformerEncoder, TransformerEncoderLayer } from './attention.ts';
export {
  BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HingeLoss, L1Loss, Loss, MSELoss, NLLLoss,
  type ClassLossOptions, type CrossEntropyOptions, type LossOptions, type Reduction,
} from './loss.ts';
export { ModuleList, Sequential, type Layer } from './sequential.ts';
