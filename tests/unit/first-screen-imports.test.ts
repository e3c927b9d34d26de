import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The first screen (the entry and the timeline chunk index.html preloads, vite.config.ts) does not
 * download zod: on a slow regional link it was a tenth of the code before the first item (bench:
 * network). Schemas are for forms and the server; the first screen takes plain lists and date
 * arithmetic from zod-free modules (shared/statuses.ts, claim-words.ts, calendar-date.ts, ...),
 * and a link's filters are checked by a chunk loaded on demand (client/lib/url-state.ts).
 * This walks the static imports, as the bundler does; `import type` brings no code.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const FIRST_SCREEN = ['client/main.tsx', 'client/features/timeline/TimelineScreen.tsx'];

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** The source file of a relative import; null for what is no code of ours (a stylesheet). */
function resolveModule(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`];
  return candidates.find((c) => /\.tsx?$/.test(c) && existsSync(c)) ?? null;
}

/** Every module reached from `entries` by static imports, with the chain that reached it. */
function staticGraph(entries: string[]): Map<string, { chain: string[]; packages: string[] }> {
  const seen = new Map<string, { chain: string[]; packages: string[] }>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    const node = { chain: [...chain, relative(ROOT, file)], packages: [] as string[] };
    seen.set(file, node);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      if (!specifier) continue;
      if (!specifier.startsWith('.')) {
        node.packages.push(specifier);
        continue;
      }
      const target = resolveModule(file, specifier);
      if (target) visit(target, node.chain);
    }
  };
  for (const entry of entries) visit(resolve(ROOT, entry), []);
  return seen;
}

describe('the first screen', () => {
  const graph = staticGraph(FIRST_SCREEN);

  it('reaches the modules it draws with (the walk itself works)', () => {
    const files = [...graph.values()].map((n) => n.chain.at(-1));
    expect(files).toEqual(
      expect.arrayContaining(['client/lib/url-state.ts', 'shared/statuses.ts', 'shared/calendar-date.ts']),
    );
    expect(graph.get(resolve(ROOT, 'client/lib/i18n.ts'))?.packages).toContain('i18next');
  });

  it('imports no zod, directly or through a shared schema module', () => {
    const zod = [...graph.values()]
      .filter((n) => n.packages.some((p) => p === 'zod' || p.startsWith('zod/')))
      .map((n) => n.chain.join(' → '));
    expect(zod).toEqual([]);
  });
});
