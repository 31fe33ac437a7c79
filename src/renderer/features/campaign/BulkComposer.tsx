// The bulk-send composer tab (issue #6): From, recipients (typed, pasted, from groups), subject,
// HTML body with the account's signature, attachments with "comprimi allegati in zip", receipt
// type, {{placeholders}} with a per-recipient preview. The draft is saved by itself a moment after
// each change; its recipient list lives in the engine and is edited there as it changes
// (RecipientsEditor), so the tab holds only its count and the rows in view. "Verifica" shows the
// pre-send report and the confirmation, where "Invia" starts.
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiInput } from '../../../shared/api';
import type { CampaignDetail, CheckReport } from '../../../shared/api-send-values';
import type { ReceiptVariant } from '../../../shared/pec';
import { api } from '../../api';
import { AccountSelect } from '../../components/AccountSelect';
import { Dialog } from '../../components/Dialog';
import { RichTextToolbar } from '../../components/RichTextToolbar';
import { Icon } from '../../components/Icon';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { AttachButton, AttachmentChip } from '../composer/AttachmentChips';
import { ReceiptVariantField } from '../composer/ReceiptVariantField';
import type { Upload } from '../composer/upload';
import { sanitizeForEditor } from '../reader/sanitize';
import { useWorkspace } from '../workspace/workspace';
import { CheckPanel } from './CheckPanel';
import { PreviewPanel } from './PreviewPanel';
import { RecipientsEditor } from './RecipientsEditor';
import { SaveTemplateButton } from './SaveTemplateButton';
import './campaign.css';

/** A file of the draft: newly chosen (bytes here) or already saved with it (by id). */
type DraftFile = { filename: string; size: number } & ({ upload: Upload } | { keep: number });

