// Images the composer holds as data: URIs (a pasted picture, the logo of the account's
// signature) go out as inline parts referenced by cid: (RFC 2392) inside multipart/related
// (RFC 2387). Outlook, Gmail and most webmails drop data: images from received HTML, so a
// signature logo sent as a data: URI would arrive as a broken image.
//
// nodemailer converts data: images only in its transport pipeline (attachDataUrls), not in the
// MailComposer we build the exact bytes with, so the conversion is done here, once per distinct
// image: a logo repeated in the body and the signature travels once.
import { createHash } from 'node:crypto';

/** An image to embed: what MailComposer takes as an attachment with a Content-ID. */
export interface InlineImage {
  cid: string;
  filename: string;
  content: Buffer;
  contentType: string;
  contentDisposition: 'inline';
}

// <img … src="data:image/png;base64,…">, quoted or not. The attribute scan is bounded, so a
// long tag cannot make the search quadratic; only base64 images are taken (the browser's editor
// and DOMPurify produce nothing else, and write no white space inside the URI).
const DATA_IMAGE = /(<img\b[^<>]{0,2048}?\ssrc\s{0,8}=\s{0,8}["']?)data:(image\/[a-z0-9.+-]{1,64});base64,([a-z0-9+/=]+)(?=["'\s>])/gi;

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/svg+xml': 'svg', 'image/x-icon': 'ico' };

function extensionOf(contentType: string): string {
  return EXTENSIONS[contentType] ?? (contentType.slice('image/'.length).replace(/[^a-z0-9]/g, '') || 'img');
}

/**
 * Replaces each data: image of `html` by a cid: reference and returns the parts to embed.
 * Content-IDs are built on the message's own id, so they are unique to the message.
 */
export function inlineDataImages(html: string, messageId: string): { html: string; images: InlineImage[] } {
  const byHash = new Map<string, InlineImage>();
  const replaced = html.replace(DATA_IMAGE, (match, prefix: string, type: string, base64: string) => {
    const content = Buffer.from(base64, 'base64');
    if (content.length === 0) return match;
    const contentType = type.toLowerCase();
    const hash = createHash('sha256').update(contentType).update(content).digest('hex');
    let image = byHash.get(hash);
    if (!image) {
      const n = byHash.size + 1;
      image = { cid: `img${n}.${messageId}`, filename: `immagine-${n}.${extensionOf(contentType)}`, content, contentType, contentDisposition: 'inline' };
      byHash.set(hash, image);
    }
    return `${prefix}cid:${image.cid}`;
  });
  return { html: replaced, images: [...byHash.values()] };
}
