// Attachment handlers: list, get bytes, save one or all into a folder, open with the system.
// "Save all" means the sender's attachments (from postacert.eml for PEC), never the service parts.
import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '../../shared/api';
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
  if (!dir) return fail('not-found', 'Scegli di nuovo la cartella: quella scelta non è più valida.');
  const asks = ctx.host.confirmOverwrite;
  let res = await saveFiles(dir, files, asks ? false : overwrite);
  if (!res.ok && res.code === 'exists' && asks && (await asks(dir, res.names))) res = await saveFiles(dir, files, true);
  if (!res.ok && res.code === 'exists' && !asks) return fail('exists', res.detail, res.names);
  ctx.folders.revoke(token);
  if (res.ok) return ok({ saved: res.saved });
  if (res.code === 'exists') return fail('denied', 'Non è stato salvato nulla: i file già presenti sono rimasti com’erano.', res.names);
  return fail(res.code === 'bad-folder' ? 'not-found' : 'io', res.detail);
}

function describeRisk(risk: OpenRisk): string {
  switch (risk.reason) {
    case 'program-name':
      return `a .${risk.extension} file`;
    case 'disguised-name':
      return 'its name hides its real extension';
    case 'program-content':
      return `its content is a ${risk.format}`;
    case 'macros':
      return 'an Office document with macros';
  }
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
      if (!part) return fail('not-found', `Il messaggio non ha la parte ${req.partId}${req.inner ? ' con un documento firmato all’interno' : ''}.`);
      return ok({ filename: sanitizeFileName(part.filename), contentType: part.contentType, dataBase64: part.content.toString('base64') });
    },

    async saveAttachments(req) {
      const loaded = await loadMessage(ctx, req.ref);
      if (!loaded.ok) return loaded;
      const ids = req.partIds.length > 0 ? req.partIds : originalAttachments(loaded.value).map((a) => a.partId);
      if (ids.length === 0) return fail('not-found', 'Il messaggio non ha allegati.');
      const parts: ContentPart[] = [];
      for (const id of ids) {
        const part = resolvePart(loaded.value, id, req.inner);
        if (!part) return fail('not-found', `Il messaggio non ha la parte ${id}${req.inner ? ' con un documento firmato all’interno' : ''}.`);
        parts.push(part);
      }
      return saveIntoFolder(ctx, req.folder, parts.map((p) => ({ name: p.filename, content: p.content })), req.overwrite);
    },

    async openAttachment(req) {
      const loaded = await loadMessage(ctx, req.ref);
      if (!loaded.ok) return loaded;
      const part = resolvePart(loaded.value, req.partId, req.inner);
      if (!part) return fail('not-found', `Il messaggio non ha la parte ${req.partId}.`);
      const name = sanitizeFileName(part.filename);
      // Checked before anything else, in the browser build too: the renderer offers to save instead,
      // saying why (items[0] is the reason, for its message).
      const risk = await openRisk(part.filename, part.content);
      if (risk) return fail('denied', `${name} could run programs on this computer (${describeRisk(risk)}): save it and check it before opening.`, [risk.reason satisfies OpenRiskReason, risk.reason === 'program-name' ? risk.extension : '']);
      if (!ctx.host.openWithSystem) return fail('unsupported', 'Opening files with the system is available in the desktop app.');
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
