// Sending a PEC from the composer and reading its deliveries panel in Posta inviata, for the e2e
// tests of what the receipts of a sent message are worth.
import type { Locator, Page } from 'playwright-core';
import { messageRow, selectFolder, until } from './helpers';

const SENDER = 'mario.rossi@pec.alfa.test';

/** Writes and sends a PEC from the composer tab. */
export async function sendPec(page: Page, to: string, subject: string): Promise<void> {
  await page.getByRole('button', { name: 'Nuovo', exact: true }).click();
  const composer = page.locator('[role=tabpanel]:not([hidden]) form.composer');
  await composer.waitFor();
  const from = composer.locator('select').first();
  await from.selectOption((await from.locator('option', { hasText: SENDER }).getAttribute('value'))!);
  await composer.locator('input[name="to"]').fill(to);
  await composer.locator('input[name="subject"]').fill(subject);
  await composer.locator('.composer-body').click();
  await page.keyboard.type('Si trasmette la documentazione richiesta.');
  await composer.getByRole('button', { name: 'Invia', exact: true }).click();
  // The checks before sending may warn (without a providers' index a sandbox domain is not known as
  // PEC): these tests send anyway, as a user who knows the address would.
  const sent = page.getByText(/^Messaggio inviato/);
  const anyway = composer.getByRole('button', { name: 'Invia comunque' });
  await sent.or(anyway).first().waitFor({ timeout: 30_000 });
  if (await anyway.isVisible()) await anyway.click();
  await sent.waitFor({ timeout: 30_000 });
}

/** Opens the sent message in the Sent folder's preview; returns its deliveries panel. */
export async function openSent(page: Page, subject: string) {
  await page.getByRole('tab').first().click();
  await selectFolder(page, SENDER, 'sent');
  await until(async () => {
    await page.getByRole('button', { name: 'Ricevi' }).click();
    return messageRow(page, subject)
      .waitFor({ timeout: 2_000 })
      .then(() => true);
  }, `"${subject}" in Posta inviata`);
  await messageRow(page, subject).click();
  const deliveries = page.locator('.preview').getByTestId('deliveries');
  await deliveries.waitFor();
  return deliveries;
}

/** The D/A/C/E badge of a deliveries panel as one line: "D1 A1 C0 E0". */
export const counters = async (deliveries: Locator) => (await deliveries.getByTestId('dac').innerText()).replace(/\s+/g, ' ');

/**
 * Clicks Ricevi until the deliveries panel lists the avvenuta consegna and counts it (C1); returns
 * that receipt's list item.
 */
export async function waitForConsegna(page: Page, deliveries: Locator): Promise<Locator> {
  const consegna = deliveries.getByTestId('receipt-list').locator('li', { hasText: 'Ricevuta di avvenuta consegna' });
  let seen = '';
  await until(
    async () => {
      await page.getByRole('button', { name: 'Ricevi' }).click();
      seen = await deliveries.innerText();
      return (await consegna.count()) > 0 && /C1/.test(await counters(deliveries));
    },
    () => `the consegna counted; the panel said: ${seen}`,
    60_000,
  );
  return consegna;
}
