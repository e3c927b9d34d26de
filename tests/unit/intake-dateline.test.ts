import { describe, expect, it } from 'vitest';
import { readSource } from '../../server/services/intake/analyze/dateline';
import { splitSentences } from '../../server/services/intake/analyze/sentences';

const today = '2026-06-01';

describe('source metadata from the text', () => {
  it.each([
    ['Заголовок новости про кластер\n\nКРАСНОЯРСК, 25 октября. /ТАСС/. Текст.', 'ТАСС', '2025-10-25'],
    ['Заголовок новости про кластер\n\nКРАСНОЯРСК 25 октября. /ТАСС/. Текст.', 'ТАСС', '2025-10-25'],
    ['Заголовок новости про кластер\n\nМосква. 17 марта. INTERFAX.RU - Текст.', 'Интерфакс', '2026-03-17'],
    ['Заголовок новости про кластер\n\nКРАСНОЯРСК, 7 ноя - РИА Новости. Текст.', 'РИА Новости', '2025-11-07'],
    ['Заголовок новости про кластер\nКРАСНОЯРСК, 21 апр - РИА Новости. Текст.', 'РИА Новости', '2026-04-21'],
    ['Красноярск, 5 февраля 2026 года. На заводе начаты испытания.', null, '2026-02-05'],
  ])('%j → %s, %s', (text, publisher, publishedOn) => {
    expect(readSource(text, {}, today)).toMatchObject({ publisher, publishedOn });
  });

  it('takes the dateline’s year from the metadata, or from a date printed in the header', () => {
    expect(
      readSource(
        'Заголовок новости про кластер\nКРАСНОЯРСК, 25 октября. /ТАСС/. Текст.',
        { publishedOn: '2024-10-25' },
        today,
      ).publishedOn,
    ).toBe('2024-10-25');
    expect(
      readSource(
        'Заголовок новости про кластер - РИА Новости, 07.11.2024\nКРАСНОЯРСК, 7 ноя - РИА Новости. Текст.',
        {},
        today,
      ).publishedOn,
    ).toBe('2024-11-07');
  });

  it('reads the headline: the first line when it looks like one, the most repeated line of a site’s header', () => {
    expect(
      readSource('Запуск завода перенесли на год\n\nКРАСНОЯРСК, 7 ноя - РИА Новости. Текст.', {}, today).title,
    ).toBe('Запуск завода перенесли на год');
    const site =
      'Рейтинг@Mail.ru\nСтратегию кластера обсудили в Красноярске - РИА Новости, 07.11.2025\nСтратегию кластера обсудили в Красноярске\nкрасноярский край\nСтратегию кластера обсудили в Красноярске\nКРАСНОЯРСК, 7 ноя - РИА Новости. Текст.';
    expect(readSource(site, {}, today).title).toBe('Стратегию кластера обсудили в Красноярске');
  });

  it('leaves an undated text undated, and lets what the planner typed win', () => {
    expect(readSource('Просто текст без даты. Второе предложение.', {}, today)).toEqual({
      title: 'Просто текст без даты.',
      publisher: null,
      publishedOn: null,
      bodyStart: null,
    });
    expect(
      readSource(
        'КРАСНОЯРСК, 7 ноя - РИА Новости. Текст.',
        { publisher: 'РИА', publishedOn: '2025-11-08', title: 'Т' },
        today,
      ),
    ).toMatchObject({
      publisher: 'РИА',
      publishedOn: '2025-11-08',
      title: 'Т',
    });
  });
});

describe('sentences', () => {
  it.each([
    ['Завод построят в 2027 г. Пуск намечен на 2028 год.', ['Завод построят в 2027 г.', 'Пуск намечен на 2028 год.']],
    ['Срок — в 2027 г. завод заработает.', ['Срок — в 2027 г. завод заработает.']],
    ['Об этом сказал С. Верховец. Он добавил детали.', ['Об этом сказал С. Верховец.', 'Он добавил детали.']],
    ['Заголовок без точки\nПервое предложение! Второе?', ['Заголовок без точки', 'Первое предложение!', 'Второе?']],
    ['"Это важно. Очень", - сказал он.', ['"Это важно.', 'Очень", - сказал он.']],
  ])('%j', (text, expected) => {
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual(expected);
  });
});
