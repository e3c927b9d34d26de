import { analyzeArticle } from '../server/services/intake/analyze/analyze';
import {
  addScores,
  emptyScores,
  KINDS,
  loadCorpus,
  precision,
  quoteMismatches,
  readSourceText,
  recall,
  runCorpus,
  type Scores,
  SOURCE_FILE_NAMES,
  SOURCES_DIR,
  scoreSource,
  sourcesAvailable,
} from '../tests/fixtures/intake/corpus';
import { seedContext } from '../tests/fixtures/intake/seed-context';

/**
 * `npm run eval:intake`: the news intake analyser measured, not hoped (issue 11, point 5).
 * 1. The project's own corpus (tests/fixtures/intake): precision and recall per kind, and the
 *    false alarms on sentences that must produce nothing.
 * 2. The five source texts in ../shared/sources when that folder is there (it is not shipped):
 *    scored with the seed as gold standard against the roadmap as it stood before them.
 * 3. The time to analyse a 15,000-character article.
 * Targets: recall ≥ 0.9 for dates and new milestones, ≥ 0.8 for statuses and participants;
 * precision ≥ 0.8 for each; 15,000 characters under 300 ms. Exits 1 when the corpus misses one.
 */

const TARGET_RECALL: Record<string, number> = { date: 0.9, status: 0.8, participant: 0.8, new: 0.9 };
const TARGET_PRECISION = 0.8;
const TARGET_MS = 300;
const verbose = process.argv.includes('--verbose');

const fmt = (v: number | null) => (v === null ? '  n/a' : v.toFixed(2).padStart(5));

function table(title: string, scores: Scores): boolean {
  let ok = true;
  console.log(`\n${title}`);
  console.log('kind          proposed correct precision  expected found recall');
  for (const k of KINDS) {
    const t = scores[k];
    const p = precision(t);
    const r = recall(t);
    const pass = (p === null || p >= TARGET_PRECISION) && (r === null || r >= (TARGET_RECALL[k] ?? 0));
    if (!pass) ok = false;
    console.log(
      `${k.padEnd(13)} ${String(t.proposed).padStart(8)} ${String(t.correct).padStart(7)} ${fmt(p).padStart(9)}  ${String(t.expected).padStart(8)} ${String(t.found).padStart(5)} ${fmt(r).padStart(6)} ${pass ? '' : ' ← below target'}`,
    );
  }
  return ok;
}

const corpus = runCorpus();
let ok = table('Corpus (tests/fixtures/intake, fictional articles, seed roadmap)', corpus.scores);
console.log(`must-produce-nothing sentences: ${corpus.nothing.sentences}, false alarms: ${corpus.nothing.falseAlarms}`);
console.log(
  `source metadata: publisher ${corpus.source.publisher}/${corpus.source.checked}, date ${corpus.source.publishedOn}/${corpus.source.checked}, title ${corpus.source.title}/${corpus.source.checked}`,
);
const badQuotes = corpus.articles.reduce((n, a) => n + a.badQuotes.length, 0);
console.log(`quotes not equal to text.slice(quoteStart, quoteEnd): ${badQuotes}`);
if (badQuotes || corpus.nothing.falseAlarms) ok = false;
if (verbose) {
  for (const a of corpus.articles) {
    for (const m of a.misses) console.log(`  miss  ${a.name}: ${JSON.stringify(m)}`);
    for (const p of a.extras) {
      console.log(
        `  extra ${a.name}: ${p.kind} m=${p.milestoneId} ${JSON.stringify({ planned: p.planned, status: p.status, participant: p.participant, role: p.role, newTitle: p.newTitle })} «${p.quote.slice(0, 80)}»`,
      );
    }
  }
  for (const a of corpus.nothing.alarms)
    console.log(`  alarm «${a.sentence}»: ${a.proposals.map((p) => p.kind).join(', ')}`);
}

if (sourcesAvailable()) {
  // The roadmap before the sources were read: titles and descriptions, no dates, no participants.
  const skeleton = seedContext({ skeleton: true });
  const total = emptyScores();
  let facts = 0;
  let found = 0;
  let atSeedPassage = 0;
  for (const [key, file] of Object.entries(SOURCE_FILE_NAMES)) {
    const text = readSourceText(file);
    const analysis = analyzeArticle(text, {}, skeleton);
    const s = scoreSource(key, analysis);
    addScores(total, s.scores);
    facts += s.facts.length;
    found += s.factsFound.length;
    atSeedPassage += s.atSeedPassage;
    if (quoteMismatches(text, analysis).length) ok = false;
    if (verbose) {
      console.log(`  ${key}: source ${JSON.stringify(analysis.source)}`);
      for (const f of s.facts)
        console.log(`    fact ${s.factsFound.includes(f) ? 'found' : 'MISSED'} ${JSON.stringify(f)}`);
      for (const g of s.statusesMissed) console.log(`    status MISSED ${JSON.stringify(g)}`);
      for (const g of s.rolesMissed)
        console.log(`    role MISSED ${g.participant} ${g.role} «${g.quotes.join('» | «')}»`);
      for (const p of s.wrong) {
        console.log(
          `    false alarm ${p.kind} m=${p.milestoneId} ${JSON.stringify({ planned: p.planned, status: p.status, actualDate: p.actualDate, participant: p.participant?.name, role: p.role, newTitle: p.newTitle })} «${p.quote.slice(0, 100)}»`,
        );
      }
    }
  }
  const sourcesOk = table(`The five sources (${SOURCES_DIR}), seed as gold standard, roadmap before them`, total);
  if (!sourcesOk) console.log('(the sources are reported, not enforced: they are not on every machine)');
  console.log(`dated facts of the seed found: ${found}/${facts}`);
  console.log(
    `participant proposals at a passage the seed cites for that role from that source: ${atSeedPassage}/${total.participant.proposed} (the rest restate a role the seed holds)`,
  );
} else {
  console.log(`\nThe five sources: ${SOURCES_DIR} is not on this machine — that part is skipped.`);
}

// Timing: a 15,000-character article made of the corpus, analysed after one warm-up run.
const articles = loadCorpus();
let long = '';
for (let i = 0; long.length < 15_000; i++) long += `${(articles[i % articles.length] as { text: string }).text}\n\n`;
long = long.slice(0, 15_000);
const context = seedContext();
analyzeArticle(long, {}, context);
const runs: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < 5; i++) {
  const c = process.cpuUsage();
  const t = performance.now();
  analyzeArticle(long, {}, context);
  runs.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
}
runs.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const median = runs[2] as number;
console.log(
  `\n15,000 characters: median ${median.toFixed(1)} ms of 5 runs (worst ${(runs[4] as number).toFixed(1)} ms), target < ${TARGET_MS} ms`,
);
// The wall clock is what a planner waits and what the target judges; the processor time beside it
// tells the analyser's cost from a busy machine's queue (2 cores shared by several test runs here).
console.log(`  processor time: median ${(cpu[2] as number).toFixed(1)} ms`);
if (median >= TARGET_MS) ok = false;

console.log(ok ? '\nThe corpus meets its targets.' : '\nThe corpus misses some targets.');
process.exitCode = ok ? 0 : 1;
