/**
 * Dev check of the seed data against its sources.
 *
 *   npx tsx scripts/verify-seed-quotes.ts ../shared/sources
 *
 * Fails (exit 1, one line per problem) when a quote is not an exact substring of the file of
 * its source, a source key is unknown, a milestone has no citation, a dated milestone has no
 * 'date' citation, a participant role has no citation, a milestone points at an unknown
 * workstream / region / participant, a planned interval is not one whole period, or a key
 * repeats. Uses node built-ins only.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clusterSeed, SOURCE_FILES } from '../seeds/cluster';
import { PARTICIPANT_KINDS, PARTICIPANT_ROLES } from '../shared/participant';
import { isCalendarDate, isWholePeriod, PRECISIONS } from '../shared/precision';
import { STATUSES } from '../shared/status';

const dirArg = process.argv[2];
if (!dirArg) {
  console.error('usage: npx tsx scripts/verify-seed-quotes.ts <sources-dir>');
  process.exit(2);
}
const sourcesDir = resolve(dirArg);

const problems: string[] = [];
const problem = (where: string, what: string): void => {
  problems.push(`${where}: ${what}`);
};

/** Reports every key that appears more than once in `keys`. */
function checkUnique(kind: string, keys: string[]): Set<string> {
  const seen = new Set<string>();
  for (const key of keys) {
    if (!key.trim()) problem(kind, 'empty key');
    if (seen.has(key)) problem(`${kind} ${key}`, 'key repeats');
    seen.add(key);
  }
  return seen;
}

// Reference data.
const sourceKeys = checkUnique(
  'source',
  clusterSeed.sources.map((s) => s.key),
);
const workstreamKeys = checkUnique(
  'workstream',
  clusterSeed.workstreams.map((w) => w.key),
);
const regionKeys = checkUnique(
  'region',
  clusterSeed.regions.map((r) => r.key),
);
const participantKeys = checkUnique(
  'participant',
  clusterSeed.participants.map((p) => p.key),
);
checkUnique(
  'milestone',
  clusterSeed.milestones.map((m) => m.key),
);

for (const s of clusterSeed.sources) {
  if (!s.title.trim()) problem(`source ${s.key}`, 'empty title');
  if (s.publishedOn !== null && !isCalendarDate(s.publishedOn)) {
    problem(`source ${s.key}`, `publishedOn is not a calendar date: ${s.publishedOn}`);
  }
  if (s.publishedOn === null && !s.note?.trim()) {
    problem(`source ${s.key}`, 'undated source without a note saying what is known');
  }
  if (!(s.key in SOURCE_FILES)) problem(`source ${s.key}`, 'no file in SOURCE_FILES');
}
for (const key of Object.keys(SOURCE_FILES)) {
  if (!sourceKeys.has(key)) problem(`SOURCE_FILES ${key}`, 'not a source of the seed');
}
for (const p of clusterSeed.participants) {
  if (!(PARTICIPANT_KINDS as readonly string[]).includes(p.kind)) {
    problem(`participant ${p.key}`, `unknown kind ${p.kind}`);
  }
}

// Source texts, read once each.
const texts = new Map<string, string>();
for (const [key, file] of Object.entries(SOURCE_FILES)) {
  try {
    texts.set(key, readFileSync(join(sourcesDir, file), 'utf8'));
  } catch (err) {
    problem(`source ${key}`, `cannot read ${join(sourcesDir, file)}: ${(err as Error).message}`);
  }
}

let quoteCount = 0;
/** Checks one quote: known source key, non-empty, exact substring of that source's file. */
function checkQuote(where: string, source: string, quote: string): void {
  quoteCount += 1;
  if (!sourceKeys.has(source)) {
    problem(where, `unknown source key "${source}"`);
    return;
  }
  if (!quote.trim()) {
    problem(where, 'empty quote');
    return;
  }
  const text = texts.get(source);
  if (text === undefined) return; // unreadable file, already reported
  if (!text.includes(quote)) {
    problem(where, `quote is not an exact substring of ${SOURCE_FILES[source]}: «${quote}»`);
  }
}

// Milestones.
let citationCount = 0;
let roleCount = 0;
let roleCitationCount = 0;
for (const m of clusterSeed.milestones) {
  const at = `milestone ${m.key}`;
  if (!m.titleRu.trim()) problem(at, 'empty titleRu');
  if (!(STATUSES as readonly string[]).includes(m.status)) problem(at, `unknown status ${m.status}`);
  if (!workstreamKeys.has(m.workstream)) problem(at, `unknown workstream "${m.workstream}"`);
  if (m.region !== null && !regionKeys.has(m.region)) problem(at, `unknown region "${m.region}"`);

  if (m.planned !== null) {
    const { start, end, precision } = m.planned;
    if (!(PRECISIONS as readonly string[]).includes(precision)) {
      problem(at, `unknown precision ${precision}`);
    } else if (!isWholePeriod(precision, start, end)) {
      problem(at, `planned ${start}…${end} is not exactly one whole ${precision}`);
    }
  }
  if (m.actualDate !== null && !isCalendarDate(m.actualDate)) {
    problem(at, `actualDate is not a calendar date: ${m.actualDate}`);
  }

  if (m.citations.length === 0) problem(at, 'no citation');
  const dated = m.planned !== null || m.actualDate !== null;
  if (dated && !m.citations.some((c) => c.claim === 'date')) problem(at, "dated but no 'date' citation");
  m.citations.forEach((c, i) => {
    citationCount += 1;
    checkQuote(`${at} citation #${i + 1} (${c.claim})`, c.source, c.quote);
  });

  const pairs = new Set<string>();
  for (const r of m.participants) {
    const who = `${at} participant ${r.participant} as ${r.role}`;
    roleCount += 1;
    if (!participantKeys.has(r.participant)) problem(who, `unknown participant "${r.participant}"`);
    if (!(PARTICIPANT_ROLES as readonly string[]).includes(r.role)) problem(who, `unknown role ${r.role}`);
    const pair = `${r.participant}/${r.role}`;
    if (pairs.has(pair)) problem(who, 'participant role repeats in this milestone');
    pairs.add(pair);
    if (r.citations.length === 0) problem(who, 'no citation for the role');
    r.citations.forEach((c, i) => {
      roleCitationCount += 1;
      checkQuote(`${who} citation #${i + 1}`, c.source, c.quote);
    });
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(`✗ ${p}`);
  console.error(`\n${problems.length} problem(s) in the seed data.`);
  process.exit(1);
}

console.log(
  `seed OK: ${clusterSeed.sources.length} sources, ${clusterSeed.workstreams.length} workstreams, ` +
    `${clusterSeed.regions.length} regions, ${clusterSeed.participants.length} participants, ` +
    `${clusterSeed.milestones.length} milestones, ${citationCount} milestone citations, ` +
    `${roleCount} participant roles (${roleCitationCount} role citations); ${quoteCount} quotes found verbatim.`,
);
