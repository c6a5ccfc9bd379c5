// Browser-test helpers: a node:http server on 127.0.0.1 (random port) serving the test page, the
// runtime bundle and an artifact folder; and headless Chromium (Debian's /usr/bin/chromium) with the
// flags that give it a WebGPU adapter (SwiftShader) without a GPU.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = process.env.KILN_CHROMIUM ?? '/usr/bin/chromium';

/**
 * `--enable-unsafe-webgpu` is what exposes an adapter in headless Chromium on Linux (SwiftShader's
 * Vulkan); the rest keep the browser quiet and sandbox-free in containers.
 */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--use-angle=swiftshader',
  '--enable-features=Vulkan',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The page: imports the runtime bundle (or an app bundle) and exposes it as window.kiln. */
export const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>kiln runtime test</title></head>
<body><script type="module">
import * as kiln from './runtime.js';
window.kiln = kiln;
window.kilnReady = true;
</script></body></html>`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.safetensors': 'application/octet-stream',
};

export interface TestServer {
  readonly url: string;
  /** Paths the page requested, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * Serves `/` (the page), `/runtime.js` (the bundle), `/artifact/<file>` from `artifactDir`, and any
 * further files (e.g. a bundle's split chunks) by path.
 */
export async function serve(bundle: string, artifactDir: string, files: ReadonlyMap<string, string> = new Map()): Promise<TestServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    let body: string | Uint8Array | undefined;
    if (path === '/') body = PAGE;
    else if (path === '/runtime.js') body = bundle;
    else if (files.has(path)) body = files.get(path);
    else if (path.startsWith('/artifact/')) {
      const file = normalize(join(artifactDir, decodeURIComponent(path.slice('/artifact/'.length))));
      if (file.startsWith(artifactDir) && existsSync(file)) body = readFileSync(file);
    }
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    const ext = path === '/' ? '.html' : path.slice(path.lastIndexOf('.'));
    res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

function notice(what: string, how: string): void {
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! NOT RUN: ${what}\n!! ${how}\n${bar}\n`);
}

/** True when Chromium is installed; a loud notice otherwise, and a failure under KILN_REQUIRE_WEBGPU=1. */
export function haveChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const how = 'install it with: sudo apt-get install chromium (or point KILN_CHROMIUM at a Chromium binary)';
  if (process.env.KILN_REQUIRE_WEBGPU === '1') throw new Error(`KILN_REQUIRE_WEBGPU=1 but Chromium is missing at ${CHROMIUM}; ${how}`);
  notice(`browser tests: Chromium is not installed at ${CHROMIUM}`, how);
  return false;
}

/** A page without WebGPU: a failure under KILN_REQUIRE_WEBGPU=1, else a loud notice. */
export function noBrowserWebGpu(detail: string): void {
  if (process.env.KILN_REQUIRE_WEBGPU === '1') throw new Error(`KILN_REQUIRE_WEBGPU=1 but headless Chromium has no WebGPU adapter: ${detail}`);
  notice(`browser tests: headless Chromium has no WebGPU adapter (${detail})`, `check the flags in tests/browser/server.ts against ${CHROMIUM} --version`);
}

/** Headless Chromium showing the server's page once it is ready (window.kilnReady), with its console and page errors collected. */
export async function openPage(server: TestServer): Promise<{ page: Page; logs: string[]; browser: Browser }> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const logs: string[] = [];
    page.on('console', (m) => logs.push(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.waitForFunction(() => (window as unknown as { kilnReady?: boolean }).kilnReady === true, undefined, { timeout: 30_000 });
    return { page, logs, browser };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
