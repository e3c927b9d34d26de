import { describe, expect, it } from 'vitest';
import { buildLexicon, findOrganisations } from '../../server/services/intake/analyze/organisations';
import { findRoleCues, regionHostRole, roleFor } from '../../server/services/intake/analyze/roles';

const participants = [
  { id: 1, nameRu: 'Госкорпорация «Росатом»', nameEn: 'Rosatom State Corporation' },
  { id: 3, nameRu: '«Норникель»', nameEn: 'Nornickel' },
  { id: 5, nameRu: 'Сибирское отделение РАН', nameEn: 'Siberian Branch of the Russian Academy of Sciences' },
  { id: 6, nameRu: 'Сибирский федеральный университет', nameEn: 'Siberian Federal University' },
  { id: 10, nameRu: 'Министерство промышленности и торговли Российской Федерации', nameEn: null },
  { id: 9, nameRu: 'Совет безопасности Российской Федерации', nameEn: null },
  { id: 14, nameRu: 'ВЭБ.РФ', nameEn: 'VEB.RF' },
  { id: 20, nameRu: 'Денис Мантуров', nameEn: 'Denis Manturov' },
  { id: 30, nameRu: 'Аффинаж', nameEn: null, aliases: ['Красноярский аффинажный завод'] },
  { id: 40, nameRu: 'Правительство Красноярского края', nameEn: null },
  { id: 41, nameRu: 'Правительство Иркутской области', nameEn: null },
  { id: 42, nameRu: 'Правительство Республики Хакасия', nameEn: null },
  { id: 43, nameRu: 'Правительство Республики Тыва', nameEn: null },
];
const lexicon = buildLexicon(participants);

function orgs(sentence: string) {
  return findOrganisations(sentence, 0, sentence.length, lexicon).map((o) => ({
    id: o.id,
    name: o.name,
    quote: sentence.slice(o.start, o.end),
  }));
}

describe('organisations by name, inflection and alias', () => {
  it.each([
    ['Проект поддержали в Росатоме.', 1, 'Росатоме'],
    ['Соглашение с «Росатомом» подписано.', 1, 'Росатомом'],
    [
      'Государственная корпорация по атомной энергии «Росатом» вошла в проект.',
      1,
      'Государственная корпорация по атомной энергии',
    ],
    ['Инвестором выступит «Норникель».', 3, 'Норникель'],
    ['Соглашение с «Норникелем» подписали.', 3, 'Норникелем'],
    ['Представители Норильского никеля промолчали.', 3, 'Норильского никеля'],
    ['Площадка на базе СФУ.', 6, 'СФУ'],
    ['Ректор Сибирского федерального университета выступил.', 6, 'Сибирского федерального университета'],
    ['Учёные СО РАН подготовят заключение.', 5, 'СО РАН'],
    ['Партнёр — Сибирское отделение Российской академии наук.', 5, 'Сибирское отделение Российской академии наук'],
    ['Минпромторг станет куратором.', 10, 'Минпромторг'],
    ['Министерство промышленности и торговли РФ одобрило план.', 10, 'Министерство промышленности и торговли РФ'],
    ['Совет безопасности РФ рассмотрел вопрос.', 9, 'Совет безопасности РФ'],
    ['Соинвестором выступит ВЭБ.РФ.', 14, 'ВЭБ.РФ'],
    ['Об этом заявил Мантуров.', 20, 'Мантуров'],
    ['На Красноярском аффинажном заводе начали испытания.', 30, 'Красноярском аффинажном заводе'],
  ])('%s → participant %i', (sentence, id, quote) => {
    expect(orgs(sentence)).toContainEqual(expect.objectContaining({ id, quote }));
  });

  it.each([
    ['Инвестором проекта выступит АО «Тувалитий».', 'АО «Тувалитий»'],
    ['Оператором станет ООО «Саянские магниты».', 'ООО «Саянские магниты»'],
    ['Компания «Енисейредмет» отказалась от стройки.', '«Енисейредмет»'],
    ['Якорным предприятием является горно-обогатительный комбинат «Ильменит».', '«Ильменит»'],
    ['Оператором центра станет «Сибирские цифровые системы».', '«Сибирские цифровые системы»'],
  ])('%s → new participant %s', (sentence, name) => {
    expect(orgs(sentence)).toContainEqual(expect.objectContaining({ id: null, name }));
  });

  it("a region inside a company's own name is the name, not the region", () => {
    const sentence = 'Завод в Черногорске построят к 2029 году, его оператором станет ООО «Хакасские магниты».';
    expect(orgs(sentence)).toEqual([{ id: null, name: 'ООО «Хакасские магниты»', quote: 'ООО «Хакасские магниты»' }]);
  });

  it.each([
    ['Мантуров дал интервью телеканалу «Россия 24».'],
    ['Предприятия регионального кластера «Цветные и редкоземельные металлы» растут.'],
    ['Проект «Остров фортов» завершён.'],
    ['В институте прошёл семинар.'],
  ])('%s names no organisation of the roadmap and no new one', (sentence) => {
    expect(orgs(sentence).filter((o) => o.id === null || o.id !== 20)).toEqual([]);
  });
});

