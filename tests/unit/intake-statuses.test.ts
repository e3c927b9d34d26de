import { describe, expect, it } from 'vitest';
import { findStatusCues } from '../../server/services/intake/analyze/statuses';

function cue(sentence: string) {
  const cues = findStatusCues(sentence, 0, sentence.length).filter((c) => !c.weak);
  return cues.map((c) => c.status);
}

describe('status cues in their inflected forms', () => {
  it.each([
    ['На площадке начато строительство завода.', 'in_progress'],
    ['Строительство завода началось в мае.', 'in_progress'],
    ['Строители приступили к возведению корпуса.', 'in_progress'],
    ['Начаты опытно-промышленные испытания технологии.', 'in_progress'],
    ['Ведутся работы по монтажу линии.', 'in_progress'],
    ['Кластер создаётся в Восточной Сибири.', 'in_progress'],
    ['Шаг за шагом формируется промышленный узел.', 'in_progress'],
    ['Шаг за шагом складывается кластер.', 'in_progress'],
    ['Это реализуемый проект.', 'in_progress'],
    ['Создаваемый в Сибири кластер привлечёт партнёров.', 'in_progress'],
    ['Завод введён в эксплуатацию.', 'done'],
    ['Цех введен в строй.', 'done'],
    ['Линию ввели в эксплуатацию в четверг.', 'done'],
    ['Центр запущен.', 'done'],
    ['Компания запустила производство.', 'done'],
    ['Стороны подписали соглашение о строительстве.', 'done'],
    ['Подписана дорожная карта сотрудничества.', 'done'],
    ['Соглашение подписано в Красноярске.', 'done'],
    ['Губернатор провёл совещание по кластеру.', 'done'],
    ['Проект заморожен.', 'delayed'],
    ['Работы заморожены до появления заказчика.', 'delayed'],
    ['Запуск перенесён на год.', 'delayed'],
    ['Срок перенесли на 2031 год.', 'delayed'],
    ['Ввод отложен.', 'delayed'],
    ['Стройка приостановлена.', 'delayed'],
    ['Компания отказалась от строительства фабрики.', 'cancelled'],
    ['Инвесторы отказались от проекта.', 'cancelled'],
    ['Проект отменён.', 'cancelled'],
    ['Запуск может быть перенесён.', 'at_risk'],
    ['Сроки под угрозой.', 'at_risk'],
    ['Кластер может быть заморожен.', 'at_risk'],
    ['Запуск завода планируется на 2028 год.', 'planned'],
    ['Центр будет построен к 2030 году.', 'planned'],
    ['Завод будет запущен в 2029 году.', 'planned'],
    ['В 2030 году начнётся переработка концентрата.', 'planned'],
    ['Учебные программы откроются через год.', 'planned'],
  ])('%s → %s', (sentence, status) => {
    expect(cue(sentence)[0]).toBe(status);
  });

  it.each([['Завод так и не запущен.'], ['Строительство пока не начато.'], ['Компания основана в 1998 году.']])(
    '%s has no status',
    (sentence) => {
      expect(cue(sentence)).toEqual([]);
    },
  );

  it('marks past completions as events that date a status, reporting verbs as weak', () => {
    const s = 'В четверг стороны подписали соглашение, сообщил губернатор.';
    const cues = findStatusCues(s, 0, s.length);
    expect(cues.map((c) => [c.status, c.event, c.weak])).toEqual([
      ['done', true, false],
      ['done', true, true],
    ]);
  });
});

describe('participles speak of the noun they qualify', () => {
  it('marks «создаваемый», «строящийся» as attributive, the plain verbs not', () => {
    const read = (s: string) => findStatusCues(s, 0, s.length).map((c) => [c.text, c.attributive ?? false]);
    expect(read('Он станет частью создаваемого центра.')).toEqual([['создаваемого', true]]);
    expect(read('Строящийся завод получит сырьё.')).toEqual([['Строящийся', true]]);
    expect(read('Завод строится.')).toEqual([['строится', false]]);
  });
});
