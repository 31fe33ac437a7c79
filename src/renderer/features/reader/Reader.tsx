// The reader: a PEC envelope opens on the ORIGINAL message (postacert.eml) with the real sender;
// the provider's cover, the daticert data and the signature verdict are one click away
// ("Dettagli PEC"). A receipt shows what it certifies and the sent message it belongs to.
import { useEffect, useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageRef, MessageView } from '../../../shared/api-values';
import { api } from '../../api';
import { Icon } from '../../components/Icon';
import { KindBadge } from '../../components/PecBadges';
import { levelOfSignature, TrustBadge } from '../../components/TrustBadge';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { formatFullDate } from '../../i18n/format';
import { useReplyActions } from '../composer/useReplyActions';
import { Annotations } from '../organize/Annotations';
import { AttachmentList } from './AttachmentBar';
import { Deliveries } from './Deliveries';
import { MessageFrame } from './MessageFrame';
import { CorrespondentLinks } from './CorrespondentLinks';
import { PecDetails } from './PecDetails';
import { SaveDialog, type SaveRequest } from './SaveDialog';
import { frameDocument, sanitizeMessageHtml, textToHtml } from './sanitize';
import { useOpenLink } from './useOpenLink';

/** Identity of a ref, for hook dependencies. */
export function refKey(ref: MessageRef): string {
  return 'messageId' in ref ? `m${ref.messageId}` : `f${ref.fileId}`;
}

/** Loads and shows one message. */
export function Reader({ messageRef }: { messageRef: MessageRef }): ReactElement {
  const { t } = useTranslation();
  const key = refKey(messageRef);
  const query = useApiQuery(() => api.getMessage({ ref: messageRef }), [key], ['messages', 'receipts']);
  if (query.error) return <div className="reader pane-empty notice-bad">{apiErrorText(t, query.error)}</div>;
  if (!query.data) return <div className="reader pane-empty">{t('common.loading')}</div>;
  return <MessageReader key={key} view={query.data} reload={query.reload} />;
}

