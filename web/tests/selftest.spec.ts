import { expect, test } from '@playwright/test';
import { screenshot } from './helpers';

test('a self-test from start to result, in Dutch, anonymously', async ({ page }) => {
  // The self-test is anonymous: no request to it may carry a sign-in token.
  const selfTestRequests: { url: string; authorization: string | undefined }[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/selfTests') || request.url().includes('/api/v1/instruments')) {
      selfTestRequests.push({ url: request.url(), authorization: request.headers().authorization });
    }
  });

  await page.goto('/#/zelftest');
  await expect(page.getByRole('heading', { level: 1, name: 'Zelftest' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Anoniem: er wordt niets over jou opgeslagen' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /PHQ-9/ })).toBeVisible();
  await screenshot(page, '01-selftest-choose');

  await page.getByRole('button', { name: /^Start\s+PHQ-9/ }).click();
  const questions = page.locator('fieldset.question');
  await expect(questions).toHaveCount(9);
  await expect(page.getByText('0 van 9 vragen beantwoord')).toBeVisible();

  // Submitting too early names the missing questions.
  await page.getByRole('button', { name: 'Bekijk mijn uitslag' }).click();
  await expect(page.getByRole('alert')).toContainText('Nog niet alle vragen zijn beantwoord');

  // "Meer dan de helft van de dagen" everywhere: a high total, and item 9 (self-harm) triggers urgent help.
  for (let i = 0; i < 9; i++) {
    await questions.nth(i).getByRole('radio', { name: 'Meer dan de helft van de dagen' }).check();
  }
  await expect(page.getByText('9 van 9 vragen beantwoord')).toBeVisible();
  await screenshot(page, '02-selftest-answered');
  await page.getByRole('button', { name: 'Bekijk mijn uitslag' }).click();

  const result = page.getByTestId('result');
  await expect(result.getByRole('heading', { level: 2, name: /Je uitslag: PHQ-9/ })).toBeVisible();
  await expect(result).toContainText('Totaalscore (0–27): 18 van 27');
  await expect(result.getByRole('heading', { name: 'Matig ernstige klachten' })).toBeVisible();
  const urgent = result.getByTestId('urgent-help');
  await expect(urgent).toBeVisible();
  await expect(urgent.locator('a[href="tel:113"]')).toBeVisible();
  await expect(urgent.locator('a[href="tel:08000113"]')).toBeVisible();
  await expect(urgent.locator('a[href="tel:112"]')).toBeVisible();
  const recommendations = result.getByTestId('recommendations').getByRole('listitem');
  expect(await recommendations.count()).toBeGreaterThan(0);
  await expect(result.getByRole('link', { name: 'Loket 24/7' })).toHaveAttribute('href', '#/aanbod/loket-24-7');
  await expect(page.locator('#selftest-status')).toHaveText('Je uitslag staat klaar.');
  await screenshot(page, '03-selftest-result');

  await page.getByRole('button', { name: 'Verwijder mijn uitslag nu' }).click();
  await expect(page.getByRole('heading', { name: 'Je uitslag is verwijderd' })).toBeVisible();

  expect(selfTestRequests.length).toBeGreaterThanOrEqual(5);
  for (const request of selfTestRequests) {
    expect(request.url).not.toMatch(/token=/);
    expect(request.authorization).toBeUndefined();
  }
});
