import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type autocannon from 'autocannon';
import { generateRoadmap } from '../generate';
import { benchDatabase, benchDatabaseConfig } from '../server';
import { type BenchEngine, type CaseResult, median } from '../stats';
import { load, throughput } from './milestone-list';

const RUNS = 3;

/** bench/serve.ts in a process of its own; resolves with its URL once it listens. */
function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench/serve.ts exited with ${code} before listening`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      resolve({ url: (JSON.parse(line) as { url: string }).url, child });
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * milestone.list over 10,000 milestones from two app servers on one PostgreSQL database, each a
 * process with its own pool, driven together by autocannon (16 connections spread over both),
 * against one of them alone with the same 16 connections, interleaved. Reported, not judged:
 * on a machine of two cores the servers, PostgreSQL and the load share the same two.
 */
export async function benchTwoServers(dir: string, engine: BenchEngine): Promise<CaseResult> {
  const config = benchDatabaseConfig(dir, 'two-servers');
  if (config.engine !== 'postgres') throw new Error('two servers: runs on PostgreSQL only');
  const handle = await benchDatabase(config, (h) => generateRoadmap(h, { milestones: 10_000, workstreams: 50 }));
  await handle.close();
  const servers = await Promise.all([startServer(config.url), startServer(config.url)]);
  try {
    const urls = servers.map((s) => `${s.url}/trpc/milestone.list?input=${encodeURIComponent('{}')}`);
    const [first, second] = urls as [string, string];
    // Warm both servers' JIT and pools before anything is timed.
    await Promise.all(urls.map((url) => load(url, { requests: 8, connections: 4 })));
    const one: autocannon.Result[] = [];
    const two: autocannon.Result[] = [];
    for (let i = 0; i < RUNS; i++) {
      one.push(await load(i % 2 ? second : first));
      two.push(await load([first, second]));
    }
    const oneRps = throughput(one);
    const twoRps = throughput(two);
    return {
      case: 'milestone.list, two app servers vs one, c=16',
      engine,
      ours: twoRps,
      floor: oneRps,
      unit: 'req/s',
      ratio: twoRps / oneRps,
      budget: 'reported',
      pass: null,
      notes: {
        'two p50 ms': median(two.map((r) => r.latency.p50)),
        'one p50 ms': median(one.map((r) => r.latency.p50)),
        'two p99 ms': median(two.map((r) => r.latency.p99)),
        'one p99 ms': median(one.map((r) => r.latency.p99)),
      },
    };
  } finally {
    await Promise.all(servers.map((s) => stopServer(s.child)));
  }
}
