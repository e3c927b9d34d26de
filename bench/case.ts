/**
 * One case on one engine, in a process of its own (the engine is fixed per process, at import):
 * `node --import tsx bench/case.ts <case> <engine> <work dir> <result file>`. bench/run.ts
 * starts it with DATABASE_URL set for PostgreSQL and unset for SQLite and the client cases.
 */
import { writeFileSync } from 'node:fs';
import { ENGINE } from '../server/db/engine';
import { CASES } from './cases';
import type { BenchEngine } from './stats';

const [name, engine, dir, out] = process.argv.slice(2) as [string, BenchEngine, string, string];
const found = CASES.find((c) => c.name === name);
if (!found?.engines.includes(engine)) throw new Error(`bench/case.ts: no case "${name}" on ${engine}`);
if (engine !== 'client' && engine !== ENGINE) throw new Error(`bench/case.ts: asked for ${engine}, runs on ${ENGINE}`);
const run = await found.load();
writeFileSync(out, JSON.stringify(await run(dir, engine)));
// A pool or a browser left open must not keep the bench waiting.
process.exit(0);
