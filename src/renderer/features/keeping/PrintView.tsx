// The print view of one stored message (`#print/<id>`): what a lawyer files on paper or as PDF.
// Its PEC facts (type, sender and real sender, date, what daticert.xml certifies, the verdict on
// the provider's signature), its text, and for a message the user sent every receipt with its
// verdict. The desktop app prints it or saves it as PDF from the main process; the browser build
// opens it in a tab and prints from there (the browser's "Salva come PDF").
import { useEffect, useState, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView, ReceiptView } from '../../../shared/api-values';
import { api } from '../../api';
import { levelOfSignature } from '../../components/TrustBadge';
import { apiErrorText } from '../../i18n/api-error';
import { formatFullDate } from '../../i18n/format';
import { mailboxText } from '../../../shared/mailbox-text';
import { daticertFacts } from './daticert';
import './print.css';

/** The message id of a print view address, or null. */
export function printViewId(hash: string): number | null {
  const m = /^#print\/(\d+)$/.exec(hash);
  return m ? Number(m[1]) : null;
}

function Row({ label, children }: { label: string; children: ReactNode }): ReactElement | null {
  if (children === null || children === '' || children === undefined) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The text of an HTML body, for paper (no script, no remote content: the browser's parser on an inert document). */
function htmlText(html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  // textContent runs paragraphs together: each block and line break ends a line.
  for (const el of body.querySelectorAll('br, p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote')) el.append('\n');
  return body.textContent?.replace(/\n{3,}/g, '\n\n').trim() ?? '';
}

/** The whole print view. */
export function PrintView({ messageId }: { messageId: number }): ReactElement {
  const { t } = useTranslation();
  const [view, setView] = useState<MessageView | null>(null);
  const [receipts, setReceipts] = useState<ReceiptView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.getMessage({ ref: { messageId } }).then(async (res) => {
      if (!res.ok) return setError(apiErrorText(t, res.error));
      const sent = res.value.kind === 'receipt' ? null : res.value.sentMessageId;
      const listed = sent === null ? null : await api.listReceipts({ sentMessageId: sent });
      setReceipts(listed?.ok ? listed.value : []);
      setView(res.value);
    });
  }, [messageId]);

  // Tells the host (printToPDF, page.pdf) that everything is on the page.
  useEffect(() => {
    if (view || error) document.body.dataset.printReady = '1';
  }, [view, error]);

  if (error) return <p className="print-error">{error}</p>;
  if (!view) return <p>{t('common.loading')}</p>;
  const shown = view.kind === 'receipt' ? null : view.original;
  const facts = daticertFacts(view.daticertXml);
  const body = shown?.body ?? view.cover.body;
  const text = body.text ?? (body.html ? htmlText(body.html) : '');
  const level = view.trust?.level ?? (view.kind === 'ordinary' ? null : levelOfSignature(view.signature));
  return (
    <article className="print-view" data-testid="print-view">
      <div className="print-actions">
        <button type="button" onClick={() => window.print()}>
          {t('keeping.print.print')}
        </button>
      </div>
      <h1>{shown?.subject ?? view.cover.subject}</h1>
      <section>
        <h2>{t('keeping.print.facts')}</h2>
        <dl>
          <Row label={t('keeping.print.type')}>{view.receipt ? t(`receipt.long.${view.receipt.type}`) : t(`kind.${view.kind}`)}</Row>
          <Row label={t('keeping.print.realSender')}>{shown && view.kind !== 'ordinary' ? mailboxText(shown.from) : null}</Row>
          <Row label={t('keeping.print.sender')}>{mailboxText(view.cover.from)}</Row>
          <Row label={t('message.to')}>{(shown?.to ?? view.cover.to).map(mailboxText).join(', ')}</Row>
          <Row label={t('message.date')}>{formatFullDate(shown?.date ?? view.cover.date)}</Row>
          <Row label={t('keeping.print.signature')}>{level ? t(`trust.level.${level}`) : null}</Row>
          <Row label={t('keeping.print.provider')}>{view.trust?.provider ?? null}</Row>
        </dl>
      </section>
      {facts && (
        <section>
          <h2>{t('keeping.print.daticert')}</h2>
          <dl>
            <Row label={t('keeping.print.daticertType')}>{facts.tipo}</Row>
            <Row label={t('keeping.print.daticertSender')}>{facts.mittente}</Row>
            <Row label={t('details.recipients')}>{facts.destinatari.join(', ')}</Row>
            <Row label={t('message.subject')}>{facts.oggetto}</Row>
            <Row label={t('details.issuer')}>{facts.gestore}</Row>
            <Row label={t('keeping.print.when')}>{facts.dataOra}</Row>
            <Row label={t('details.identificativo')}>{facts.identificativo}</Row>
            <Row label={t('details.msgid')}>{facts.msgid}</Row>
          </dl>
        </section>
      )}
      {receipts && receipts.length > 0 && (
        <section>
          <h2>{t('keeping.print.receipts')}</h2>
          <table className="print-receipts" data-testid="print-receipts">
            <thead>
              <tr>
                <th>{t('keeping.print.receiptType')}</th>
                <th>{t('keeping.print.recipient')}</th>
                <th>{t('keeping.print.time')}</th>
                <th>{t('keeping.print.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((r, i) => (
                <tr key={i}>
                  <td>{t(`receipt.long.${r.type}`)}</td>
                  <td>{r.recipient ?? ''}</td>
                  <td>{r.timestamp ? formatFullDate(r.timestamp) : ''}</td>
                  <td>
                    {r.trust ? t(`trust.level.${r.trust.level}`) : t('keeping.print.unjudged')}
                    {r.proof ? '' : ` — ${t('keeping.print.notProof')}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section>
        <h2>{t('keeping.print.text')}</h2>
        <pre className="print-text">{text}</pre>
        {(shown?.attachments.length ?? 0) > 0 && (
          <p>
            {t('keeping.print.attachments')}: {shown?.attachments.map((a) => a.filename).join(', ')}
          </p>
        )}
      </section>
    </article>
  );
}
