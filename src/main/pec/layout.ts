// Where the PEC pieces sit in a provider message (regole tecniche DM 2/11/2005 §7, RFC 6109 §3):
// multipart/signed → [ multipart/mixed → (text, daticert.xml, postacert.eml), smime.p7s ].
import { type MimePart, partFilename } from './mime';

/** The multipart/signed entity: the root, or a direct child of a multipart/mixed root (an envelope relayed by a mailing list). */
export function findSignedEntity(root: MimePart): MimePart | null {
  if (root.type === 'multipart/signed') return root;
  if (root.type === 'multipart/mixed') return root.children.find((c) => c.type === 'multipart/signed') ?? null;
  return null;
}

/** The entity holding the PEC parts: the signed content when signed, else the message itself. */
export function pecContainer(root: MimePart): MimePart {
  const signed = findSignedEntity(root);
  return signed && signed.children.length > 0 ? signed.children[0] : root;
}

function named(part: MimePart, filename: string): boolean {
  return partFilename(part)?.trim().toLowerCase() === filename;
}

/** daticert.xml: a direct part of the container, by name, else the first XML part. */
export function findDaticertPart(container: MimePart): MimePart | null {
  const parts = container.children;
  return parts.find((p) => named(p, 'daticert.xml')) ?? parts.find((p) => p.type === 'application/xml' || p.type === 'text/xml') ?? null;
}

/**
 * postacert.eml: a direct message/rfc822 part of the container. Aruba warns that webmails may
 * show it under the original subject instead of "postacert.eml", so the content type and the
 * position decide; the name only picks among several, or finds one sent with another type.
 */
export function findPostacertPart(container: MimePart): MimePart | null {
  const parts = container.children;
  const messages = parts.filter((p) => p.type === 'message/rfc822');
  return messages.find((p) => named(p, 'postacert.eml')) ?? messages[0] ?? parts.find((p) => named(p, 'postacert.eml')) ?? null;
}