describe('roles said in the sentence', () => {
  function roles(sentence: string) {
    const found = findOrganisations(sentence, 0, sentence.length, lexicon);
    const cues = findRoleCues(sentence, 0, sentence.length);
    return found.map((o) => [sentence.slice(o.start, o.end), roleFor(sentence, o, cues, found, 0)?.role ?? null]);
  }

  it.each([
    ['Инвестором проекта выступит АО «Тувалитий».', 'АО «Тувалитий»', 'investor'],
    ['Оператором проекта станет ООО «Саянские магниты».', 'ООО «Саянские магниты»', 'lead'],
    ['СФУ стал научным партнёром кластера.', 'СФУ', 'scientific_partner'],
    ['Научно-технологическим партнёром кластера стал институт «Гиредмет».', '«Гиредмет»', 'scientific_partner'],
    ['Генеральным подрядчиком выступает ООО «Енисейстрой».', 'ООО «Енисейстрой»', 'executor'],
    ['Попечительский совет кластера возглавил Денис Мантуров.', 'Денис Мантуров', 'curator'],
    ['Куратором кластера от федеральных ведомств станет Минпромторг.', 'Минпромторг', 'curator'],
    ['Соинвестором выступит ВЭБ.РФ.', 'ВЭБ.РФ', 'investor'],
    ['Площадка откроется на базе СФУ.', 'СФУ', 'partner'],
  ])('%s: %s is %s', (sentence, quote, role) => {
    expect(roles(sentence)).toContainEqual([quote, role]);
  });

  it('reads a list opened by its cue: «Проект курируют A, B и C»', () => {
    const s =
      'Проект курируют Совет безопасности Российской Федерации, Министерство промышленности и торговли Российской Федерации и ВЭБ.РФ.';
    expect(roles(s).map((r) => r[1])).toEqual(['curator', 'curator', 'curator']);
  });

  it('takes the cue before a bracket: «корпорации («Росатом», «Норникель»), научные центры (СО РАН)»', () => {
    const s = 'Участники: крупнейшие корпорации («Росатом», «Норникель»), научные центры (СО РАН, вузы).';
    expect(roles(s)).toEqual([
      ['Росатом', 'partner'],
      ['Норникель', 'partner'],
      ['СО РАН', 'scientific_partner'],
    ]);
  });

  it('gives no role to a parent named beside its subsidiary, nor to a name without a cue', () => {
    expect(roles('Партнёром стал институт «Гиредмет», который входит в научный дивизион Росатома.')).toContainEqual([
      'Росатома',
      null,
    ]);
    expect(roles('Об этом заявил Мантуров.')).toEqual([['Мантуров', null]]);
  });
});

