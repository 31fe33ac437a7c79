// A file the user attaches in the browser, read as base64 for the API (the ordinary composer and
// the bulk-send composer both send attachments this way).

/** An attachment read from a file input. */
export type Upload = { filename: string; contentType: string; dataBase64: string; size: number };

/** Reads a chosen file (in chunks: String.fromCharCode takes a bounded number of arguments). */
export async function readUpload(file: File): Promise<Upload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { filename: file.name, contentType: file.type || 'application/octet-stream', dataBase64: btoa(binary), size: file.size };
}
