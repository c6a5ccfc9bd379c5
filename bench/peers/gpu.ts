// One WebGPU entry point for every runner in a bench process: the `webgpu` package's GPU object (Dawn),
// installed as navigator.gpu, which is where TF.js's and ONNX Runtime Web's WebGPU backends look for it;
// kiln's getGpu() finds it there too. ONNX Runtime Web uploads from views on a SharedArrayBuffer (its
// wasm heap), which Dawn's writeBuffer refuses, so writeBuffer copies such views to a plain buffer first.

let gpu: GPU | undefined;

export interface AdapterInfo { vendor: string; architecture: string; device: string; description: string }

export async function installNavigatorGpu(): Promise<GPU> {
  if (gpu) return gpu;
  const mod = 'webgpu';
  const { create, globals } = (await import(mod)) as { create: (flags: string[]) => GPU; globals: object };
  Object.assign(globalThis, globals);
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
  gpu = create([]);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  shimSharedWriteBuffer();
  return gpu;
}

function shimSharedWriteBuffer(): void {
  const proto = (globalThis as unknown as { GPUQueue: { prototype: GPUQueue } }).GPUQueue.prototype;
  const write = proto.writeBuffer;
  proto.writeBuffer = function (this: GPUQueue, buffer: GPUBuffer, offset: number, data: BufferSource, dataOffset?: number, size?: number) {
    if (ArrayBuffer.isView(data) && data.buffer instanceof SharedArrayBuffer) {
      // dataOffset and size count elements of a typed array, bytes of a DataView.
      const unit = 'BYTES_PER_ELEMENT' in data ? (data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT : 1;
      const copy = new Uint8Array(data.byteLength);
      copy.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      return write.call(this, buffer, offset, copy, (dataOffset ?? 0) * unit, size === undefined ? undefined : size * unit);
    }
    return write.call(this, buffer, offset, data, dataOffset, size);
  } as GPUQueue['writeBuffer'];
}

/** The adapter every WebGPU runner gets (they all ask for the default one). */
export async function adapterInfo(): Promise<AdapterInfo | undefined> {
  const adapter = await (await installNavigatorGpu()).requestAdapter();
  if (!adapter) return undefined;
  const i = adapter.info;
  return { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description };
}
