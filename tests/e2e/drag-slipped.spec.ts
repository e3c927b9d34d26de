import type { APIRequestContext, Page } from '@playwright/test';
import { expect, logInAs, test, yearScale } from './fixtures/isolated-server';
import { box, SEED, timeline, timelineItem } from './support';

/**
 * Dragging a milestone that slipped, with the date first announced drawn behind it: the drop
 * proposes the period it landed on, and the bar stays there while the planner fills in the
 * change form; cancelling puts it back.
 */

async function trpc<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/trpc/${path}`, { data: input });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** Lithium hydroxide moves from the announced 2030 to 2031, with a source: it is now slipped. */
async function slipLithiumTo2031(request: APIRequestContext): Promise<void> {
  const response = await request.get(`/trpc/milestone.list?input=${encodeURIComponent('{}')}`);
  const list = (
    (await response.json()) as {
      result: { data: { id: number; title: string; version: number; plannedStart: string | null }[] };
    }
  ).result.data;
  const lithium = list.find((m) => m.title === SEED.lithium2030);
  if (!lithium) throw new Error('no lithium milestone');
  // The tests of this file share a server: the first one moved it already.
  if (lithium.plannedStart === '2031-01-01') return;
  await trpc(request, 'milestone.update', {
    id: lithium.id,
    version: lithium.version,
    reason: 'Инвестор сообщил о переносе запуска',
    planned: { start: '2031-01-01', end: '2031-12-31', precision: 'year' },
    citation: {
      newSource: { publisher: 'Коммерсантъ', title: 'Литиевый проект сдвигается на год', publishedOn: '2026-03-15' },
      quote: 'Переработку концентрата начнут не раньше 2031 года.',
    },
  });
}

/** Drags the item by this many years along the axis, in small steps as a hand would. */
async function dragByYears(page: Page, item: ReturnType<typeof timelineItem>, years: number): Promise<void> {
  const scale = await yearScale(page);
  const from = await box(item);
  const [x, y] = [from.x + Math.min(from.width / 2, 40), from.y + from.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(x + (scale.pxPerYear * years * step) / 10, y);
  await page.mouse.up();
}

test.describe('dragging a slipped milestone', () => {
  for (const ghosts of [true, false]) {
    test(`proposes the year it was dropped on and stays there while the form is open (announced dates ${ghosts ? 'shown' : 'hidden'})`, async ({
      page,
    }) => {
      await logInAs(page, 'anna');
      await slipLithiumTo2031(page.request);
      await page.goto('/');
      const item = timelineItem(page, SEED.lithium2030);
      await expect(item).toHaveText(`⚠ ${SEED.lithium2030}`);
      const ghost = timeline(page).locator('.vis-item.baseline-ghost');
      if (!ghosts) {
        await page.getByRole('checkbox', { name: 'Показывать первоначально объявленные сроки' }).uncheck();
        await expect(ghost).toHaveCount(0);
      } else {
        await expect(ghost).toHaveCount(1);
      }

      await item.click();
      const details = page.getByTestId('milestone-details');
      await expect(details.getByTestId('planned-date')).toHaveText('План: 2031 (Точность: год)');
      await expect(item).toHaveClass(/\bvis-selected\b/);

      const before = await box(item);
      const scale = await yearScale(page);
      expect(Math.abs(scale.yearAt(before.x) - 2031)).toBeLessThan(0.05);
      await dragByYears(page, item, 2);

      const form = page.getByRole('form', { name: 'Изменение вехи' });
      await expect(form, 'dropping the dragged item opens the change form').toBeVisible();
      await expect(form.getByTestId('planned-preview')).toHaveText('2033 (2033-01-01 … 2033-12-31)');
      // The bar waits where it was dropped (its middle in 2033, the year proposed) while the
      // planner gives the reason and the source, however the screen redraws meanwhile.
      const droppedMiddle = async () => {
        const dropped = await box(item);
        return (await yearScale(page)).yearAt(dropped.x + dropped.width / 2);
      };
      await expect.poll(droppedMiddle).toBeGreaterThan(2033);
      await form.getByLabel('Причина изменения').fill('Перенос по новому сообщению инвестора');
      await page.waitForTimeout(500);
      expect(await droppedMiddle()).toBeGreaterThan(2033);
      expect(await droppedMiddle()).toBeLessThan(2034);
      // The announced date stays where it was announced.
      if (ghosts) expect(Math.abs(scale.yearAt((await box(ghost)).x) - 2030)).toBeLessThan(0.05);

      await form.getByRole('button', { name: 'Отмена' }).click();
      await expect(form).toHaveCount(0);
      await expect(details.getByTestId('planned-date')).toHaveText('План: 2031 (Точность: год)');
      await expect(async () => {
        const after = await box(item);
        expect(Math.abs(after.x - before.x)).toBeLessThanOrEqual(2);
      }).toPass();
    });
  }
});
