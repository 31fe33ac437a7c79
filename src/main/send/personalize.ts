// Personalization: {{nome}}, {{ragione_sociale}}, {{comune}}… in the subject and bodies, filled from
// each recipient's own values (contact fields, imported columns). Keys are normalized the way the
// contacts domain normalizes field names ("Ragione Sociale" → ragione_sociale), so a template
// written with the column's label still finds the value. A placeholder with no value (or only
// blanks) is missing: the pre-send check lists it and nothing is sent, rather than a PEC opening
// with "Gentile ," that the recipient can hold as legally delivered.
import { normalizeFieldKey } from '../contacts';
import { escapeHtml } from '../../shared/escape-html';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The texts of a campaign that may hold placeholders. */
export interface TemplateParts {
  subject: string;
  text: string | null;
  html: string | null;
}

/** One recipient's rendering: the filled texts and the placeholders it had no value for. */
export interface Rendered extends TemplateParts {
  missing: string[];
}

/**
 * The values a recipient's placeholders read: its fields under normalized keys, and its display
 * name as {{nome}} when no field says otherwise. Prototype-less, so {{constructor}} finds nothing.
 */
export function placeholderValues(recipient: { name: string | null; fields: Record<string, string> }): Record<string, string> {
  const values = Object.create(null) as Record<string, string>;
  if (recipient.name?.trim()) values.nome = recipient.name.trim();
  for (const [key, value] of Object.entries(recipient.fields)) {
    const normalized = normalizeFieldKey(key);
    if (normalized && String(value ?? '').trim()) values[normalized] = String(value).trim();
  }
  return values;
}

function fill(template: string, values: Record<string, string>, missing: Set<string>, encode: (v: string) => string, keepMissing = false): string {
  return template.replace(PLACEHOLDER, (match, label: string) => {
    const key = normalizeFieldKey(label);
    const value = key ? values[key] : undefined;
    if (value === undefined) {
      missing.add(key || label);
      return keepMissing ? match : '';
    }
    return encode(value);
  });
}

/**
 * Fills a campaign's texts for one recipient: HTML-escaped in the HTML body, one line in the subject.
 * keepMissing leaves a placeholder without a value as written ({{comune}}), for a single message the
 * user still edits (the composer warns about it); a campaign blanks it and its check refuses to send.
 */
export function render(parts: TemplateParts, values: Record<string, string>, keepMissing = false): Rendered {
  const missing = new Set<string>();
  // A value with a line break must not end the Subject header (nodemailer encodes it, but the
  // recipient would see a subject cut in two).
  const subject = fill(parts.subject, values, missing, (v) => v.replace(/\s*[\r\n]+\s*/g, ' '), keepMissing);
  const text = parts.text === null ? null : fill(parts.text, values, missing, (v) => v, keepMissing);
  const html = parts.html === null ? null : fill(parts.html, values, missing, escapeHtml, keepMissing);
  return { subject, text, html, missing: [...missing] };
}
