// Which backend a loaded model runs on: 'webgpu' (an adapter is required), 'cpu' (the interpreter of
// kiln/runtime/cpu), or 'auto': WebGPU when an adapter exists, else the CPU. Names are checked, and the
// choice is returned so that the caller can say which one it took; nothing falls back silently.
import { KilnError } from '../ir/errors.ts';
import { getGpu, type GpuContext } from './webgpu/device.ts';

export const RUNTIME_BACKENDS = ['auto', 'webgpu', 'cpu'] as const;
export type RuntimeBackend = (typeof RUNTIME_BACKENDS)[number];

export type BackendChoice = { readonly backend: 'webgpu'; readonly gpu: GpuContext } | { readonly backend: 'cpu' };

export async function chooseBackend(asked: RuntimeBackend = 'auto', gpu?: GpuContext): Promise<BackendChoice> {
  if (!RUNTIME_BACKENDS.includes(asked)) {
    throw new KilnError('USAGE', `unknown backend ${JSON.stringify(asked)}: use ${RUNTIME_BACKENDS.map((b) => `'${b}'`).join(', ')}`);
  }
  if (asked === 'cpu') return { backend: 'cpu' };
  const found = gpu ?? (await getGpu());
  if (found) return { backend: 'webgpu', gpu: found };
  if (asked === 'auto') return { backend: 'cpu' };
  throw new KilnError('BACKEND', "backend 'webgpu' was asked for but no WebGPU adapter was found; use backend 'auto' or 'cpu'");
}
