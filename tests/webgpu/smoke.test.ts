// Proves the GPU path is live: adapter, device, one compute kernel, readback.
import { expect, it } from 'vitest';
import { webgpuOrSkip } from '../support/env.ts';

it('runs a compute kernel on the WebGPU adapter and reads it back', async (t) => {
  const gpu = await webgpuOrSkip();
  if (!gpu) return t.skip();
  const { device } = gpu;
  console.log(`WebGPU adapter: ${gpu.adapterName}`);
  const n = 1000;
  const input = Float32Array.from({ length: n }, (_, i) => i * 0.5 - 100);
  const src = device.createBuffer({ size: n * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  const dst = device.createBuffer({ size: n * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const read = device.createBuffer({ size: n * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(src, 0, input);
  const module = device.createShaderModule({
    code: `
      @group(0) @binding(0) var<storage, read> x: array<f32>;
      @group(0) @binding(1) var<storage, read_write> y: array<f32>;
      @compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
        if (id.x < arrayLength(&x)) { y[id.x] = max(x[id.x], 0.0) * 2.0 + 1.0; }
      }`,
  });
  const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const bind = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [{ binding: 0, resource: { buffer: src } }, { binding: 1, resource: { buffer: dst } }],
  });
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bind);
  pass.dispatchWorkgroups(Math.ceil(n / 64));
  pass.end();
  enc.copyBufferToBuffer(dst, 0, read, 0, n * 4);
  device.queue.submit([enc.finish()]);
  await read.mapAsync(GPUMapMode.READ);
  const got = new Float32Array(read.getMappedRange().slice(0));
  read.unmap();
  const want = input.map((v) => Math.max(v, 0) * 2 + 1);
  expect(Array.from(got)).toEqual(Array.from(want));
  for (const b of [src, dst, read]) b.destroy();
});
