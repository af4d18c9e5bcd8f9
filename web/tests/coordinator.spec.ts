import { expect, test } from '@playwright/test';
import { onCall, screenshot, signInUi } from './helpers';

const REGION = 'amsterdam';

test('a coordinator sees who is on call in their region', async ({ page, request }) => {
  const expected = await onCall(request, REGION);
  expect(expected.primary?.displayName).toBeTruthy();

  await signInUi(page, `demo-${REGION}-1`, ['tco-coordinator', 'tco-member'], REGION);
  await page.goto('/#/coordinator');
  await expect(page.getByRole('heading', { level: 1, name: 'Coördinator' })).toBeVisible();
  await expect(page.getByText('Regio Amsterdam:')).toBeVisible();

  const onCallList = page.getByTestId('on-call');
  await expect(onCallList).toContainText(expected.primary!.displayName!);
  await expect(onCallList).toContainText(expected.primary!.member!.replace(/^members\//, ''));
  if (expected.backup?.displayName) await expect(onCallList).toContainText(expected.backup.displayName);

  await expect(page.getByRole('heading', { name: 'Open escalaties' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Gaten in de bezetting/ })).toBeVisible();
  const rota = page.getByTestId('rota');
  await expect(rota).toBeVisible();
  await expect(rota.getByRole('row').nth(1)).toContainText(expected.primary!.displayName!);
  await screenshot(page, '07-coordinator');
});
