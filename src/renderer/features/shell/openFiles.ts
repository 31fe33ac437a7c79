// Opening .eml files and signed .p7m documents from disk (File ▸ Open, drag and drop): parsed by the
// main process without importing them, shown in a tab with the original first like any stored PEC.
import type { TFunction } from 'i18next';
import type { OpenedFile } from '../../../shared/api-values';
import { api } from '../../api';
import { apiErrorText } from '../../i18n/api-error';

/** A browser File's bytes as base64, for API methods that take uploads. */
export async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Sends browser File objects to the main process; returns the parsed files and the errors, worded by `t`. */
export async function openBrowserFiles(t: TFunction, files: File[]): Promise<{ opened: OpenedFile[]; errors: string[] }> {
  const opened: OpenedFile[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const res = await api.openEml({ name: file.name, dataBase64: await toBase64(file) });
    if (res.ok) opened.push(res.value);
    else errors.push(`${file.name}: ${apiErrorText(t, res.error)}`);
  }
  return { opened, errors };
}

/** Whether a dragged item looks like a message file or a signed .p7m document (opened the same way). */
export function isMessageFile(file: File): boolean {
  return /\.(eml|msg|p7m)$/i.test(file.name) || file.type === 'message/rfc822';
}
