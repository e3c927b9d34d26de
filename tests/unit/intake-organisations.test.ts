import { describe, expect, it } from 'vitest';
import { buildLexicon, findOrganisations } from '../../server/services/intake/analyze/organisations';
import { findRoleCues, roleFor } from '../../server/services/intake/analyze/roles';

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
