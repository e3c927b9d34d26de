import { expect, logInAs, PASSWORD, signedInAs, test, USERS, yearScale } from './fixtures/isolated-server';
import { box, SEED, timeline, timelineItem, timelineItems } from './support';

test.describe('planner login', () => {
  test('logging in shows the planner controls; logging out removes them, also after a reload', async ({
    page,
    expectedProblems,
  }) => {
    // The wrong password is answered 401 on purpose; the browser logs that as a console error.
    expectedProblems.push(/auth\.login/, /status of 401/);
    await page.goto('/');
    await expect(timelineItems(page).first()).toBeVisible();
    const header = page.getByRole('banner');
    const signedIn = page.getByTestId('signed-in-as');
    const newMilestone = page.getByRole('button', { name: 'Новая веха' });
    const details = page.getByTestId('milestone-details');
    const edit = details.getByRole('button', { name: 'Изменить' });

    // Logged out: details without edit controls, no "new milestone".
    await timelineItem(page, SEED.lithium2030).click();
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.lithium2030);
    await expect(signedIn).toHaveCount(0);
    await expect(edit).toHaveCount(0);
    await expect(newMilestone).toHaveCount(0);

    await header.getByRole('button', { name: 'Войти' }).click();
    const form = page.getByRole('form', { name: 'Вход для плановиков' });
    await expect(form).toBeVisible();
    await form.getByLabel('Логин').fill(USERS.anna.login);
    await form.getByLabel('Пароль').fill('not the password at all');
    await form.getByRole('button', { name: 'Войти' }).click();
    await expect(form.getByRole('alert')).toHaveText('Неверный логин или пароль');
    await expect(signedIn).toHaveCount(0);
    await expect(edit).toHaveCount(0);

    await form.getByLabel('Пароль').fill(PASSWORD);
    await form.getByRole('button', { name: 'Войти' }).click();
    await expect(signedIn).toHaveText(signedInAs('anna'));
    await expect(form).toHaveCount(0);
    await expect(edit).toBeVisible();
    await expect(newMilestone).toBeVisible();

    // The session is a cookie on the server: a reload keeps it.
    await page.reload();
    await expect(signedIn).toHaveText(signedInAs('anna'));
    await expect(details.getByRole('button', { name: 'Изменить' })).toBeVisible();

    await header.getByRole('button', { name: 'Выйти' }).click();
    await expect(signedIn).toHaveCount(0);
    await expect(header.getByRole('button', { name: 'Войти' })).toBeVisible();
    await expect(edit).toHaveCount(0);
    await expect(newMilestone).toHaveCount(0);
    // The details stay open for reading.
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.lithium2030);

    // Logged out on the server too, not just in the page.
    await page.reload();
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.lithium2030);
    await expect(header.getByRole('button', { name: 'Войти' })).toBeVisible();
    await expect(signedIn).toHaveCount(0);
    await expect(edit).toHaveCount(0);
    await expect(newMilestone).toHaveCount(0);
    const me = await page.request.get('/trpc/auth.me');
    expect(((await me.json()) as { result: { data: { user: unknown } } }).result.data.user).toBeNull();
  });

  test('a viewer sees no edit controls and cannot drag items', async ({ page }) => {
    await logInAs(page, 'vera');
    await page.goto('/');
    await expect(page.getByTestId('signed-in-as')).toHaveText(signedInAs('vera'));
    const item = timelineItem(page, SEED.aiCentre2032);
    await expect(item).toBeVisible();
    await expect(page.getByRole('button', { name: 'Новая веха' })).toHaveCount(0);

    await item.click();
    const details = page.getByTestId('milestone-details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.aiCentre2032);
    await expect(details.getByTestId('planned-date')).toHaveText('План: 2032 (Точность: год)');
    await expect(details.getByRole('button', { name: 'Изменить' })).toHaveCount(0);
    await expect(details.getByRole('button', { name: 'Добавить цитату' })).toHaveCount(0);
    await expect(item).toHaveClass(/\bvis-selected\b/);
    // vis-timeline marks what may be dragged.
    await expect(item).toHaveClass(/\bvis-readonly\b/);
    await expect(item).not.toHaveClass(/\bvis-editable\b/);

    // A drag on a read-only item may pan the whole chart, so the item may move on screen;
    // it must not move against the axis: its left edge stays at the same moment in time.
    const before = await box(item);
    const scale = await yearScale(page);
    const startsAt = scale.yearAt(before.x);
    const [x, y] = [before.x + 20, before.y + before.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(x + (scale.pxPerYear * step) / 10, y);
    await page.mouse.up();

    await expect(page.getByRole('form', { name: 'Изменение вехи' })).toHaveCount(0);
    await expect(details.getByTestId('planned-date')).toHaveText('План: 2032 (Точность: год)');
    await expect(async () => {
      const now = await yearScale(page);
      const drawn = await box(item);
      expect(Math.abs(now.yearAt(drawn.x) - startsAt) * now.pxPerYear).toBeLessThanOrEqual(2);
    }).toPass();
    await expect(timeline(page).locator('.vis-item.vis-editable')).toHaveCount(0);
  });
});
