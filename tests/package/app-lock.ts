// The lockfile of the test app that installs kiln from its packed tarball: kiln itself from the tarball
// (by path, with the tarball's integrity), and its run-time dependencies at exactly the versions and
// integrities of this checkout's lockfile (its entries not marked dev: the production closure, laid out as
// in this checkout's node_modules). With it, `npm ci --offline` installs the app from the tarball and
// npm's cache alone: no registry metadata is needed, as it would be to resolve the tarball's ranges.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  readonly version?: string;
  readonly dev?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly bin?: Record<string, string>;
  readonly [k: string]: unknown;
}

export function appLock(root: string, appName: string, tarballSpec: string, tarball: string): object {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const own = lock.packages[''];
  const kiln = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string>; bin: Record<string, string>; engines?: object; license?: string };
  const runtime = Object.entries(lock.packages).filter(([path, e]) => path !== '' && !e.dev);
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  return {
    name: appName,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: appName, dependencies: { [kiln.name]: tarballSpec } },
      [`node_modules/${kiln.name}`]: {
        version: kiln.version,
        resolved: tarballSpec,
        integrity,
        license: kiln.license,
        dependencies: kiln.dependencies,
        bin: kiln.bin,
        engines: kiln.engines ?? own.engines,
      },
      ...Object.fromEntries(runtime),
    },
  };
}
