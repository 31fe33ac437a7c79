// Migration 6, for the bulk-send domain (issue #6, "templates"): a template is the message of a
// campaign kept under a name (subject, bodies, files, receipt variant, zip option) without
// recipients, so a new campaign can start from it. Kept apart from campaigns so the engine, the
// campaign list and the evidence never meet one. The send domain is the only writer.
export const schemaSendTemplatesV6 = `
CREATE TABLE campaign_templates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT,
  body_html TEXT,
  -- X-TipoRicevuta (RFC 6109) the new campaign will ask for.
  receipt_variant TEXT NOT NULL DEFAULT 'completa' CHECK (receipt_variant IN ('completa', 'breve', 'sintetica')),
  zip_attachments INTEGER NOT NULL DEFAULT 0 CHECK (zip_attachments IN (0, 1)),
  created_at TEXT NOT NULL
);

-- The files of a template as given (never the zip: each campaign makes its own from these).
CREATE TABLE campaign_template_attachments (
  id INTEGER PRIMARY KEY,
  template_id INTEGER NOT NULL REFERENCES campaign_templates(id) ON DELETE CASCADE,
  filename TEXT NOT NULL,
  content_type TEXT,
  content BLOB NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64)
);
CREATE INDEX campaign_template_attachments_template ON campaign_template_attachments(template_id);
`;
