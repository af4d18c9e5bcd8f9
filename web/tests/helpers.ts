import fs from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { WEB_DIR } from './suite';

const SCREENSHOTS = path.join(WEB_DIR, 'test-results', 'screenshots');

/** A full-page screenshot kept as a CI artifact: test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A token from the development sign-in, for calls the test makes itself. */
export async function devToken(request: APIRequestContext, subject: string, roles: string[], region?: string): Promise<string> {
  const response = await request.post('/dev/sign-in', { data: { subject, roles, region: region ?? null } });
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { token: string };
  expect(body.token).toBeTruthy();
  return body.token;
}

export interface OnCall {
  primary?: { member?: string; displayName?: string };
  backup?: { member?: string; displayName?: string };
  coordinator?: { member?: string; displayName?: string };
}

export async function onCall(request: APIRequestContext, region: string): Promise<OnCall> {
  const token = await devToken(request, `demo-${region}-1`, ['tco-coordinator'], region);
  const response = await request.get(`/api/v1/regions/${region}:onCall`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as OnCall;
}

/** Signs in through the UI's development sign-in form. */
export async function signInUi(page: Page, subject: string, roles: string[], region: string): Promise<void> {
  await page.goto('/#/aanmelden');
  const form = page.getByTestId('dev-sign-in');
  await expect(form.getByRole('heading', { name: /Ontwikkel-aanmelding — alleen lokaal/ })).toBeVisible();
  await form.getByLabel('Identiteit (subject)').fill(subject);
  for (const role of roles) await form.getByRole('checkbox', { name: new RegExp(`\\b${role}\\b`) }).check();
  await form.getByLabel('Regio', { exact: true }).selectOption(region);
  await form.getByRole('button', { name: 'Aanmelden (ontwikkeling)' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText(subject);
}
