import { describe, expect, it } from 'vitest';
import { changeRuleBroken, citedFieldsOf } from '../../shared/changes';

/** The one definition of "a change changes something, and a promise moved names its source". */
describe('changeRuleBroken', () => {
  it.each([
    { changed: [], citation: false, broken: 'errors.noChanges' },
    { changed: [], citation: true, broken: 'errors.noChanges' },
    { changed: ['title'], citation: false, broken: null },
    { changed: ['description', 'site'], citation: false, broken: null },
    { changed: ['status'], citation: false, broken: 'errors.citationRequired' },
    { changed: ['planned'], citation: false, broken: 'errors.citationRequired' },
    { changed: ['actualDate'], citation: false, broken: 'errors.citationRequired' },
    { changed: ['title', 'planned'], citation: false, broken: 'errors.citationRequired' },
    { changed: ['status'], citation: true, broken: null },
    { changed: ['title', 'planned', 'status'], citation: true, broken: null },
  ])('$changed with citation=$citation → $broken', ({ changed, citation, broken }) => {
    expect(changeRuleBroken(changed, citation)).toBe(broken);
  });

  it('names the cited fields among the changed ones, in their order', () => {
    expect(citedFieldsOf(['title', 'actualDate', 'participants', 'status'])).toEqual(['actualDate', 'status']);
    expect(citedFieldsOf(['title', 'workstreamId'])).toEqual([]);
  });
});
