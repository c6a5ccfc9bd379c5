// Obtains a WebGPU device: the browser's navigator.gpu, or in Node the Dawn bindings of npm `webgpu`.
// Returns undefined when no adapter exists; callers decide (and say) what to do then.

export interface GpuContext {
  device: GPUDevice;
  adapterName: string;
  /** The optional features the device was created with (those of OPTIONAL_FEATURES the adapter has). */
  features?: readonly string[];
}

/** Each WGSL extension kiln's kernels may enable (`enable NAME;`), and the device feature it needs. */
export const WGSL_EXTENSION_FEATURES = { subgroups: 'subgroups', f16: 'shader-f16' } as const;
export type WgslExtension = keyof typeof WGSL_EXTENSION_FEATURES;

/** Features requested when the adapter offers them; a device is still created without any of them. */
const OPTIONAL_FEATURES: readonly GPUFeatureName[] = Object.values(WGSL_EXTENSION_FEATURES);

/** The device features a program's kernels need: one per `enable` directive in their WGSL. */
export function featuresNeeded(wgsl: Iterable<string>): string[] {
  const need = new Set<string>();
  for (const text of wgsl) {
    for (const [, ext] of text.matchAll(/^enable (\w+);/gm)) need.add(WGSL_EXTENSION_FEATURES[ext as WgslExtension] ?? ext);
  }
  return [...need];
}

/**
 * Dawn's GPU object must stay referenced for the life of its devices: once garbage-collected, its
 * instance is freed while Dawn still polls it for events, and the process crashes.
 */
let nodeGpuInstance: GPU | undefined;

async function nodeGpu(): Promise<GPU | undefined> {
  if (nodeGpuInstance) return nodeGpuInstance;
  const mod = 'webgpu'; // not a static import: the browser bundle must not pull in Dawn
  try {
    const { create, globals } = (await import(/* @vite-ignore */ mod)) as { create: (o: string[]) => GPU; globals: object };
    Object.assign(globalThis, globals);
    // Mesa warns on every start without a runtime dir; give it a private one.
    if (typeof process !== 'undefined' && !process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = '/tmp';
    nodeGpuInstance = create([]);
    return nodeGpuInstance;
  } catch {
    return undefined;
  }
}

let cached: Promise<GpuContext | undefined> | undefined;

/** The shared device; after a device loss the next call creates a fresh one. */
export function getGpu(): Promise<GpuContext | undefined> {
  cached ??= (async () => {
    const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu ?? (await nodeGpu());
    const adapter = await gpu?.requestAdapter();
    if (!adapter) return undefined;
    const features = OPTIONAL_FEATURES.filter((f) => adapter.features.has(f));
    const device = await adapter.requestDevice({ requiredLimits: pickLimits(adapter), requiredFeatures: features });
    const mine = cached;
    void device.lost.then(() => {
      if (cached === mine) cached = undefined;
    });
    const info = adapter.info;
    const adapterName = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
    return { device, adapterName, features };
  })();
  return cached;
}

/** Ask for the adapter's full storage limits rather than the small defaults. */
function pickLimits(adapter: GPUAdapter): Record<string, number> {
  const l = adapter.limits;
  return {
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
    maxBufferSize: l.maxBufferSize,
    maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage,
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
  };
}

/** Destroys the cached device (if any) and lets Dawn finish its pending work before the process exits. */
export async function releaseGpu(): Promise<void> {
  const ctx = await cached;
  cached = undefined;
  if (!ctx) return;
  await ctx.device.queue.onSubmittedWorkDone();
  ctx.device.destroy();
  await new Promise((r) => setTimeout(r, 20));
}
