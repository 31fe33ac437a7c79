// Recipients as the bulk composer collects them: typed, pasted (one a line, from a spreadsheet or
// a mail program); the engine keeps each address once (send/draft-recipients.ts).
import type { CampaignRecipientView } from '../../../shared/api-send';

const ADDRESS = /[^\s<>;,"']+@[^\s<>;,"']+\.[^\s<>;,"']+/;

/**
 * Reads pasted text: one recipient a line, "Name <address>", "address;Name" or "address<TAB>Name"
 * (a row copied from a spreadsheet); a line without an address is skipped.
 */
export function parsePasted(text: string): CampaignRecipientView[] {
  const out: CampaignRecipientView[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = ADDRESS.exec(line);
    if (!match) continue;
    const rest = (line.slice(0, match.index) + line.slice(match.index + match[0].length)).replace(/[<>"';,\t]+/g, ' ').trim();
    out.push({ address: match[0].toLowerCase(), name: rest || null, contactId: null, fields: {} });
  }
  return out;
}

/** Typed addresses (comma or semicolon separated, as AddressInput writes them). */
export function parseTyped(text: string): CampaignRecipientView[] {
  return text
    .split(/[,;\s]+/)
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean)
    .map((address) => ({ address, name: null, contactId: null, fields: {} }));
}
