// A basic composer tab: account, To/Cc (no Bcc: PEC forbids it, RFC 6109 §3.1.1), subject,
// requested receipt type, HTML body with the account's signature, attachments. The bulk-send
// work extends this later; here it sends one message through the account's SMTP. What is typed
// is autosaved as a draft (features/drafts), which the sent message then removes.
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, ApiInput } from '../../../shared/api';
import type { CheckReport } from '../../../shared/api-send-values';
import type { ComposerDraft } from '../../../shared/api-drafts';
import { api } from '../../api';
import { AccountSelect } from '../../components/AccountSelect';
import { lookalikeAddresses } from '../../components/AddressDomainNotes';
import { AddressInput } from '../../components/AddressInput';
import { Icon } from '../../components/Icon';
import { RichTextToolbar } from '../../components/RichTextToolbar';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { sanitizeForEditor } from '../reader/sanitize';
import { useWorkspace } from '../workspace/workspace';
import type { ReceiptVariant } from '../../../shared/pec';
import { CheckPanel } from '../campaign/CheckPanel';
import { submissionFailureText } from '../campaign/failure-text';
import { DraftControls } from '../drafts/DraftControls';
import { useDraftAutosave } from '../drafts/useDraftAutosave';
import { AttachButton, AttachmentChip } from './AttachmentChips';
import { fieldErrorsOfRefusal, fieldErrorsOfReport, type ComposerField, type FieldErrors } from './field-errors';
import { ReceiptVariantField } from './ReceiptVariantField';
import { followSend } from './send-outcome';
import type { Upload } from './upload';

