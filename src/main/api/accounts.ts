// Account handlers: list, presets, save (with password into the SecretStore), remove, test.
import type { AccountView, ConnectionReport, ConnectionStep, ProviderPresetView } from '../../shared/api-values';
import type { ApiErrorCode } from '../../shared/api';
import {
  effectiveLimits, parseAccountSettings, PROVIDER_PRESETS, securityWarnings, testConnection, type Account, type AccountErrorCode, type ConnectionReport as DomainReport,
} from '../accounts';
import { accountFailure } from './account-failure';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { fail, ok } from './result';
import type { SyncStates } from './sync-state';

function accountView(a: Account, hasPassword: boolean, sync: SyncStates): AccountView {
  const limits = effectiveLimits(a);
  return {
    id: a.id,
    name: a.name,
    address: a.address,
    kind: a.kind,
    providerId: a.providerId ?? null,
    imap: a.imap,
    smtp: a.smtp,
    sentFolder: a.sentFolder,
    receiptsFolder: a.receiptsFolder,
    receiptsMode: a.receiptsMode,
    signatureHtml: a.signatureHtml ?? '',
    rateLimit: { perMinute: a.rateLimit.perMinute ?? null, perHour: a.rateLimit.perHour ?? null },
    pace: { perMinute: limits.perMinute, perHour: limits.perHour },
    hasPassword,
    sync: sync.get(a.id),
    warnings: securityWarnings(a),
  };
}

function report(r: DomainReport): ConnectionReport {
  const step = (service: 'imap' | 'smtp', side: DomainReport['imap'] | DomainReport['smtp']): ConnectionStep =>
    side.ok ? { service, ok: true, stage: 'ok', message: '', problem: null } : { service, ok: false, stage: side.stage, message: side.detail, problem: side.problem };
  return { ok: r.ok, steps: [step('imap', r.imap), step('smtp', r.smtp)], warnings: r.warnings };
}

function presetView(p: (typeof PROVIDER_PRESETS)[number]): ProviderPresetView {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    domains: p.domains,
    imap: p.imap,
    smtp: p.smtp,
    username: p.username,
    perMinute: p.limits.perMinute ?? null,
    perHour: p.limits.perHour ?? null,
    maxMessageBytes: p.limits.maxMessageBytes ?? null,
    verified: p.verified,
    notes: p.notes ?? null,
  };
}

function saveErrorCode(code: AccountErrorCode): ApiErrorCode {
  if (code === 'not-found' || code === 'password-required' || code === 'locked') return code;
  return code === 'invalid-settings' ? 'invalid-request' : 'io';
}

/** The account handlers. */
export function accountHandlers(
  ctx: ApiContext,
  sync: SyncStates,
): Pick<Handlers, 'listAccounts' | 'listPresets' | 'saveAccount' | 'removeAccount' | 'listArchivedAccounts' | 'testConnection' | 'getSecretsStatus' | 'unlockSecrets' | 'createMasterPassword'> {
  const { accounts } = ctx.services;
  const withPasswordFlag = async (a: Account) => accountView(a, (await accounts.password(a.id)).ok, sync);
  return {
    async listAccounts() {
      return ok(await Promise.all((await accounts.list()).accounts.map(withPasswordFlag)));
    },

    async listPresets() {
      return ok(PROVIDER_PRESETS.map(presetView));
    },

    async saveAccount(req) {
      const { password, providerId, rateLimit, ...settings } = req;
      // Omitted: the pace stays as it was (a caller that does not show it must not reset it).
      const current = rateLimit === undefined && req.id ? await accounts.get(req.id) : null;
      const pace = rateLimit ? { perMinute: rateLimit.perMinute ?? undefined, perHour: rateLimit.perHour ?? undefined } : current?.ok ? current.value.rateLimit : {};
      const saved = await ctx.services.saveAccount({ ...settings, providerId: providerId ?? undefined, rateLimit: pace }, password);
      if (!saved.ok) {
        const address = req.address.trim().toLowerCase();
        const archived = saved.code === 'address-taken' && ctx.services.store.listArchivedAccounts().some((a) => a.address === address);
        return accountFailure(saveErrorCode(saved.code), saved, { accountId: req.id, address, archived });
      }
      return ok(await withPasswordFlag(saved.value));
    },

    async removeAccount(req) {
      const removed = await ctx.services.removeAccount(req.accountId, req.mode);
      return removed.ok ? ok(null) : accountFailure('io', removed, { accountId: req.accountId });
    },

    async listArchivedAccounts() {
      return ok(ctx.services.store.listArchivedAccounts().map((a) => ({ ...a, id: String(a.id) })));
    },

    async getSecretsStatus() {
      return ok(ctx.services.secretsStatus());
    },

    async unlockSecrets(req) {
      const unlocked = await ctx.services.unlockSecrets(req.password);
      if (unlocked.ok) return ok(unlocked.value);
      // The only password unlock decrypts with is the one just typed.
      if (unlocked.code === 'decrypt-failed') return fail('denied', 'master-password-wrong');
      return accountFailure('io', unlocked);
    },

    async createMasterPassword(req) {
      const created = await ctx.services.createMasterPassword(req.password);
      if (created.ok) return ok(created.value);
      // invalid-settings here: the system keychain keeps the passwords, there is nothing to create.
      if (created.code === 'invalid-settings') return fail('io', 'master-password-not-needed');
      return accountFailure(created.code === 'weak-password' || created.code === 'already-set' ? 'invalid-request' : 'io', created);
    },

    async testConnection(req) {
      const { password, accountId, providerId, ...settings } = req;
      const current = accountId ? await accounts.get(accountId) : null;
      const parsed = parseAccountSettings({ ...(current?.ok ? current.value : {}), ...settings, providerId: providerId ?? undefined });
      if (!parsed.ok) return fail('invalid-request', 'account-settings-invalid', { issues: parsed.detail });
      let secret = password;
      if (secret === undefined) {
        if (!accountId) return fail('invalid-request', 'connection-test-needs-password');
        // The saved password goes only to the servers it was saved for, never to edited ones.
        const saved = await accounts.passwordFor({ ...parsed.settings, id: accountId });
        if (!saved.ok && saved.code === 'password-required') return fail('password-required', 'connection-test-password-again');
        if (!saved.ok) return fail('not-found', 'connection-test-no-password');
        secret = saved.value;
      }
      return ok(report(await testConnection(parsed.settings, secret, ctx.services.connect)));
    },
  };
}
