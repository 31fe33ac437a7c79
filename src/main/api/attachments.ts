// Attachment handlers: list, get bytes, save one or all into a folder, open with the system.
// "Save all" means the sender's attachments (from postacert.eml for PEC), never the service parts.
import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '../../shared/api';
import type { ApiErrorReason } from '../../shared/api-errors';
import type { OpenRiskReason, SaveReport } from '../../shared/api-values';
import { openRisk, sanitizeFileName, saveFiles, type ContentPart, type FileToSave, type OpenRisk } from '../attachments';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { originalAttachments, resolvePart } from '../mail';
import { loadMessage } from './load';
import { fail, ok } from './result';

/**
 * Writes files into the folder of a chooseFolder token. Names already there: a host with its own
 * dialog asks there (the page's overwrite flag is not trusted); without one, 'exists' comes back
 * and the token stays good for the page's one call with overwrite.
 */
export async function saveIntoFolder(ctx: ApiContext, token: string, files: FileToSave[], overwrite: boolean): Promise<Result<SaveReport>> {
  const dir = ctx.folders.peek(token);
  if (!dir) return fail('not-found', 'chosen-folder-gone');
  const asks = ctx.host.confirmOverwrite;
  let res = await saveFiles(dir, files, asks ? false : overwrite);
  if (!res.ok && res.code === 'exists' && asks && (await asks(dir, res.names))) res = await saveFiles(dir, files, true);
  if (!res.ok && res.code === 'exists' && !asks) return fail('exists', 'save-names-taken', { folder: dir }, res.names);
  ctx.folders.revoke(token);
  if (res.ok) return ok({ saved: res.saved });
  if (res.code === 'exists') return fail('denied', 'save-overwrite-declined', undefined, res.names);
  if (res.code === 'bad-folder') return fail('not-found', 'save-folder-missing', { folder: dir });
  return fail('io', 'save-failed', { folder: dir, cause: res.cause });
}

/** Why an attachment is not opened, with what the reason's text names. */
function riskReason(risk: OpenRisk): [ApiErrorReason, Record<string, string>] {
  switch (risk.reason) {
    case 'program-name':
      return ['attachment-may-run-program', { extension: risk.extension }];
    case 'disguised-name':
      return ['attachment-disguised-name', {}];
    case 'program-content':
      return ['attachment-program-content', { format: risk.format }];
    case 'macros':
      return ['attachment-has-macros', {}];
  }
}

/** The message has no such part (inner: none with a signed document inside). */
function partMissing(partId: string, inner = false) {
  return fail('not-found', inner ? 'message-signed-part-missing' : 'message-part-missing', { partId });
}

/** The attachment handlers. */
export function attachmentHandlers(ctx: ApiContext): Pick<Handlers, 'listAttachments' | 'getAttachment' | 'saveAttachments' | 'openAttachment' | 'chooseFolder'> {
  return {
    async listAttachments(req) {
      const loaded = await loadMessage(ctx, req.ref);
      return loaded.ok ? ok(originalAttachments(loaded.value)) : loaded;
    },

    async getAttachment(req) {
      const loaded = await loadMessage(ctx, req.ref);
      if (!loaded.ok) return loaded;
      const part = resolvePart(loaded.value, req.partId, req.inner);
      if (!part) return partMissing(req.partId, req.inner);
      return ok({ filename: sanitizeFileName(part.filename), contentType: part.contentType, dataBase64: part.content.toString('base64') });
    },

    async saveAttachments(req) {
      const loaded = await loadMessage(ctx, req.ref);
      if (!loaded.ok) return loaded;
      const ids = req.partIds.length > 0 ? req.partIds : originalAttachments(loaded.value).map((a) => a.partId);
      if (ids.length === 0) return fail('not-found', 'message-no-attachments');
      const parts: ContentPart[] = [];
      for (const id of ids) {
        const part = resolvePart(loaded.value, id, req.inner);
        if (!part) return partMissing(id, req.inner);
        parts.push(part);
      }
      return saveIntoFolder(ctx, req.folder, parts.map((p) => ({ name: p.filename, content: p.content })), req.overwrite);
    },

    async openAttachment(req) {
      const loaded = await loadMessage(ctx, req.ref);
      if (!loaded.ok) return loaded;
      const part = resolvePart(loaded.value, req.partId, req.inner);
      if (!part) return partMissing(req.partId);
      const name = sanitizeFileName(part.filename);
      // Checked before anything else, in the browser build too: the renderer offers to save instead,
      // saying why (items[0] is the reason, for its message).
      const risk = await openRisk(part.filename, part.content);
      if (risk) {
        const [reason, params] = riskReason(risk);
        return fail('denied', reason, { name, ...params }, [risk.reason satisfies OpenRiskReason, risk.reason === 'program-name' ? risk.extension : '']);
      }
      if (!ctx.host.openWithSystem) return fail('unsupported', 'open-with-system-desktop-only');
      // A fresh private folder per file: the copy keeps its own name and cannot collide.
      const dir = fs.mkdtempSync(path.join(ctx.scratchDir(), 'a-'));
      const file = path.join(dir, name);
      await fs.promises.writeFile(file, part.content, { flag: 'wx', mode: 0o600 });
      await ctx.host.openWithSystem(file);
      return ok(null);
    },

    async chooseFolder() {
      // The browser build has no picker: it saves into the folder its operator named at launch.
      const dir = ctx.host.chooseFolder ? await ctx.host.chooseFolder() : ctx.host.defaultSaveDir;
      return ok(dir === null ? null : { token: ctx.folders.grant(dir), label: dir });
    },
  };
}
