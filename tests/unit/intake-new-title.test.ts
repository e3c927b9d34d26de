import { describe, expect, it } from 'vitest';
import { titleFromSentence } from '../../server/services/intake/analyze/new-title';

/** The title offered for a new milestone: the plan verb's object, else the subject before it. */
function title(sentence: string, cue: string, skip: string[] = []): string {
  const at = sentence.indexOf(cue);
  const spans = skip.map((s) => ({ start: sentence.indexOf(s), end: sentence.indexOf(s) + s.length }));
  return titleFromSentence(sentence, 0, sentence.length, { start: at, end: at + cue.length }, spans);
}

describe('a new milestone titled from its sentence', () => {
  it('takes what the plan verb governs', () => {
    expect(title('В Красноярске планируют запустить многоассортиментный завод малотоннажной химии.', 'планируют')).toBe(
      'Многоассортиментный завод малотоннажной химии',
    );
  });

  it('takes the subject where only a place follows', () => {
    expect(title('Завод по выпуску магнитов планируется построить в Саяногорске.', 'планируется')).toBe(
      'Завод по выпуску магнитов',
    );
  });

  it('takes the subject where the verb governs only a date and the next clause speaks of someone else', () => {
    const sentence =
      'Завод по производству постоянных редкоземельных магнитов в Черногорске планируется построить к 2029 году, его оператором станет ООО «Хакасские магниты».';
    expect(title(sentence, 'планируется', ['к 2029 году'])).toBe(
      'Завод по производству постоянных редкоземельных магнитов в Черногорске',
    );
  });
});