function splitAddresses(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

/** The composer of one tab. */
export function Composer({ tabId, draft }: { tabId: string; draft: ComposerDraft }): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const accounts = useApiQuery(() => api.listAccounts({}), [], ['accounts']);
  const [accountId, setAccountId] = useState<string | null>(draft.accountId);
  const [to, setTo] = useState(draft.to.join(', '));
  const [cc, setCc] = useState(draft.cc.join(', '));
  const [subject, setSubject] = useState(draft.subject);
  const [variant, setVariant] = useState<ReceiptVariant>(draft.receiptVariant ?? 'completa');
  const [carried, setCarried] = useState(draft.attachments);
  const [uploads, setUploads] = useState<Upload[]>(draft.uploads ?? []);
  const [status, setStatus] = useState<{ tone: 'ok' | 'bad' | 'info'; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [report, setReport] = useState<CheckReport | null>(null);
  const editor = useRef<HTMLDivElement>(null);

  // A report speaks of the message as it was checked: a change of recipients, subject or files asks for a new check.
  useEffect(() => setReport(null), [to, cc, subject, carried, uploads]);

  const account = useMemo(() => accounts.data?.find((a) => a.id === accountId) ?? accounts.data?.[0] ?? null, [accounts.data, accountId]);

  useEffect(() => {
    if (!accountId && account) setAccountId(account.id);
  }, [account, accountId]);

  // The body is set once: the signature of the account chosen first, then the quoted original.
  const initialised = useRef(false);
  useEffect(() => {
    if (initialised.current || !editor.current || accounts.loading) return;
    initialised.current = true;
    // A saved draft already holds its signature and quote: it opens as it was left.
    if (draft.draftId) {
      editor.current.innerHTML = sanitizeForEditor(draft.html);
      return;
    }
    // Each piece sanitised on its own, so the wrapper we add keeps its class while the mail loses its own.
    const signature = account?.signatureHtml ? `<div class="signature">${sanitizeForEditor(account.signatureHtml)}</div>` : '';
    const lead = draft.lead === undefined ? '<p><br></p>' : sanitizeForEditor(draft.lead);
    editor.current.innerHTML = `${lead}${signature}${sanitizeForEditor(draft.html)}`;
  }, [account, accounts.loading, draft.html, draft.draftId, draft.lead]);

  const payload = (accountId: string): ApiInput<'sendMessage'> => ({
    accountId,
    to: splitAddresses(to),
    cc: splitAddresses(cc),
    subject,
    html: editor.current?.innerHTML ?? '',
    inReplyTo: draft.inReplyTo,
    references: draft.references,
    receiptVariant: variant,
    attachments: [...carried.map((a) => ({ ref: a.ref, partId: a.partId })), ...uploads.map(({ size: _size, ...u }) => u)],
  });

  // The body as last typed, for the save made when the tab closes (the editor is gone by then).
  const typedBody = useRef<string | null>(null);
  const saver = useDraftAutosave(draft.draftId ?? null, () => ({
    accountId: account?.id ?? null,
    to: splitAddresses(to),
    cc: splitAddresses(cc),
    subject,
    html: editor.current?.innerHTML ?? typedBody.current ?? draft.html,
    inReplyTo: draft.inReplyTo,
    references: draft.references,
    receiptVariant: variant,
    attachments: [...carried.map((a) => ({ ref: a.ref, partId: a.partId })), ...uploads.map(({ size: _size, ...u }) => u)],
  }));
  /** A field changed: set it and let the draft follow. */
  const edit = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    saver.changed();
  };

  /** A refused request: its issues under the fields they name, or the failure when none is named. */
  const refused = (error: ApiError) => {
    const typed = { to: splitAddresses(to), cc: splitAddresses(cc) };
    // The fields are read from the raw message (the dispatcher's fixed wording), not the shown text.
    const errors = fieldErrorsOfRefusal(error.message, typed, t);
    setFieldErrors(errors ?? {});
    setStatus({ tone: 'bad', text: errors ? t('sendCheck.fixFields') : apiErrorText(t, error) });
  };

  // The checks first (send/checks.ts, as for a bulk send): errors block, warnings ask for confirmation.
  const check = async () => {
    if (!account) {
      setStatus({ tone: 'bad', text: t('composer.noAccount') });
      return;
    }
    // The main process refuses them too (the request schema); saying it here names the field's notes.
    if (lookalikeAddresses(`${to},${cc}`).length) {
      setStatus({ tone: 'bad', text: t('addressCheck.blocked') });
      return;
    }
    setSending(true);
    setStatus({ tone: 'info', text: t('sendCheck.checking') });
    const res = await api.checkMessage(payload(account.id));
    setSending(false);
    if (!res.ok) {
      refused(res.error);
      return;
    }
    const errors = fieldErrorsOfReport(res.value, { to: splitAddresses(to), cc: splitAddresses(cc) }, t);
    setFieldErrors(errors);
    if (res.value.findings.some((f) => f.severity !== 'info')) {
      setStatus(Object.keys(errors).length ? { tone: 'bad', text: t('sendCheck.fixFields') } : null);
      setReport(res.value);
      return;
    }
    await send();
  };

  // A tab closed while its message waits in the queue stops hearing of it; the queue goes on.
  const outcomeRef = useRef<ReturnType<typeof followSend> | null>(null);
  useEffect(() => () => outcomeRef.current?.detach(), []);

  const send = async () => {
    if (!account) return;
    setReport(null);
    setSending(true);
    setStatus({ tone: 'info', text: t('composer.sending') });
    // The save in flight finishes first, so the message names the draft it removes once sent.
    const draftId = await saver.settle();
    const res = await api.sendMessage({ ...payload(account.id), draftId });
    if (res.ok && res.value.sentMessageId !== null) {
      // Enqueued: the tab may close now (the queue sends it whatever happens), but it waits for the
      // provider's answer, so a refusal is read here and the message can be fixed and sent again.
      setStatus({ tone: 'info', text: t('singleSend.composer.queued') });
      outcomeRef.current = followSend(res.value.sentMessageId, (view) => {
        // A failure with values is worded whole in the window's language (it says what to do); words
        // stored before values existed go inside the sentence, as they came.
        const reason = submissionFailureText(t, view);
        if (reason && (view.state === 'queued' || view.state === 'retry' || view.state === 'paused')) {
          setStatus({ tone: 'info', text: view.reasonText ? reason : t('singleSend.composer.waiting', { error: reason }) });
        }
        if (view.state === 'submitted') {
          setSending(false);
          setStatus({ tone: 'ok', text: t('composer.sent') });
          setTimeout(() => ws.close(tabId), 1200);
        }
        if (view.state === 'failed' || view.state === 'cancelled') {
          // Its draft went when it was enqueued: the text stays here, to be fixed and sent again.
          setSending(false);
          setStatus({ tone: 'bad', text: view.reasonText && reason ? reason : t('singleSend.composer.failed', { error: reason ?? t(`singleSend.state.${view.state}`) }) });
        }
      });
      return;
    }
    setSending(false);
    saver.resume();
    if (!res.ok && res.error.code === 'invalid-request') refused(res.error);
    else setStatus({ tone: 'bad', text: res.ok ? t('singleSend.state.failed') : apiErrorText(t, res.error) });
  };

  /** The error under a field, announced to screen readers. */
  const errorOf = (field: ComposerField) =>
    fieldErrors[field] ? (
      <em className="field-error" role="alert" data-testid={`${field}-error`}>
        {fieldErrors[field]}
      </em>
    ) : null;

  return (
    <form
      className="composer"
      data-testid="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void check();
      }}
    >
      <div className="composer-fields">
        <label>
          <span>{t('composer.from')}</span>
          <AccountSelect accounts={accounts.data} value={account?.id ?? ''} onChange={edit(setAccountId)} />
        </label>
        <label>
          <span>{t('message.to')}</span>
          <AddressInput name="to" value={to} onChange={edit(setTo)} required />
          {errorOf('to')}
        </label>
        <label>
          <span>{t('message.cc')}</span>
          <AddressInput name="cc" value={cc} onChange={edit(setCc)} />
          {errorOf('cc')}
        </label>
        <label>
          <span>{t('message.subject')}</span>
          <input name="subject" value={subject} onChange={(e) => edit(setSubject)(e.target.value)} />
          {errorOf('subject')}
        </label>
        <ReceiptVariantField value={variant} onChange={edit(setVariant)} />
      </div>
      <div className="composer-attachments">
        {carried.map((a) => (
          <AttachmentChip key={`${a.partId}`} filename={a.filename} size={a.size} onRemove={() => edit(setCarried)(carried.filter((x) => x !== a))} />
        ))}
        {uploads.map((u) => (
          <AttachmentChip key={u.filename} filename={u.filename} size={u.size} onRemove={() => edit(setUploads)(uploads.filter((x) => x !== u))} />
        ))}
        <AttachButton
          onFiles={(read) => {
            setUploads((old) => [...old, ...read]);
            saver.changed();
          }}
        />
        {errorOf('attachments')}
      </div>
      <RichTextToolbar editor={editor} />
      {draft.missing && draft.missing.length > 0 && (
        <p className="notice notice-warn" role="status" data-testid="template-missing">
          {t('drafts.template.missing', { names: draft.missing.map((m) => `{{${m}}}`).join(', ') })}
        </p>
      )}
      <div
        className="composer-body"
        ref={editor}
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={t('composer.body')}
        onInput={(e) => {
          typedBody.current = e.currentTarget.innerHTML;
          saver.changed();
        }}
      />
      {report && <CheckPanel report={report} sending={sending} single onSend={() => void send()} onClose={() => setReport(null)} />}
      <footer className="composer-footer">
        {status && (
          <span className={`notice notice-${status.tone}`} role="status">
            {status.text}
          </span>
        )}
        <DraftControls saver={saver} disabled={sending} onDiscarded={() => ws.close(tabId)} />
        <button type="submit" className="primary" disabled={sending}>
          <Icon name="send" /> {t('composer.send')}
        </button>
      </footer>
    </form>
  );
}
