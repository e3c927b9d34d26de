import { findWords, isContentWord, type Word } from './words';

/**
 * Which milestone a sentence is about: a stemmed-word overlap between the sentence and each
 * milestone's title, description, workstream and participants, each word weighted by how rare
 * it is among the milestones (a word every milestone has — «металлов», «редкоземельных» — tells
 * nothing). The score is the weight found over the weight of the title, so a sentence that
 * repeats most of a title scores near 1 whatever the length of the description.
 */

export interface MilestoneText {
  id: number;
  title: string;
  description: string;
  workstream: string | null;
  participantNames: string[];
}

interface Entry {
  id: number;
  /** Stem → how much it counts for this milestone (title 1, description 0.5, workstream and participants 0.3). */
  weights: Map<string, number>;
  titleMass: number;
}

export interface MilestoneIndex {
  entries: Entry[];
  idf: Map<string, number>;
  /** Named objects of the titles («Ангаро-Енисейского кластера» → ангаро-енисейск кластер) → the milestones whose title names them. */
  named: Map<string, number[]>;
}

export interface MilestoneMatch {
  id: number;
  score: number;
  /** The shared words that decided it, for the reason shown to the planner. */
  words: string[];
}

const FIELD = { title: 1, description: 0.5, other: 0.3 } as const;
/** Below this share of a title's weight a sentence is not about the milestone. */
export const MATCH_THRESHOLD = 0.3;
/** …and the title itself must be named in part: a sentence that only shares a description's words is about something else. */
export const TITLE_SHARE = 0.25;

function contentStems(text: string): Set<string> {
  return new Set(
    findWords(text)
      .filter(isContentWord)
      .map((w) => w.stem),
  );
}

export function buildMilestoneIndex(milestones: MilestoneText[]): MilestoneIndex {
  const df = new Map<string, number>();
  const entries: Entry[] = milestones.map((m) => {
    const weights = new Map<string, number>();
    const put = (stems: Set<string>, weight: number) => {
      for (const s of stems) weights.set(s, Math.max(weights.get(s) ?? 0, weight));
    };
    put(contentStems(m.title), FIELD.title);
    put(contentStems(m.description), FIELD.description);
    put(contentStems([m.workstream ?? '', ...m.participantNames].join(' ')), FIELD.other);
    for (const s of weights.keys()) df.set(s, (df.get(s) ?? 0) + 1);
    return { id: m.id, weights, titleMass: 0 };
  });
  const n = Math.max(1, milestones.length);
  const idf = new Map<string, number>();
  for (const [s, count] of df) idf.set(s, Math.log(1 + n / count));
  for (const e of entries) {
    let mass = 0;
    for (const [s, w] of e.weights) if (w === FIELD.title) mass += idf.get(s) ?? 0;
    e.titleMass = Math.max(mass, 1);
  }
  const named = new Map<string, number[]>();
  for (const m of milestones) {
    for (const key of namedPairs(m.title, 0, m.title.length, true)) {
      const ids = named.get(key.key) ?? [];
      if (!ids.includes(m.id)) ids.push(m.id);
      named.set(key.key, ids);
    }
  }
  return { entries, idf, named };
}

/**
 * A named object: a capitalised word right before a lower-case one, with only a space between —
 * a proper adjective and its noun («Ангаро-Енисейский кластер», «Тастыгского месторождения»).
 * Keyed by stems, so every case meets. A title's first word is capitalised as a first word, not
 * as a name, and is left out.
 */
function namedPairs(text: string, from: number, to: number, skipFirst: boolean): { key: string; start: number }[] {
  const words = findWords(text, from, to);
  const pairs: { key: string; start: number }[] = [];
  for (let i = skipFirst ? 1 : 0; i + 1 < words.length; i++) {
    const a = words[i] as Word;
    const b = words[i + 1] as Word;
    if (!/^\p{Lu}\p{Ll}/u.test(a.text) || !/^\p{Ll}/u.test(b.text)) continue;
    // «Шойгу в» names nothing; the noun may be one every title has («кластер»): the pair is what tells.
    if (a.stem.length < 4 || b.stem.length < 4) continue;
    if (!/^[^\S\n]+$/u.test(text.slice(a.end, b.start))) continue;
    pairs.push({ key: `${a.stem} ${b.stem}`, start: a.start });
  }
  return pairs;
}

