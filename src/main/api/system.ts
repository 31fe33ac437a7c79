// Host-level handlers: what the host can do, links to the outside, sync on demand.
import type { AppInfo } from '../../shared/api-values';
import { BACKUP_EVERY_MS, BACKUPS_KEPT, listBackups } from '../store';
import type { ApiContext } from './context';
import type { Host } from './host';
import type { Handlers } from './dispatch';
import { fail, ok } from './result';

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** What the host can do, as getAppInfo tells it (also answered by core.ts while the store is damaged). */
export function appInfoOf(host: Host): AppInfo {
  return { version: host.version, host: host.kind, nativeDialogs: host.chooseFolder !== undefined, defaultSaveDir: host.defaultSaveDir };
}

/** The system handlers. */
export function systemHandlers(ctx: ApiContext): Pick<Handlers, 'getAppInfo' | 'getStorageInfo' | 'setUiLanguage' | 'openExternal' | 'syncNow'> {
  return {
    async getAppInfo() {
      return ok(appInfoOf(ctx.host));
    },

    async getStorageInfo() {
      const { dataDir } = ctx.services;
      const backups = listBackups(dataDir).map((b) => ({ takenAt: b.takenAt.toISOString(), schemaVersion: b.schemaVersion }));
      return ok({ dataDir, backups, backupsKept: BACKUPS_KEPT, backupEveryHours: BACKUP_EVERY_MS / 3_600_000 });
    },

    async setUiLanguage(req) {
      ctx.host.setLanguage?.(req.language);
      return ok(null);
    },

    async openExternal(req) {
      let url: URL;
      try {
        url = new URL(req.url);
      } catch {
        return fail('invalid-request', 'link-invalid');
      }
      // file:, javascript:, custom schemes could run local programs: only web and mail links leave the app.
      if (!EXTERNAL_PROTOCOLS.has(url.protocol)) return fail('denied', 'link-scheme-refused', { scheme: url.protocol });
      if (!ctx.host.confirmAndOpenExternal) return fail('unsupported', 'browser-opens-links');
      return (await ctx.host.confirmAndOpenExternal(url.href)) ? ok(null) : fail('denied', 'link-not-opened');
    },

    async syncNow(req) {
      // Progress and the outcome arrive as sync-progress events; the click returns at once.
      void ctx.services.mail.syncNow(req.accountId);
      return ok(null);
    },
  };
}