describe('regional governments named by their regions', () => {
  it.each([
    ['Завод построят в Красноярском крае.', 40, 'Красноярском крае'],
    ['Предприятия Иркутской области получили заказы.', 41, 'Иркутской области'],
    ['Предприятия Хакасии выросли.', 42, 'Хакасии'],
    ['В Республике Тыва открыли лабораторию.', 43, 'Республике Тыва'],
    ['Проект в Туве отложен.', 43, 'Туве'],
  ])('%s → the government of the region (%i), marked as a region', (sentence, id, quote) => {
    expect(orgs(sentence)).toContainEqual({ id, name: expect.any(String), quote });
    const found = findOrganisations(sentence, 0, sentence.length, lexicon).find((o) => o.id === id);
    expect(found?.region).toBe(true);
  });

  it('reads a region after «Правительство», «власти» as the government itself, after «губернатор» as a place', () => {
    const s = 'Правительство Хакасии и власти Иркутской области подписали соглашение.';
    expect(
      findOrganisations(s, 0, s.length, lexicon).map((o) => [o.id, s.slice(o.start, o.end), o.region ?? false]),
    ).toEqual([
      [42, 'Правительство Хакасии', false],
      [41, 'власти Иркутской области', false],
    ]);
    const t = 'Об этом сообщил губернатор Красноярского края.';
    expect(findOrganisations(t, 0, t.length, lexicon)).toEqual([expect.objectContaining({ id: 40, region: true })]);
  });

  it('reads the government by its full name as the government, not as a region', () => {
    const s = 'Правительство Иркутской области сообщило о планах.';
    const found = findOrganisations(s, 0, s.length, lexicon);
    expect(found).toEqual([expect.objectContaining({ id: 41, start: 0 })]);
    expect(found[0]?.region).toBeUndefined();
  });

  function hosts(sentence: string, project = true) {
    const found = findOrganisations(sentence, 0, sentence.length, lexicon);
    return found
      .filter((o) => o.region)
      .map((o) => [o.id, regionHostRole(sentence, o, found, 0, project)?.role ?? null]);
  }

  it('makes partners of the regions a project is put in, two or more in the locative', () => {
    expect(
      hosts('Создание кластера предполагается на территориях Красноярского края, Иркутской области и Тувы.'),
    ).toEqual([
      [40, 'partner'],
      [41, 'partner'],
      [43, 'partner'],
    ]);
    expect(hosts('Кластер объединит предприятия в Красноярском крае и Хакасии.')).toEqual([
      [40, 'partner'],
      [42, 'partner'],
    ]);
  });

  it('gives no role to one region (a place), to a region named otherwise, or without a project', () => {
    expect(hosts('Завод построят в Хакасии.')).toEqual([[42, null]]);
    expect(hosts('Об этом сообщил губернатор Красноярского края и глава Хакасии.')).toEqual([
      [40, null],
      [42, null],
    ]);
    expect(hosts('В Красноярском крае и Хакасии выросли цены.', false)).toEqual([
      [40, null],
      [42, null],
    ]);
  });
});

describe('meetings and cooperation', () => {
  function roles(sentence: string) {
    const found = findOrganisations(sentence, 0, sentence.length, lexicon);
    const cues = findRoleCues(sentence, 0, sentence.length);
    return found.map((o) => [sentence.slice(o.start, o.end), roleFor(sentence, o, cues, found, 0)?.role ?? null]);
  }

  it('makes the one who holds a meeting its lead, and those after it no lead', () => {
    expect(roles('Секретарь Совета безопасности РФ провел совещание с учеными.')).toEqual([
      ['Совета безопасности РФ', 'lead'],
    ]);
    expect(roles('Губернатор провел совещание с участием Росатома.')).toEqual([['Росатома', 'partner']]);
    expect(roles('Министр провел встречу, на которую пригласили Росатом.')).toEqual([['Росатом', null]]);
    // Talks are held between parties: neither leads them.
    expect(roles('Ранее Росатом провел переговоры с инвесторами.')).not.toContainEqual(['Росатом', 'lead']);
  });

  it('makes a partner of whom one cooperates with', () => {
    expect(roles('Подписана дорожная карта сотрудничества с Сибирским отделением РАН.')).toEqual([
      ['Сибирским отделением РАН', 'partner'],
    ]);
    expect(roles('Стороны договорились о взаимодействии с СФУ.')).toEqual([['СФУ', 'partner']]);
  });
});
