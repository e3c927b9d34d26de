import { expect, logInAs, test } from './fixtures/isolated-server';
import { listMilestones, SEED, timelineItem, timelineItems } from './support';

test.describe('planner adds a milestone', () => {
  test('a new milestone with a workstream, a year and a quoted source opens and is listed', async ({ page }) => {
    const title = 'Опытная установка по извлечению лития из рассолов';
    const reason = 'Проект объявлен на форуме';
    const quote = 'К кластеру привлекут партнёров из дружественных стран';

    await logInAs(page, 'anna');
    await page.goto('/');
    await expect(timelineItems(page).first()).toBeVisible();
    const countBefore = (await listMilestones(page.request)).length;
    await expect(page.getByText(`Показано вех: ${countBefore}`)).toBeVisible();

    await page.getByRole('button', { name: 'Новая веха' }).click();
    const form = page.getByRole('form', { name: 'Новая веха' });
    await expect(form).toBeVisible();
    await form.getByLabel('Название (рус.)').fill(title);
    await form.getByLabel('Направление').selectOption({ label: SEED.energyStorage });
    await form.locator('select[name=plannedPrecision]').selectOption({ label: 'год' });
    await form.locator('input[name=plannedAnchor]').fill('2029-04-15');
    await expect(form.getByTestId('planned-preview')).toHaveText('2029 (2029-01-01 … 2029-12-31)');
    await form.getByLabel('Причина изменения').fill(reason);
    // A new milestone is cited from the start: a known source is the default.
    await expect(form.getByRole('radio', { name: 'Известный источник' })).toBeChecked();
    const sources = form.locator('select[name=sourceId]');
    const interfax = await sources.locator('option', { hasText: SEED.interfaxTitle }).getAttribute('value');
    await sources.selectOption(interfax ?? '');
    await form.getByLabel('Цитата (дословно)').fill(quote);
    const response = page.waitForResponse((r) => r.url().includes('milestone.create'));
    await form.getByRole('button', { name: 'Сохранить' }).click();
    expect((await response).ok()).toBe(true);

    // The form gives way to the new milestone's details.
    await expect(form).toHaveCount(0);
    const details = page.getByTestId('milestone-details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(title);
    await expect(details.locator('.status-badge')).toHaveText('Запланировано');
    await expect(details.getByTestId('planned-date')).toHaveText('План: 2029 (Точность: год)');
    await expect(details).toContainText(SEED.energyStorage);
    const citation = details.getByTestId('citation').filter({ hasText: quote });
    await expect(citation).toHaveCount(1);
    await expect(citation.locator('cite')).toHaveText(SEED.interfaxTitle);
    await expect(details.getByTestId('milestone-history')).toContainText(reason);
    const created = (await listMilestones(page.request)).find((m) => m.title === title);
    expect(created).toBeDefined();
    await expect(page).toHaveURL(new RegExp(`[?&]m=${created?.id}(&|$)`));

    // On the chart and in the table.
    await expect(timelineItem(page, title)).toHaveCount(1);
    await expect(timelineItem(page, title)).toHaveClass(/\bstatus-planned\b/);
    await page.getByRole('navigation', { name: 'Вид' }).getByRole('button', { name: 'Таблица' }).click();
    const table = page.getByTestId('milestone-table');
    const row = table.locator(`tr[data-milestone-id="${created?.id}"]`);
    await expect(row.getByRole('rowheader')).toHaveText(title);
    await expect(row).toContainText(SEED.energyStorage);
    await expect(row).toContainText('2029');
    await expect(page.getByText(`Показано вех: ${countBefore + 1}`)).toBeVisible();
  });
});
