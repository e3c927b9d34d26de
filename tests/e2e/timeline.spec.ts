import { expect, test } from '@playwright/test';

test('the timeline opens in Russian with the seeded planned milestones', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Дорожная карта Ангаро-Енисейского кластера');
  const timeline = page.getByTestId('timeline');
  await expect(timeline.locator('.vis-item', { hasText: 'Многоассортиментный' })).toBeVisible();
});
