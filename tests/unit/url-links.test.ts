import { describe, expect, it } from 'vitest';
import { parseView, type RoadmapView, viewToSearch } from '../../client/lib/url-state';

/** Language, zoom and the table's order travel in the shareable link and read back as themselves. */

const DEFAULT: RoadmapView = { view: 'timeline', lanes: 'workstream', filter: {}, ids: [], selected: null };

describe('the link carries language, zoom and sort', () => {
  it.each<[string, Partial<RoadmapView>]>([
    ['?lang=en', { lang: 'en' }],
    ['?zoom=year', { zoom: 'year' }],
    ['?view=table&sort=-title', { view: 'table', sort: '-title' }],
    [
      '?view=table&m=4&sort=confidence&zoom=next12&lang=en',
      { view: 'table', selected: 4, sort: 'confidence', zoom: 'next12', lang: 'en' },
    ],
  ])('%s', (search, parts) => {
    const view = { ...DEFAULT, ...parts };
    expect(parseView(search)).toEqual(view);
    expect(viewToSearch(view)).toBe(search);
  });

  it('a bad part is dropped, the rest kept', () => {
    expect(parseView('?lang=de&zoom=%3Cscript%3E&sort=title;drop&view=table')).toEqual({ ...DEFAULT, view: 'table' });
  });

  it('a link without them stays as it was', () => {
    expect(viewToSearch(DEFAULT)).toBe('');
    expect(parseView('?view=table')).not.toHaveProperty('lang');
  });
});