/** Where a clause ends: punctuation, quotation marks or a dash between spaces. */
const CLAUSE_BREAK = /[,;:()«»"“”„!?.]|\s[-–—]\s/gu;

/**
 * The milestone a status cue speaks of when its own clause names an object that exactly one
 * milestone's title names: «где шаг за шагом складывается Ангаро-Енисейский кластер»,
 * «"…реализуемый проект по Ангаро-Енисейскому кластеру, где…", — сказал министр». A sentence
 * may be about one milestone (the minister's statement) while the cue inside it is about
 * another (the cluster); the clause, not the sentence, says which.
 */
export function namedTarget(
  index: MilestoneIndex,
  text: string,
  sentenceStart: number,
  sentenceEnd: number,
  cue: { start: number; end: number },
): number | null {
  if (!index.named.size) return null;
  let from = sentenceStart;
  let to = sentenceEnd;
  for (const m of text.slice(sentenceStart, sentenceEnd).matchAll(CLAUSE_BREAK)) {
    const at = sentenceStart + (m.index ?? 0);
    if (at + m[0].length <= cue.start) from = at + m[0].length;
    else if (at >= cue.end) {
      to = at;
      break;
    }
  }
  const ids = namedIn(index, text, from, to);
  return ids.size === 1 ? ([...ids][0] as number) : null;
}

/** The milestones whose titles alone name an object named in text[from, to). */
export function namedIn(index: MilestoneIndex, text: string, from: number, to: number): Set<number> {
  const ids = new Set<number>();
  if (!index.named.size) return ids;
  for (const pair of namedPairs(text, from, to, false)) {
    const found = index.named.get(pair.key);
    if (found?.length === 1) ids.add(found[0] as number);
  }
  return ids;
}

/** The words of `words` that the milestone's title has («сказал Мантуров» and «Денис Мантуров: …»). */
export function titleWordsIn(index: MilestoneIndex, id: number, words: Word[]): string[] {
  const entry = index.entries.find((e) => e.id === id);
  if (!entry) return [];
  return words.filter((w) => isContentWord(w) && entry.weights.get(w.stem) === FIELD.title).map((w) => w.stem);
}

/** How much more a milestone counts when its title names the thing a status cue speaks of («провёл совещание»). */
const FOCUS_BOOST = 1.5;

/**
 * The best milestone for the words of a sentence, or null when none reaches the threshold.
 * `focus` are the stems of the sentence's status cues: a sentence about a meeting on creating
 * the cluster is about the meeting when it says the meeting took place.
 */
export function matchMilestone(
  index: MilestoneIndex,
  words: Word[],
  focus: string[] = [],
  named: Set<number> = new Set(),
): MilestoneMatch | null {
  const stems = new Set(words.filter(isContentWord).map((w) => w.stem));
  let best: MilestoneMatch | null = null;
  let second = 0;
  for (const e of index.entries) {
    let found = 0;
    let titleFound = 0;
    const shared: string[] = [];
    let titleWords = 0;
    for (const s of stems) {
      const w = e.weights.get(s);
      if (w === undefined) continue;
      found += w * (index.idf.get(s) ?? 0);
      shared.push(s);
      if (w === FIELD.title) {
        titleWords++;
        titleFound += index.idf.get(s) ?? 0;
      }
    }
    // One shared word is chance unless it is a title's rare word («Тастыгского», «гидроксида»).
    if (shared.length < 2 && !(titleWords === 1 && (shared[0] as string).length >= 6 && found >= 2)) continue;
    // A sentence naming the object of a title («Ангаро-Енисейского кластера») counts as one about it.
    const focused = named.has(e.id) || focus.some((f) => e.weights.get(f) === FIELD.title);
    if (titleFound * (focused ? FOCUS_BOOST : 1) < TITLE_SHARE * e.titleMass) continue;
    const score = (found / e.titleMass) * (focused ? FOCUS_BOOST : 1);
    if (!best || score > best.score) {
      second = best?.score ?? second;
      best = { id: e.id, score, words: shared };
    } else if (score > second) second = score;
  }
  if (!best || best.score < MATCH_THRESHOLD) return null;
  // Two milestones almost as likely: say so through a lower score rather than pick silently.
  if (second > best.score * 0.9) best.score *= 0.8;
  best.score = Math.min(1, best.score);
  return best;
}
