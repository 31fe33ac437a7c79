// What to do with a file the main process produced (export, import report): in the desktop app it
// is already saved where the user chose; in the browser build the bytes arrive and are downloaded.
import type { FileOutput } from '../../shared/api-contacts';

/** Downloads a FileOutput's bytes in the browser; returns the path saved in the app, or null. */
export function receiveFile(output: FileOutput): string | null {
  if (output.kind !== 'download') return output.kind === 'saved' ? output.path : null;
  const bytes = Uint8Array.from(atob(output.dataBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: output.contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = output.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return output.filename;
}
