import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { screenshot, signInUi } from './helpers';

/** Every visible form control and button/link has an accessible name (hand-written, besides axe). */
async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const visible = (el: HTMLElement) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const problems: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, textarea, button, a[href]'))) {
      if (!visible(el)) continue;
      let name = '';
      const labelledBy = el.getAttribute('aria-labelledby');
      if (labelledBy) name = labelledBy.split(/\s+/).map((id) => text(document.getElementById(id))).join(' ').trim();
      if (!name) name = (el.getAttribute('aria-label') ?? '').trim();
      if (!name && el.id) name = Array.from(document.querySelectorAll(`label[for="${CSS.escape(el.id)}"]`)).map(text).join(' ').trim();
      if (!name) name = text(el.closest('label'));
      if (!name && (el.tagName === 'BUTTON' || el.tagName === 'A')) name = text(el);
      if (!name) name = (el.getAttribute('title') ?? '').trim();
      if (!name) problems.push(el.outerHTML.slice(0, 120));
    }
    return problems;
  });
}

async function check(page: Page, label: string): Promise<void> {
  await expect(page.locator('h1'), `${label}: exactly one h1`).toHaveCount(1);
  await expect(page.locator('header')).toHaveCount(1);
  await expect(page.getByRole('navigation')).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByText('Bezig met laden…')).toHaveCount(0);
  expect(await unnamedControls(page), `${label}: controls without an accessible name`).toEqual([]);
  // Headings in order: no level skipped on the way down.
  const levels = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((els) => els.map((el) => Number(el.tagName[1])));
  for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!, `${label}: heading levels ${levels.join(',')}`).toBeLessThanOrEqual(1);

  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(serious, `${label}: serious or critical axe violations`).toEqual([]);
}

test('accessibility smoke check of every page', async ({ page }) => {
  // Keyboard: the first Tab reaches the skip link, which moves focus to the main content.
  await page.goto('/#/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Naar de inhoud' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await check(page, 'home');

  for (const [route, heading] of [
    ['/#/aanbod', 'Aanbod'],
    ['/#/aanbod/team-collegiale-ondersteuning', 'Team Collegiale Ondersteuning (TCO)'],
    ['/#/partners', 'Voor partners en familie'],
    ['/#/aanmelden', 'Aanmelden'],
    ['/#/zelftest', 'Zelftest'],
  ] as const) {
    await page.goto(route);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await check(page, route);
  }

  // The questionnaire itself.
  await page.getByRole('button', { name: /^Start\s+WHO-5/ }).click();
  await expect(page.locator('fieldset.question')).toHaveCount(5);
  await check(page, 'questionnaire');
  // After navigation focus lands on the new page's heading.
  await page.getByRole('link', { name: 'Aanbod', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aanbod' })).toBeFocused();

  // The signed-in pages.
  await signInUi(page, 'demo-limburg-1', ['tco-coordinator', 'tco-member'], 'limburg');
  for (const [route, heading] of [
    ['/#/tco', 'TCO-lid'],
    ['/#/coordinator', 'Coördinator'],
  ] as const) {
    await page.goto(route);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await check(page, route);
  }
  await screenshot(page, '09-a11y-coordinator');

  // Phone width: nothing scrolls sideways.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/#/tco');
  await expect(page.getByRole('heading', { level: 1, name: 'TCO-lid' })).toBeVisible();
  await expect(page.getByText('Bezig met laden…')).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, '10-phone-member');
});
