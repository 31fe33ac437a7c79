// A real API over real services in a fresh temporary data folder, as the web bridge builds it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { settingsFromPreset } from '../../../src/main/accounts';
import { createApi, type ApiBackend, type Host } from '../../../src/main/api';
import { createServices, headlessSecretStore, type Services } from '../../../src/main/services';
import { webHost } from '../../../src/main/webbridge/launch';
import type { ApiError } from '../../../src/shared/api';

/** Real PEC messages from providers (see their SOURCES.md). */
export const FIXTURES = path.resolve(__dirname, '../../fixtures/pec-real');

/** Starts services + API in a temp folder (the web bridge's host unless given); everything is closed and removed after the test. */
export async function startApi(
  t: { after(fn: () => Promise<void> | void): void },
  host: (saveDir: string) => Host = (saveDir) => webHost('test', saveDir),
): Promise<{ api: ApiBackend; services: Services; dir: string; saveDir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-api-'));
  const saveDir = path.join(dir, 'save');
  fs.mkdirSync(saveDir);
  const dataDir = path.join(dir, 'data');
  const services = await createServices({ dataDir, secrets: headlessSecretStore(dataDir) });
  const api = createApi(services, host(saveDir), () => undefined);
  t.after(async () => {
    api.dispose();
    await services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { api, services, dir, saveDir };
}

/** Builds real message bytes with nodemailer's composer. */
export function composeMessage(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

/** A one-use token for the save folder, as the page gets it from chooseFolder (the browser build grants its launch folder). */
export async function chooseFolder(api: ApiBackend): Promise<string> {
  const chosen = await api.dispatch('chooseFolder', {});
  if (!chosen.ok || !chosen.value) throw new Error(`chooseFolder: ${JSON.stringify(chosen)}`);
  return (chosen.value as { token: string }).token;
}

/** Dispatches `method` and fails the test unless it succeeds; returns its value. */
export async function call<T>(api: ApiBackend, method: string, payload: unknown): Promise<T> {
  const result = await api.dispatch(method, payload);
  assert.ok(result.ok, `${method}: ${JSON.stringify(result).slice(0, 500)}`);
  return result.value as T;
}

/** Dispatches `method` and fails the test unless it is refused; returns the error. */
export async function refused(api: ApiBackend, method: string, payload: unknown): Promise<ApiError> {
  const result = await api.dispatch(method, payload);
  assert.ok(!result.ok, `${method} should fail: ${JSON.stringify(result)}`);
  return result.error;
}

/** A Legalmail account saved through the accounts service (its password kept as the app keeps it); returns its id. */
export async function legalmailAccount(services: Services): Promise<string> {
  const settings = settingsFromPreset('legalmail', { name: 'Studio Bianchi', address: 'studio.bianchi@legalmail.it', username: 'U123456' });
  assert.ok(settings.ok);
  const saved = await services.accounts.save(settings.settings, 'password');
  assert.ok(saved.ok);
  return saved.value.id;
}