// Save a moment after the user stops typing, not on every keystroke.
const AUTOSAVE_MS = 800;
/** The bulk composer of one tab; campaignId null starts a new draft. */
export function BulkComposer({ tabId, campaignId: initialId }: { tabId: string; campaignId: number | null }): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const accounts = useApiQuery(() => api.listAccounts({}), [], ['accounts']);
  const [campaignId, setCampaignId] = useState(initialId);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [recipientTotal, setRecipientTotal] = useState(0);
  const [subject, setSubject] = useState('');
  const [variant, setVariant] = useState<ReceiptVariant>('completa');
  const [zip, setZip] = useState(false);
  const [cc, setCc] = useState('');
  const [files, setFiles] = useState<DraftFile[]>([]);
  const [edits, setEdits] = useState(0);
  const [savedVersion, setSavedVersion] = useState(0);
  // `saved` marks the "Bozza salvata." line, which the next change takes away: it is true only of the text on screen.
  const [status, setStatus] = useState<{ tone: 'ok' | 'bad' | 'info'; text: string; saved?: true } | null>(null);
  const [report, setReport] = useState<CheckReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [showPreview, setShowPreview] = useState(false);
  const editor = useRef<HTMLDivElement>(null);
  const ready = useRef(false);
  const saving = useRef<Promise<number | null>>(Promise.resolve(initialId));
  /** Changes made so far, read by a save as it answers: one made meanwhile is not saved yet. */
  const editCount = useRef(0);
  const changed = useCallback(() => {
    if (!ready.current) return;
    editCount.current++;
    setEdits((n) => n + 1);
    setStatus((s) => (s?.saved ? null : s));
  }, []);

  const account = accounts.data?.find((a) => a.id === accountId) ?? accounts.data?.[0] ?? null;

  // Fill the form once: a saved draft as it was, or a new one with the signature of the first account.
  useEffect(() => {
    if (ready.current || accounts.loading || !editor.current) return;
    const el = editor.current;
    if (initialId === null) {
      const signature = account?.signatureHtml ? `<div class="signature">${account.signatureHtml}</div>` : '';
      el.innerHTML = sanitizeForEditor(`<p><br></p>${signature}`);
      setAccountId(account?.id ?? null);
      ready.current = true;
      return;
    }
    void Promise.all([api.campaignGet({ id: initialId }), api.campaignDraftRecipientsCount({ id: initialId })]).then(([detail, count]) => {
      if (!detail.ok) return setStatus({ tone: 'bad', text: apiErrorText(t, detail.error) });
      const d = detail.value;
      setAccountId(d.accountId === null ? null : String(d.accountId));
      setSubject(d.subject);
      setVariant(d.receiptVariant);
      setZip(d.zipAttachments);
      setCc(d.cc.join(', '));
      setFiles(keptFiles(d));
      if (count.ok) setRecipientTotal(count.value.total);
      el.innerHTML = sanitizeForEditor(d.html ?? '');
      ready.current = true;
    });
  }, [accounts.loading, account, initialId]);

  const save = useCallback((): Promise<number | null> => {
    const accountToUse = account?.id ?? null;
    const carried = editCount.current;
    saving.current = saving.current.then(async (id) => {
      if (!accountToUse) return id;
      const draft: ApiInput<'campaignCreate'> = {
        accountId: accountToUse,
        subject,
        html: editor.current?.innerHTML ?? '',
        attachments: files.map((f) => ('keep' in f ? { keep: f.keep } : { filename: f.upload.filename, contentType: f.upload.contentType, dataBase64: f.upload.dataBase64 })),
        receiptVariant: variant,
        zipAttachments: zip,
        cc: splitAddresses(cc),
      };
      const res = id === null ? await api.campaignCreate(draft) : await api.campaignUpdate({ id, draft });
      if (!res.ok) {
        setStatus({ tone: 'bad', text: apiErrorText(t, res.error) });
        return id;
      }
      // Files just uploaded are now in the draft: later saves refer to them instead of sending the bytes again.
      setFiles((old) => (old.length === res.value.attachments.length ? keptFiles(res.value) : old));
      setCampaignId(res.value.id);
      setSavedVersion((v) => v + 1);
      if (editCount.current === carried) setStatus({ tone: 'info', text: t('campaign.saved'), saved: true });
      return res.value.id;
    });
    return saving.current;
  }, [account, subject, files, variant, zip, cc, t]);

  useEffect(() => {
    if (edits === 0) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [edits, save]);

  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    changed();
  };

  const verify = async () => {
    setBusy(true);
    const id = await save();
    const res = id === null ? null : await api.campaignCheck({ id });
    setBusy(false);
    if (!res) return setStatus({ tone: 'bad', text: t('composer.noAccount') });
    if (!res.ok) return setStatus({ tone: 'bad', text: apiErrorText(t, res.error) });
    setReport(res.value);
  };

  const start = async () => {
    if (campaignId === null) return;
    setBusy(true);
    const res = await api.campaignStart({ id: campaignId });
    setBusy(false);
    if (!res.ok) {
      setReport(null);
      setStatus({ tone: 'bad', text: apiErrorText(t, res.error) });
      // The blocking findings (the error's items) are the engine's Italian words: the check again
      // shows them in its panel, in the window's language.
      if (res.error.code === 'checks-failed') void verify();
      return;
    }
    ws.close(tabId);
    ws.openCampaign(campaignId, subject || t('campaign.title'));
  };

  return (
    <div className="composer bulk-composer" data-testid="bulk-composer">
      <div className="composer-fields">
        <label>
          <span>{t('composer.from')}</span>
          <AccountSelect name="bulk-account" accounts={accounts.data} value={account?.id ?? ''} onChange={edit(setAccountId)} />
        </label>
        <div className="bulk-recipients-field">
          <span>{t('campaign.recipients')}</span>
          <RecipientsEditor
            campaignId={campaignId}
            total={recipientTotal}
            ensureDraft={save}
            onTotal={(total) => {
              setRecipientTotal(total);
              // The preview's choice of recipient follows the list.
              setSavedVersion((v) => v + 1);
            }}
            onError={(text) => setStatus({ tone: 'bad', text })}
          />
        </div>
        <label>
          <span>{t('message.cc')}</span>
          <input name="bulk-cc" value={cc} placeholder={t('campaign.ccHint')} onChange={(e) => edit(setCc)(e.target.value)} />
        </label>
        <label>
          <span>{t('message.subject')}</span>
          <input name="bulk-subject" value={subject} onChange={(e) => edit(setSubject)(e.target.value)} />
        </label>
        <ReceiptVariantField name="bulk-variant" value={variant} onChange={edit(setVariant)} />
        <p className="muted bulk-hint">{t('campaign.placeholderHint', { nome: '{{nome}}', ragione_sociale: '{{ragione_sociale}}' })}</p>
      </div>
      <div className="composer-attachments">
        {files.map((f, i) => (
          <AttachmentChip key={`${f.filename}-${i}`} filename={f.filename} size={f.size} onRemove={() => edit(setFiles)(files.filter((x) => x !== f))} />
        ))}
        <AttachButton
          testId="bulk-attach"
          onFiles={(read) => edit(setFiles)([...files, ...read.map((upload) => ({ filename: upload.filename, size: upload.size, upload }))])}
        />
        <label className="bulk-zip">
          <input type="checkbox" name="bulk-zip" checked={zip} onChange={(e) => edit(setZip)(e.target.checked)} /> {t('campaign.zip')}
        </label>
      </div>
      <RichTextToolbar editor={editor} testId="bulk-toolbar" />
      <div
        className="composer-body"
        ref={editor}
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={t('composer.body')}
        onInput={changed}
      />
      {showPreview && campaignId !== null && <PreviewPanel campaignId={campaignId} version={savedVersion} />}
      <footer className="composer-footer">
        {status && (
          <span className={`notice notice-${status.tone} pre-line`} role="status">
            {status.text}
          </span>
        )}
        <SaveTemplateButton save={save} defaultName={subject} onStatus={setStatus} />
        <button type="button" disabled={campaignId === null} onClick={() => setShowPreview((v) => !v)}>
          <Icon name="eye" /> {t('campaign.preview')}
        </button>
        <button type="button" className="primary" disabled={busy || recipientTotal === 0} onClick={() => void verify()}>
          <Icon name="check" /> {t('campaign.verify')}
        </button>
      </footer>
      {report && (
        <Dialog title={t('campaign.checkTitle')} onClose={() => setReport(null)} wide>
          <CheckPanel report={report} sending={busy} onSend={() => void start()} onClose={() => setReport(null)} />
        </Dialog>
      )}
    </div>
  );
}

/** Cc addresses as typed, separated by commas, semicolons or spaces (the domain normalizes each). */
function splitAddresses(text: string): string[] {
  return text.split(/[,;\s]+/).filter(Boolean);
}

/** The files a saved draft holds, referred to by id. */
function keptFiles(detail: CampaignDetail): DraftFile[] {
  return detail.attachments.filter((a) => a.role === 'file').map((a) => ({ filename: a.filename, size: a.size, keep: a.id }));
}
