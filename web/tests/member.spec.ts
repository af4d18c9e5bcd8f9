import { expect, test } from '@playwright/test';
import { devToken, onCall, screenshot, signInUi } from './helpers';

const REGION = 'rotterdam';

test('a TCO member receives an offer live, accepts it and keeps the case', async ({ page, request }) => {
  // Who is primary on call right now: the dispatch is offered to them first.
  const rota = await onCall(request, REGION);
  const primary = rota.primary?.member?.replace(/^members\//, '');
  expect(primary, 'the region has a primary on call').toBeTruthy();

  await signInUi(page, primary!, ['tco-member'], REGION);
  await page.goto('/#/tco');
  await expect(page.getByRole('heading', { level: 1, name: 'TCO-lid' })).toBeVisible();
  // The stream is open once its first message (an offer or a heartbeat) arrived.
  await expect(page.getByTestId('stream-status')).toHaveText('Verbonden: je ontvangt nieuwe oproepen live.', { timeout: 30_000 });

  // The control room asks for support; not "immediate", so the supporter gets no rest period and a next
  // run against the same suite finds them on call again.
  const system = await devToken(request, 'e2e-meldkamer', ['system:peer-support.request']);
  const incident = `E2E-${Date.now()}`;
  const colleague = `e2e-${Math.random().toString(36).slice(2, 10)}`;
  const created = await request.post('/api/v1/dispatches:requestSupport', {
    headers: { Authorization: `Bearer ${system}` },
    data: {
      region: `regions/${REGION}`,
      incidentReference: incident,
      occurredAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      colleagues: [{ employeeId: colleague, team: 'E2E-team', contact: 'Via de meldkamer' }],
      urgency: 'URGENCY_WITHIN_24_HOURS',
      requester: 'Meldkamer (browsertest)',
    },
  });
  expect(created.status(), await created.text()).toBe(200);

  // The offer appears without a reload, announced in the live region, with a running countdown.
  const card = page.locator('li.offer-card', { has: page.getByRole('heading', { name: `Oproep ${incident}` }) });
  await expect(card).toBeVisible();
  await expect(page.getByTestId('offer-announcer')).toContainText(`Nieuwe oproep: incident ${incident}`);
  await expect(card).toContainText(colleague);
  await expect(card).toContainText('Binnen 24 uur');
  await expect(card.getByRole('timer')).toHaveText(/^\d+(:\d{2}){1,2}$/);
  await screenshot(page, '04-member-offer');

  await card.getByRole('button', { name: /^Accepteren/ }).click();
  await expect(card.getByTestId('offer-accepted')).toBeVisible();

  const supportCase = page.getByTestId('support-case').filter({ has: page.getByRole('heading', { name: `Zaak: collega ${colleague}` }) });
  await expect(supportCase).toBeVisible();
  await expect(supportCase).toContainText('nog geen');
  await screenshot(page, '05-member-accepted');

  // Record a contact (only when), then close with an outcome (never what was said).
  await supportCase.getByRole('button', { name: 'Contact vastleggen' }).click();
  await expect(page.getByText('Contact vastgelegd.')).toBeVisible();
  const refreshed = page.getByTestId('support-case').filter({ has: page.getByRole('heading', { name: `Zaak: collega ${colleague}` }) });
  await expect(refreshed).not.toContainText('nog geen');
  await refreshed.getByLabel('Uitkomst').selectOption('CASE_OUTCOME_CLOSED');
  await refreshed.getByRole('button', { name: 'Zaak afsluiten' }).click();
  await expect(page.getByText(`De zaak van collega ${colleague} is afgesloten.`)).toBeVisible();
  await expect(page.getByRole('heading', { name: `Zaak: collega ${colleague}` })).toHaveCount(0);
  await screenshot(page, '06-member-case-closed');
});

test('the offer stream reconnects with backoff and resumes after the last offer it received', async ({ page }) => {
  const region = 'zeeland-west-brabant';

  // Play the server: first a stream that sends a heartbeat and an offer, framed as ASP.NET Core JSON
  // transcoding does (one JSON object per line), and then ends; then a failure; then idle heartbeats.
  const incident = `FAKE-${Date.now()}`;
  const offer = {
    offer: {
      dispatch: 'dispatches/fake-stream-test',
      offerNumber: 1,
      region: `regions/${region}`,
      incidentReference: incident,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      colleague: { employeeId: 'fake-colleague' },
      urgency: 'URGENCY_IMMEDIATE',
      deadline: new Date(Date.now() + 10 * 60_000).toISOString(),
      reason: 'On-call primary of the region.',
      resumeToken: 'ZmFrZTo0Mg',
    },
  };
  const heartbeat = { heartbeat: { serverTime: new Date().toISOString() } };
  const urls: string[] = [];
  await page.route('**/dispatches:watch*', async (route) => {
    urls.push(route.request().url());
    if (urls.length === 1) {
      await route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(heartbeat)}\n${JSON.stringify(offer)}\n` });
    } else if (urls.length === 2) {
      await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ code: 14, message: 'Unavailable', details: [] }) });
    } else {
      await route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(heartbeat)}\n` });
    }
  });

  // Signing in as a TCO member lands on the member page, which opens the stream.
  await signInUi(page, `demo-${region}-2`, ['tco-member'], region);
  await expect(page.getByRole('heading', { level: 1, name: 'TCO-lid' })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Oproep ${incident}` })).toBeVisible();
  await expect(page.getByTestId('stream-status')).toContainText('Verbinding verbroken; opnieuw proberen over');
  await expect.poll(() => urls.length).toBeGreaterThanOrEqual(3);
  expect(new URL(urls[0]!).searchParams.get('resumeToken')).toBeNull();
  expect(new URL(urls[1]!).searchParams.get('resumeToken')).toBe('ZmFrZTo0Mg');
  expect(new URL(urls[2]!).searchParams.get('resumeToken')).toBe('ZmFrZTo0Mg');
  // Offers are not shown twice after a reconnect.
  await expect(page.getByRole('heading', { name: `Oproep ${incident}` })).toHaveCount(1);
});
