// The documentation holds together: TypeDoc builds the API reference of the three package entries
// (compiler/index.ts, runtime/index.ts, runtime/cpu/index.ts; typedoc.json) without errors, and every
// relative link in README.md and docs/*.md names a file that exists.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];

/** The link targets of a Markdown page, outside code (fenced blocks and inline code spans). */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(\s*([^)\s]+)(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
}

const isRelative = (target: string) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#');

describe('docs', () => {
  it('the pages exist', () => {
    for (const page of ['docs/getting-started.md', 'docs/training.md', 'docs/cli.md', 'docs/errors.md']) expect(pages).toContain(page);
  });

  it.each(pages)('every relative link in %s names an existing file', (page) => {
    const targets = linkTargets(readFileSync(join(ROOT, page), 'utf8')).filter(isRelative);
    const broken = targets.filter((t) => !existsSync(resolve(ROOT, dirname(page), decodeURIComponent(t.split('#')[0]))));
    expect(broken, `${page} links to missing files`).toEqual([]);
  });

  it('the link check sees links and skips code', () => {
    expect(linkTargets('see [a](docs/a.md#x), ![b](img/b.png "B") and [c](https://x.org)\n`[no](code.md)`\n```\n[no](fenced.md)\n```\n')).toEqual(['docs/a.md#x', 'img/b.png', 'https://x.org']);
  });

  // 17 to 30 s on a 2-core machine: TypeScript checks the program of tsconfig.build.json (ir, passes, compiler, runtime).
  // TypeDoc exits non-zero on an error (a type error, a bad option); warnings (types referenced by the
  // entries but not exported from them) do not fail it.
  it('TypeDoc builds the API reference without errors', { timeout: 300_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), 'kiln-typedoc-'));
    try {
      const bin = join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');
      execFileSync(process.execPath, [bin, '--out', out, '--emit', 'docs'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(existsSync(join(out, 'index.html')), `no index.html in ${relative(ROOT, out)}`).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
