import { expect, logInAs, test, yearScale } from './fixtures/isolated-server';
import { box, SEED, timeline, timelineItem } from './support';

test.describe('planner moves a date', () => {
  test('a later date with a new source: the date trail, the slipped mark and the announced date behind it', async ({
    page,
  }) => {
    const source = {
      publisher: 'Коммерсантъ',
      title: 'Литиевый проект в Туве сдвигается на год',
      publishedOn: '2026-03-15',
      quote: 'Переработку концентрата Тастыгского месторождения начнут не раньше 2031 года.',
    };
    await logInAs(page, 'anna');
    await page.goto('/');
    const item = timelineItem(page, SEED.lithium2030);
    await expect(item).toBeVisible();
    await expect(item).not.toHaveClass(/\bslipped\b/);
    await expect(timeline(page).locator('.vis-item.baseline-ghost')).toHaveCount(0);
    await item.click();

    const details = page.getByTestId('milestone-details');
    await expect(details.getByTestId('planned-date')).toHaveText('План: 2030 (Точность: год)');
    await expect(details.getByTestId('date-trail')).toHaveCount(0);
    await details.getByRole('button', { name: 'Изменить' }).click();
    const form = page.getByRole('form', { name: 'Изменение вехи' });
    await expect(form.locator('select[name=plannedPrecision]')).toHaveValue('year');
    await form.locator('input[name=plannedAnchor]').fill('2031-06-01');
    // Any day of 2031 stands for the whole year at this precision.
    await expect(form.getByTestId('planned-preview')).toHaveText('2031 (2031-01-01 … 2031-12-31)');
    await expect(form.locator('select[name=plannedPrecision]')).toHaveValue('year');
    await form.getByLabel('Причина изменения').fill('Инвестор сообщил о переносе запуска');
    await form.getByRole('radio', { name: 'Новый источник' }).check();
    await form.getByLabel('Издатель').fill(source.publisher);
    await form.getByLabel('Заголовок').fill(source.title);
    await form.getByLabel('Дата публикации').fill(source.publishedOn);
    await form.getByLabel('Цитата (дословно)').fill(source.quote);
    const response = page.waitForResponse((r) => r.url().includes('milestone.update'));
    await form.getByRole('button', { name: 'Сохранить' }).click();
    expect((await response).ok()).toBe(true);
    await expect(form).toHaveCount(0);

    await expect(details.getByTestId('planned-date')).toHaveText('План: 2031 (Точность: год)');
    const trail = details.getByTestId('date-trail');
    await expect(details.getByRole('heading', { name: 'Как менялся срок' })).toBeVisible();
    const steps = trail.getByRole('listitem');
    await expect(steps).toHaveCount(2);
    await expect(steps.nth(0).locator('strong')).toHaveText('2030');
    await expect(steps.nth(0)).toContainText(SEED.columnTitle);
    await expect(steps.nth(1).locator('strong')).toHaveText('2031');
    await expect(steps.nth(1)).toContainText(`${source.publisher}, ${source.title}, 15 марта 2026 г.`);
    // The quote is kept with the milestone's sources.
    await expect(details.getByTestId('citation').filter({ hasText: source.quote })).toHaveCount(1);

    // On the chart: the item is marked slipped and the announced 2030 is drawn behind it.
    await expect(item).toHaveClass(/\bslipped\b/);
    await expect(item).toHaveText(`⚠ ${SEED.lithium2030}`);
    const ghost = timeline(page).locator('.vis-item.baseline-ghost');
    await expect(ghost).toHaveCount(1);
    await expect(ghost).toHaveText('Объявлено: 2030');
    await expect(async () => {
      const scale = await yearScale(page);
      const [drawn, announced] = [await box(item), await box(ghost)];
      // The item now spans 2031, the ghost 2030, one year to its left.
      expect(Math.abs(scale.yearAt(drawn.x) - 2031)).toBeLessThan(0.05);
      expect(Math.abs(scale.yearAt(announced.x) - 2030)).toBeLessThan(0.05);
    }).toPass();

    await page.getByRole('checkbox', { name: 'Показывать первоначально объявленные сроки' }).uncheck();
    await expect(ghost).toHaveCount(0);
    await expect(item).toHaveClass(/\bslipped\b/);
    await page.getByRole('checkbox', { name: 'Показывать первоначально объявленные сроки' }).check();
    await expect(ghost).toHaveCount(1);
  });

  test('dragging an item proposes the new year in the change form; cancelling puts it back', async ({ page }) => {
    await logInAs(page, 'anna');
    await page.goto('/');
    const item = timelineItem(page, SEED.aiCentre2032);
    await expect(item).toBeVisible();
    // vis-timeline drags only a selected item: the first click selects it and opens its details.
    await item.click();
    const details = page.getByTestId('milestone-details');
    await expect(details.getByTestId('planned-date')).toHaveText('План: 2032 (Точность: год)');
    await expect(item).toHaveClass(/\bvis-selected\b/);
    await expect(item).toHaveClass(/\bvis-editable\b/);

    const before = await box(item);
    const scale = await yearScale(page);
    const [x, y] = [before.x + before.width / 2, before.y + before.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(x + (scale.pxPerYear * step) / 10, y);
    await page.mouse.up();

    const form = page.getByRole('form', { name: 'Изменение вехи' });
    await expect(form, 'dropping the dragged item opens the change form').toBeVisible();
    await expect(form.getByText('Перенос на таймлайне: укажите причину и источник')).toBeVisible();
    // A whole later year at the item's own precision. Which one depends on the chart's snapping
    // at this zoom (it snaps to the axis step, which may be several years), so only "later".
    const preview = form.getByTestId('planned-preview');
    await expect(preview).toHaveText(/^(\d{4}) \(\1-01-01 … \1-12-31\)$/);
    const proposedYear = Number((await preview.textContent())?.slice(0, 4));
    expect(proposedYear).toBeGreaterThan(2032);
    expect(proposedYear).toBeLessThanOrEqual(2032 + 5);
    await expect(form.locator('select[name=plannedPrecision]')).toHaveValue('year');
    // A new date needs a source: the form offers the known sources from the start.
    await expect(form.getByRole('radio', { name: 'Известный источник' })).toBeChecked();

    await form.getByRole('button', { name: 'Отмена' }).click();
    await expect(form).toHaveCount(0);
    await expect(details.getByTestId('planned-date')).toHaveText('План: 2032 (Точность: год)');
    await expect(async () => {
      const after = await box(item);
      expect(Math.abs(after.x - before.x)).toBeLessThanOrEqual(2);
      expect(Math.abs(after.width - before.width)).toBeLessThanOrEqual(2);
    }).toPass();
    await expect(details.getByRole('button', { name: 'Изменить' })).toBeVisible();
  });
});
