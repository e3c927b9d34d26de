import { describe, expect, it } from 'vitest';
import { lanesByPage } from '../../client/features/timeline/picture-pages';

describe('lanesByPage: a printed chart cut between lanes into pages', () => {
  const room = { first: 500, other: 1000 };

  it('keeps a chart that fits under the title in one part', () => {
    expect(lanesByPage([100, 100, 100], 100, room)).toEqual([[0, 1, 2]]);
  });

  it('starts a new page at the first lane that would run over, each part with its axes', () => {
    // First page: 100 of axes + 200 + 150 = 450; the 300 lane would make 750 > 500.
    expect(lanesByPage([200, 150, 300, 400, 250], 100, room)).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('puts a lane taller than a page in a part of its own, never an empty part', () => {
    expect(lanesByPage([1200, 50], 100, room)).toEqual([[0], [1]]);
    expect(lanesByPage([50, 1200, 50], 100, room)).toEqual([[0], [1], [2]]);
  });

  it('draws no part for a chart without lanes', () => {
    expect(lanesByPage([], 100, room)).toEqual([]);
  });
});
