import { expect, test } from '@playwright/test';
import { screenshot } from './helpers';

test('the English switch changes the UI language and is remembered', async ({ page }) => {
  await page.goto('/#/aanbod/loket-24-7');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await expect(nav.getByRole('link', { name: 'Zelftest' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Loket 24/7' })).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const navEn = page.getByRole('navigation', { name: 'Main menu' });
  await expect(navEn.getByRole('link', { name: 'Self-test' })).toBeVisible();
  await expect(navEn.getByRole('link', { name: 'For partners and family' })).toBeVisible();
  // Texts from the services follow the language too.
  await expect(page.getByRole('heading', { level: 1, name: '24/7 desk (Loket 24/7)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nederlands' })).toBeFocused();
  await screenshot(page, '08-english');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Self-test' })).toBeVisible();

  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('link', { name: 'Zelftest' })).toBeVisible();
});