function MessageReader({ view, reload }: { view: MessageView; reload(): void }): ReactElement {
  const { t } = useTranslation();
  const [showDetails, setShowDetails] = useState(false);
  const [saveRequest, setSaveRequest] = useState<SaveRequest | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [remoteImages, setRemoteImages] = useState<Record<string, string | null> | null>(null);
  const openLink = useOpenLink();
  const reply = useReplyActions();

  const isReceipt = view.kind === 'receipt';
  const isPec = view.kind !== 'ordinary';
  const shown = isReceipt ? null : view.original;
  const body = shown?.body ?? view.cover.body;
  const from = shown?.from ?? view.cover.from;

  const doc = useMemo(
    () =>
      body.html
        ? sanitizeMessageHtml(body.html, remoteImages)
        : { srcdoc: frameDocument(textToHtml(body.text ?? '')), remoteUrls: [] as string[] },
    [body, remoteImages],
  );

  useEffect(() => {
    if ('messageId' in view.ref && !view.seen) void api.setSeen({ messageIds: [view.ref.messageId], seen: true });
  }, [view.ref, view.seen]);

  const remoteUrls = doc.remoteUrls;
  useEffect(() => {
    if (!view.remoteContentAllowed || remoteImages !== null || remoteUrls.length === 0) return;
    void api.fetchRemoteImages({ ref: view.ref, urls: remoteUrls }).then((res) => setRemoteImages(res.ok ? res.value : {}));
  }, [view.remoteContentAllowed, view.ref, remoteUrls, remoteImages]);

  const allowRemote = (scope: 'message' | 'sender') => {
    void api.allowRemoteContent({ ref: view.ref, scope }).then((res) => (res.ok ? reload() : setNotice({ tone: 'bad', text: apiErrorText(t, res.error) })));
  };

  const addContact = () => {
    void api.addContactFromMessage({ ref: view.ref }).then((res) =>
      setNotice(res.ok ? { tone: 'ok', text: t('contacts.added', { address: res.value.address }) } : { tone: 'bad', text: apiErrorText(t, res.error) }),
    );
  };

  // A file opened from disk lives only in memory until the user keeps it (listed in "Importati" then).
  const keepFile = (fileId: string) => {
    void api.keepOpenedFile({ fileId }).then((res) =>
      setNotice(res.ok ? { tone: 'ok', text: t(res.value.created ? 'keeping.kept' : 'keeping.keptAlready') } : { tone: 'bad', text: apiErrorText(t, res.error) }),
    );
  };

  // The desktop app prints (or saves the PDF) from the main process; the browser build opens the
  // print view in a tab of its own and prints from there (the browser's "Salva come PDF").
  const print = (messageId: number, pdf: boolean) => {
    void api.printMessage({ messageId, pdf }).then((res) => {
      if (res.ok) return res.value.kind === 'saved' && setNotice({ tone: 'ok', text: t('keeping.print.saved', { path: res.value.path }) });
      // Not noopener: the new tab of this same page gets a copy of its session (the bridge's token).
      if (res.error.code === 'unsupported') window.open(`${location.pathname}${location.search}#print/${messageId}`, '_blank');
      else setNotice({ tone: 'bad', text: apiErrorText(t, res.error) });
    });
  };

  const subject = shown?.subject ?? view.cover.subject;
  return (
    <article className="reader" data-testid="reader" data-kind={view.kind}>
      <header className="reader-header">
        <div className="reader-title">
          <KindBadge row={{ kind: view.kind, receiptType: view.receipt?.type ?? null }} />
          <h1 data-testid="reader-subject">{subject || t('message.noSubject')}</h1>
        </div>
        <div className="reader-actions">
          {!isReceipt && (
            <>
              <button type="button" onClick={() => reply(view.ref, 'reply')} title={t('actions.reply')}>
                <Icon name="reply" /> <span>{t('actions.reply')}</span>
              </button>
              <button type="button" onClick={() => reply(view.ref, 'replyAll')} title={t('actions.replyAll')}>
                <Icon name="replyAll" /> <span>{t('actions.replyAll')}</span>
              </button>
            </>
          )}
          <button type="button" onClick={() => reply(view.ref, 'forward')} title={t('actions.forward')}>
            <Icon name="forward" /> <span>{t('actions.forward')}</span>
          </button>
          {(shown?.attachments.length ?? 0) > 0 && (
            <button type="button" onClick={() => reply(view.ref, 'forwardAttachments')} title={t('actions.forwardAttachments')}>
              <Icon name="clip" /> <span>{t('actions.forwardAttachments')}</span>
            </button>
          )}
          <button type="button" onClick={addContact} title={t('actions.addContact')}>
            <Icon name="userPlus" /> <span>{t('actions.addContact')}</span>
          </button>
          <button type="button" onClick={() => setSaveRequest({ ref: view.ref, wholeMessage: true, label: t('actions.saveEmlTitle') })} title={t('actions.saveEmlHint')} data-testid="save-eml">
            <Icon name="save" /> <span>{t('actions.saveEml')}</span>
          </button>
          {'messageId' in view.ref && (
            <>
              <button type="button" onClick={() => 'messageId' in view.ref && print(view.ref.messageId, false)} title={t('keeping.print.printHint')} data-testid="print-message">
                <Icon name="file" /> <span>{t('keeping.print.print')}</span>
              </button>
              <button type="button" onClick={() => 'messageId' in view.ref && print(view.ref.messageId, true)} title={t('keeping.print.pdfHint')} data-testid="save-pdf">
                <Icon name="save" /> <span>{t('keeping.print.pdf')}</span>
              </button>
            </>
          )}
          {'fileId' in view.ref && (
            <button type="button" onClick={() => 'fileId' in view.ref && keepFile(view.ref.fileId)} title={t('keeping.keepHint')} data-testid="keep-opened">
              <Icon name="save" /> <span>{t('keeping.keep')}</span>
            </button>
          )}
          {isPec && (
            <button type="button" className={showDetails ? 'toggled' : ''} aria-pressed={showDetails} onClick={() => setShowDetails(!showDetails)} data-testid="pec-details-toggle">
              <Icon name="info" /> <span>{t('details.title')}</span>
            </button>
          )}
        </div>
        <dl className="reader-meta">
          <dt>{t('message.from')}</dt>
          <dd data-testid="reader-from">
            <CorrespondentLinks mailboxes={[from]} />
          </dd>
          <dt>{t('message.to')}</dt>
          <dd>
            <CorrespondentLinks mailboxes={shown?.to ?? view.cover.to} />
          </dd>
          {(shown?.cc ?? []).length > 0 && (
            <>
              <dt>{t('message.cc')}</dt>
              <dd>
                <CorrespondentLinks mailboxes={shown?.cc ?? []} />
              </dd>
            </>
          )}
          <dt>{t('message.date')}</dt>
          <dd>{formatFullDate(shown?.date ?? view.cover.date)}</dd>
        </dl>
        {isPec && (
          <p className={`pec-banner pec-banner-${view.kind}`} data-testid="pec-banner">
            <Icon name={view.kind === 'anomaly' ? 'warning' : 'shield'} />{' '}
            {view.kind === 'envelope' && t('banner.envelope', { provider: view.cover.from?.address ?? '' })}
            {view.kind === 'anomaly' && t('banner.anomaly')}
            {isReceipt && view.receipt && t('banner.receipt', { type: t(`receipt.long.${view.receipt.type}`) })}{' '}
            <span className="pec-banner-trust">
              {t('trust.signature')} <TrustBadge level={view.trust?.level ?? levelOfSignature(view.signature)} />
            </span>
          </p>
        )}
        {(view.receiptProblems ?? []).length > 0 && (
          <p className="not-proof" data-testid="receipt-problems">
            {t('trust.notProofShort')}: {view.receiptProblems?.map((p) => t(`trust.problem.${p}`)).join('; ')}
          </p>
        )}
      </header>
      {'messageId' in view.ref && <Annotations messageId={view.ref.messageId} />}
      {notice && (
        <p className={`notice notice-${notice.tone}`} role="status" onClick={() => setNotice(null)}>
          {notice.text}
        </p>
      )}
      {isReceipt && view.receipt && (
        <section className="receipt-summary" data-testid="receipt-summary">
          <dl>
            <dt>{t('details.type')}</dt>
            <dd>{t(`receipt.long.${view.receipt.type}`)}</dd>
            {view.receipt.deliveredTo && (
              <>
                <dt>{t('details.deliveredTo')}</dt>
                <dd>{view.receipt.deliveredTo}</dd>
              </>
            )}
            <dt>{t('details.time')}</dt>
            <dd>{formatFullDate(view.receipt.timestamp)}</dd>
            <dt>{t('details.issuer')}</dt>
            <dd>{view.receipt.issuer ?? ''}</dd>
            {view.receipt.errorDetail && (
              <>
                <dt>{t('details.error')}</dt>
                <dd className="bad">{view.receipt.errorDetail}</dd>
              </>
            )}
          </dl>
        </section>
      )}
      {view.sentMessageId !== null && <Deliveries sentMessageId={view.sentMessageId} />}
      {showDetails && <PecDetails view={view} onSave={setSaveRequest} onError={(text) => setNotice({ tone: 'bad', text })} />}
      {shown && (
        <AttachmentList
          messageRef={view.ref}
          attachments={shown.attachments}
          onSave={setSaveRequest}
          onError={(text) => setNotice({ tone: 'bad', text })}
          allowSaveAll
          testId="attachments"
        />
      )}
      {remoteUrls.length > 0 && !view.remoteContentAllowed && (
        <div className="notice notice-warn remote-banner" data-testid="remote-banner">
          <span>{t('remote.blocked', { count: remoteUrls.length })}</span>
          <button type="button" className="link-button" onClick={() => allowRemote('message')}>
            {t('remote.allowMessage')}
          </button>
          {from && (
            <button type="button" className="link-button" onClick={() => allowRemote('sender')}>
              {t('remote.allowSender', { address: from.address })}
            </button>
          )}
        </div>
      )}
      <MessageFrame srcdoc={doc.srcdoc} title={subject} onLink={openLink} />
      {saveRequest && <SaveDialog request={saveRequest} onClose={() => setSaveRequest(null)} />}
    </article>
  );
}
