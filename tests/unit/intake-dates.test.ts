import { describe, expect, it } from 'vitest';
import { type DateContext, findDates } from '../../server/services/intake/analyze/dates';

const ctx: DateContext = { publishedOn: '2026-03-17', today: '2026-06-01', yearHint: null };
const Y = (y: number) => ({ start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' });

function read(sentence: string, context = ctx) {
  return findDates(sentence, 0, sentence.length, context).map((d) => ({
    quote: sentence.slice(d.start, d.end),
    period: d.period,
    qualifier: d.qualifier,
    nonPlan: d.nonPlan,
  }));
}

describe('date expressions of Russian news (published Tuesday 2026-03-17)', () => {
  it.each([
    ['Завод запустят в 2029 году.', 'в 2029 году', Y(2029), 'exact'],
    ['Выйдет на мощность к 2030 году.', 'к 2030 году', Y(2030), 'no_later_than'],
    ['Работы завершат до конца 2027 года.', 'до конца 2027 года', Y(2027), 'no_later_than'],
    ['Пуск не позднее 2028 года.', 'не позднее 2028 года', Y(2028), 'no_later_than'],
    ['Пуск не ранее 2031 года.', 'не ранее 2031 года', Y(2031), 'no_earlier_than'],
    ['Пуск не раньше 2031 года.', 'не раньше 2031 года', Y(2031), 'no_earlier_than'],
    ['Производство начнётся после 2030 года.', 'после 2030 года', Y(2030), 'no_earlier_than'],
    ['Запуск ориентировочно в 2029 году.', 'ориентировочно в 2029 году', Y(2029), 'approximate'],
    ['Запуск около 2029 года.', 'около 2029 года', Y(2029), 'approximate'],
    ['Инвестиции порядка 2029 года не окупятся.', 'порядка 2029 года', Y(2029), 'approximate'],
    ['В 2030-м заработает центр.', 'В 2030-м', Y(2030), 'exact'],
    [
      'Линию смонтируют в первом полугодии.',
      'в первом полугодии',
      { start: '2026-01-01', end: '2026-06-30', precision: 'half' },
      'exact',
    ],
    [
      'Во второй половине 2027 года.',
      'Во второй половине 2027 года',
      { start: '2027-07-01', end: '2027-12-31', precision: 'half' },
      'exact',
    ],
    [
      'Пуск во II квартале 2027 г.',
      'во II квартале 2027 г.',
      { start: '2027-04-01', end: '2027-06-30', precision: 'quarter' },
      'exact',
    ],
    [
      'В третьем квартале 2027 года.',
      'В третьем квартале 2027 года',
      { start: '2027-07-01', end: '2027-09-30', precision: 'quarter' },
      'exact',
    ],
    [
      'К концу III квартала 2027 года.',
      'К концу III квартала 2027 года',
      { start: '2027-07-01', end: '2027-09-30', precision: 'quarter' },
      'no_later_than',
    ],
    [
      'Стройка начнётся в марте 2027 года.',
      'в марте 2027 года',
      { start: '2027-03-01', end: '2027-03-31', precision: 'month' },
      'exact',
    ],
    [
      'Подпишут 15 апреля 2027 года.',
      '15 апреля 2027 года',
      { start: '2027-04-15', end: '2027-04-15', precision: 'day' },
      'exact',
    ],
    [
      'Около 15 апреля 2027 года.',
      'Около 15 апреля 2027 года',
      { start: '2027-04-01', end: '2027-04-30', precision: 'month' },
      'approximate',
    ],
    ['Срок — 12.05.2027.', '12.05.2027', { start: '2027-05-12', end: '2027-05-12', precision: 'day' }, 'exact'],
    [
      'Завершить не позднее 30.09.2027.',
      'не позднее 30.09.2027',
      { start: '2027-09-30', end: '2027-09-30', precision: 'day' },
      'no_later_than',
    ],
    ['Строительство пройдёт в 2027–2028 годах.', 'в 2027–2028 годах', Y(2027), 'approximate'],
    ['Работы пройдут с 2027 по 2030 год.', 'с 2027 по 2030 год', Y(2027), 'no_earlier_than'],
    [
      'Летом 2027 года начнут монтаж.',
      'Летом 2027 года',
      { start: '2027-07-01', end: '2027-09-30', precision: 'quarter' },
      'approximate',
    ],
    [
      'Осенью 2027 года.',
      'Осенью 2027 года',
      { start: '2027-10-01', end: '2027-12-31', precision: 'quarter' },
      'approximate',
    ],
    [
      'Зимой 2028 года.',
      'Зимой 2028 года',
      { start: '2028-01-01', end: '2028-03-31', precision: 'quarter' },
      'approximate',
    ],
    [
      'Весной 2027 года.',
      'Весной 2027 года',
      { start: '2027-04-01', end: '2027-06-30', precision: 'quarter' },
      'approximate',
    ],
    [
      'В начале 2028 года.',
      'В начале 2028 года',
      { start: '2028-01-01', end: '2028-03-31', precision: 'quarter' },
      'approximate',
    ],
    [
      'В конце 2027 года.',
      'В конце 2027 года',
      { start: '2027-10-01', end: '2027-12-31', precision: 'quarter' },
      'approximate',
    ],
    ['До конца года.', 'До конца года', Y(2026), 'no_later_than'],
    ['В следующем году начнутся изыскания.', 'В следующем году', Y(2027), 'exact'],
    ['В этом году начнутся изыскания.', 'В этом году', Y(2026), 'exact'],
    ['В ближайшие три года построят хранилище.', 'В ближайшие три года', Y(2029), 'no_later_than'],
    ['В течение двух лет построят хранилище.', 'В течение двух лет', Y(2028), 'no_later_than'],
    ['Через два года построят хранилище.', 'Через два года', Y(2028), 'approximate'],
    [
      'В прошлом месяце подписали соглашение.',
      'В прошлом месяце',
      { start: '2026-02-01', end: '2026-02-28', precision: 'month' },
      'exact',
    ],
    [
      'В четверг губернатор провёл совещание.',
      'В четверг',
      { start: '2026-03-12', end: '2026-03-12', precision: 'day' },
      'exact',
    ],
    [
      'Совещание состоится в четверг.',
      'в четверг',
      { start: '2026-03-19', end: '2026-03-19', precision: 'day' },
      'exact',
    ],
    [
      'Во вторник подписали соглашение.',
      'Во вторник',
      { start: '2026-03-17', end: '2026-03-17', precision: 'day' },
      'exact',
    ],
  ])('%s → %s', (sentence, quote, period, qualifier) => {
    const found = read(sentence);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ quote, period, qualifier, nonPlan: null });
  });

  it('reads a move «с 2030 на 2031 год» as the new year, the old one as not a plan', () => {
    const s = 'Запуск перенесён с 2030 на 2031 год.';
    const [from, to] = findDates(s, 0, s.length, ctx);
    expect(from).toMatchObject({ nonPlan: 'movedFrom', period: Y(2030) });
    expect(to).toMatchObject({ nonPlan: null, period: Y(2031), movedFrom: 2030 });
    expect(s.slice(to?.start, to?.end)).toBe('на 2031 год');
  });

  it('takes a yearless quarter or half from a year named earlier in the paragraph', () => {
    expect(read('Во втором квартале начнут монтаж.', { ...ctx, yearHint: 2028 })[0]?.period).toEqual({
      start: '2028-04-01',
      end: '2028-06-30',
      precision: 'quarter',
    });
  });

  it('leaves «в четверг» alone in an undated article: it could be any Thursday', () => {
    expect(read('В четверг губернатор провёл совещание.', { ...ctx, publishedOn: null })).toEqual([]);
  });
});

describe('years that are not plans', () => {
  it.each([
    ['Объём выпуска достиг 2030 тонн.'],
    ['Документ опирается на Стратегию-2035.'],
    ['Подробности на с. 2029 сборника.'],
    ['Программа «Приоритет-2030» поддерживает вузы.'],
    ['Рост составил 18% за квартал.'],
    ['В 2 раза больше, чем в 10 часов утра.'],
  ])('%s has no date', (sentence) => {
    expect(read(sentence)).toEqual([]);
  });

  it.each([
    ['По итогам 2025 года выручка составила 5 млрд рублей.', 'statistics'],
    ['За 2025 год добыча выросла на 7%.', 'statistics'],
    ['По сравнению с 2024 годом экспорт снизился.', 'statistics'],
    ['В 2027 году выручка составит 9 млрд рублей.', 'statistics'],
    ['В рамках Стратегии развития металлургии до 2035 года регионы готовят планы.', 'name'],
    ['Сейчас в стране запущена инициатива.', 'now'],
  ])('%s → %s', (sentence, nonPlan) => {
    expect(read(sentence)[0]?.nonPlan).toBe(nonPlan);
  });
});
