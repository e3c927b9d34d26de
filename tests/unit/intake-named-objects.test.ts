import { describe, expect, it } from 'vitest';
import { analyzeArticle, type RoadmapContext } from '../../server/services/intake/analyze/analyze';
import { buildMilestoneIndex, namedTarget } from '../../server/services/intake/analyze/match';

/**
 * A status cue speaks of the object its own clause names («складывается Ангаро-Енисейский
 * кластер»), which may be another milestone than the sentence's; and a reported statement dates
 * a milestone only when that milestone is the statement. Sentences are fictional.
 */

const milestone = (id: number, title: string, description = '') => ({
  id,
  title,
  titleEn: null,
  description,
  workstream: null,
  participantNames: [],
  planned: null,
  status: 'planned' as const,
});

const roadmap: RoadmapContext = {
  today: '2026-06-01',
  milestones: [
    milestone(1, 'Создание Ангаро-Енисейского кластера глубокой переработки цветных и редких металлов'),
    milestone(2, 'Денис Мантуров: к кластеру привлекут партнёров из дружественных стран'),
    milestone(3, 'Многоассортиментный завод малотоннажной химии для выпуска высокочистых продуктов'),
    milestone(4, 'Переработка рудного концентрата Тастыгского месторождения с получением гидроксида лития'),
    milestone(5, 'Научно-технологический кластер в области аддитивных технологий в Красноярске'),
    milestone(6, 'Совещание Сергея Шойгу с научным сообществом в Красноярске'),
  ],
  participants: [
    { id: 1, nameRu: 'Правительство Красноярского края', nameEn: null },
    { id: 2, nameRu: 'Правительство Иркутской области', nameEn: null },
    { id: 3, nameRu: 'Сибирский федеральный университет', nameEn: null },
    { id: 4, nameRu: 'Совет безопасности Российской Федерации', nameEn: null },
  ],
};

function statuses(text: string, publishedOn = '2026-05-21') {
  return analyzeArticle(text, { publishedOn }, roadmap)
    .proposals.filter((p) => p.kind === 'status')
    .map((p) => [p.milestoneId, p.status, p.actualDate ?? null]);
}

describe('the object a status cue speaks of', () => {
  const index = buildMilestoneIndex(roadmap.milestones);

  it('finds the one milestone whose title names the object in the cue’s clause, in any case', () => {
    const s = 'Здесь, шаг за шагом, складывается Ангаро-Енисейский кластер федерального значения.';
    const at = s.indexOf('складывается');
    expect(namedTarget(index, s, 0, s.length, { start: at, end: at + 12 })).toBe(1);
    const t = 'Работы на Тастыгском месторождении приостановлены, а завод строится.';
    const cue = t.indexOf('приостановлены');
    expect(namedTarget(index, t, 0, t.length, { start: cue, end: cue + 14 })).toBe(4);
    // The next clause's object is not this cue's.
    const late = t.indexOf('строится');
    expect(namedTarget(index, t, 0, t.length, { start: late, end: late + 8 })).toBeNull();
  });

  it('proposes the status of a named object the sentence as a whole does not match', () => {
    expect(
      statuses('Сейчас в Восточной Сибири шаг за шагом складывается Ангаро-Енисейский кластер федерального значения.'),
    ).toEqual([[1, 'in_progress', null]]);
  });

  it('splits a speech about the cluster from the statement it was (a Thursday interview)', () => {
    const text =
      '"Есть не просто идея, а реализуемый проект по Ангаро-Енисейскому кластеру, где предусматривается привлечение партнеров из дружественных стран", - сказал Мантуров в интервью в четверг.';
    expect(statuses(text)).toEqual(
      expect.arrayContaining([
        [2, 'done', '2026-05-21'],
        [1, 'in_progress', null],
      ]),
    );
  });

  it('dates no completion when the speech, not the statement, is the news', () => {
    const text =
      '"Завод малотоннажной химии строится по графику, а работы на Тастыгском месторождении приостановлены", - сказал министр в четверг.';
    expect(statuses(text)).toEqual([
      [3, 'in_progress', null],
      [4, 'delayed', null],
    ]);
  });

  it('completes a meeting with «провёл совещание», never the plant the meeting was about', () => {
    expect(statuses('Губернатор провел совещание по ходу работ на заводе малотоннажной химии.')).toEqual([]);
    expect(statuses('В четверг Сергей Шойгу провел совещание с научным сообществом.')).toEqual([
      [6, 'done', '2026-05-21'],
    ]);
  });

  it('reads no milestone into the names of regions («Иркутской области» is not «в области аддитивных технологий»)', () => {
    const { proposals } = analyzeArticle(
      'Создание кластера предполагается на территориях Красноярского края и Иркутской области.',
      { publishedOn: '2026-05-21' },
      roadmap,
    );
    expect(proposals.map((p) => [p.kind, p.participant?.id, p.role, p.milestoneId])).toEqual([
      ['participant', 1, 'partner', null],
      ['participant', 2, 'partner', null],
    ]);
  });

  it('reads a participle as work in progress of the noun it qualifies only', () => {
    expect(statuses('Строящийся завод малотоннажной химии получит сырьё из Хакасии.')).toEqual([
      [3, 'in_progress', null],
    ]);
    expect(
      statuses(
        'В 2028 году заработает завод малотоннажной химии. Он станет частью создаваемого в Иркутске технопарка.',
      ),
    ).toEqual([]);
  });

  it('makes the host of a meeting its lead only where the meeting is a milestone', () => {
    const read = (text: string) =>
      analyzeArticle(text, { publishedOn: '2026-05-21' }, roadmap)
        .proposals.filter((p) => p.kind === 'participant')
        .map((p) => [p.participant?.id, p.role, p.milestoneId]);
    expect(read('Секретарь Совета безопасности РФ Сергей Шойгу провел совещание с научным сообществом.')).toEqual([
      [4, 'lead', 6],
    ]);
    expect(read('СФУ провел заседание учёного совета по программе кластера.')).toEqual([]);
  });

  it('places a project in regions only where a thing is made there, not «рабочие места»', () => {
    const read = (text: string) => analyzeArticle(text, { publishedOn: '2026-05-21' }, roadmap).proposals.length;
    expect(read('Создание кластера намечено в Красноярском крае и Иркутской области.')).toBe(2);
    expect(read('Создание рабочих мест в Красноярском крае и Иркутской области остаётся приоритетом.')).toBe(0);
  });
});
