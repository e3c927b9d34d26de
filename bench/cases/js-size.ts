import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CaseResult } from '../stats';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  name?: string;
}

const BUDGET_KB = 300;

/**
 * JavaScript a visitor downloads to see the timeline: the entry with its static imports plus
 * the lazily loaded timeline chunk with its own, gzip-compressed, from a fresh production build.
 */
export async function benchJsSize(dir: string): Promise<CaseResult> {
  const out = join(dir, 'client');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--manifest', '--outDir', out], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('client build failed');
  const manifest = JSON.parse(readFileSync(join(out, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entry) throw new Error('no entry chunk');
  visit(entry);
  const entryFiles = new Set(files);
  const timeline = Object.keys(manifest).find((k) => k.includes('TimelineScreen'));
  if (!timeline) throw new Error('no lazy timeline chunk: the timeline must load on demand');
  visit(timeline);
  const gz = (file: string) => gzipSync(readFileSync(join(out, file)), { level: 9 }).length / 1024;
  const total = [...files].reduce((n, f) => n + gz(f), 0);
  const initial = [...entryFiles].reduce((n, f) => n + gz(f), 0);
  const timelineFile = manifest[timeline]?.file ?? '';
  return {
    case: 'JS for the timeline screen (gzip)',
    engine: 'client',
    ours: total,
    floor: BUDGET_KB,
    unit: 'KB',
    ratio: total / BUDGET_KB,
    budget: `≤ ${BUDGET_KB} KB, timeline lazy`,
    pass: total <= BUDGET_KB && !entryFiles.has(timelineFile),
    notes: { 'entry KB': initial, 'timeline chunk KB': gz(timelineFile) },
  };
}
