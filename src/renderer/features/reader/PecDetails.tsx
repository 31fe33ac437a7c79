// "Dettagli PEC": what the provider certified, one click away from the original. The cover (the
// "Per conto di" message), the daticert data, the verdict on the provider's signature (with the
// providers' index version it was checked against and its reasons) and the service
// parts (daticert.xml, smime.p7s, postacert.eml).
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../shared/api-values';
import { mailboxText } from '../../../shared/mailbox-text';
import { levelOfSignature, TrustBadge } from '../../components/TrustBadge';
import { formatFullDate } from '../../i18n/format';
import { AttachmentList } from './AttachmentBar';
import type { SaveRequest } from './SaveDialog';

function Row({ label, children }: { label: string; children: ReactNode }): ReactElement | null {
  if (children === null || children === undefined || children === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The details panel of a PEC message. */
export function PecDetails({ view, onSave, onError }: { view: MessageView; onSave(r: SaveRequest): void; onError(m: string): void }): ReactElement {
  const { t } = useTranslation();
  const sig = view.signature;
  const trust = view.trust;
  const r = view.receipt;
  return (
    <section className="pec-details" data-testid="pec-details" aria-label={t('details.title')}>
      <div className="details-grid">
        <div>
          <h3>{t('details.signature')}</h3>
          <dl>
            <Row label={t('trust.details.level')}>
              <TrustBadge level={trust?.level ?? levelOfSignature(sig)} testId="signature-verdict" />
            </Row>
            <Row label={t('details.signer')}>{sig.signer ? `${sig.signer.subject}${sig.signer.email ? ` (${sig.signer.email})` : ''}` : null}</Row>
            <Row label={t('details.signingTime')}>{sig.signingTime ? formatFullDate(sig.signingTime) : null}</Row>
            <Row label={t('trust.details.provider')}>{trust?.provider ?? null}</Row>
            <Row label={t('trust.details.index')}>
              {!trust
                ? t('trust.details.notChecked')
                : trust.indexVersionId === null
                  ? t('trust.details.noIndex', { date: formatFullDate(trust.checkedAt) })
                  : t('trust.details.indexVersion', { id: trust.indexVersionId, date: formatFullDate(trust.checkedAt) })}
            </Row>
            <Row label={t('trust.details.reasons')}>
              {trust?.reasons.length ? (
                <ul className="trust-reasons" data-testid="trust-reasons">
                  {trust.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              ) : null}
            </Row>
            <Row label={t('details.note')}>{sig.detail ?? null}</Row>
          </dl>
        </div>
        <div>
          <h3>{t('details.daticert')}</h3>
          <dl>
            <Row label={t('details.type')}>{r ? t(`receipt.long.${r.type}`) : t(`kind.${view.kind}`)}</Row>
            <Row label={t('details.identificativo')}>{view.identificativo ?? r?.identificativo ?? null}</Row>
            <Row label={t('details.msgid')}>{r?.refMessageId ?? view.original?.messageId ?? null}</Row>
            <Row label={t('details.issuer')}>{r?.issuer ?? null}</Row>
            <Row label={t('details.time')}>{r?.timestamp ? formatFullDate(r.timestamp) : null}</Row>
            <Row label={t('details.variant')}>{(r?.variant ?? view.requestedVariant) ? t(`variant.${r?.variant ?? view.requestedVariant}`) : null}</Row>
            <Row label={t('details.deliveredTo')}>{r?.deliveredTo ?? null}</Row>
            <Row label={t('details.recipients')}>
              {r?.recipients.length ? r.recipients.map((x) => `${x.address} (${t(`recipientType.${x.type}`)})`).join(', ') : null}
            </Row>
            <Row label={t('details.error')}>{r && r.error !== 'nessuno' ? `${r.error}${r.errorDetail ? ` — ${r.errorDetail}` : ''}` : null}</Row>
          </dl>
        </div>
        <div>
          <h3>{t('details.cover')}</h3>
          <dl>
            <Row label={t('message.from')}>{mailboxText(view.cover.from)}</Row>
            <Row label={t('message.to')}>{view.cover.to.map(mailboxText).join(', ')}</Row>
            <Row label={t('message.subject')}>{view.cover.subject}</Row>
            <Row label={t('message.date')}>{formatFullDate(view.cover.date)}</Row>
          </dl>
          {view.cover.body.text && <pre className="cover-text">{view.cover.body.text}</pre>}
        </div>
      </div>
      {view.problems.length > 0 && (
        <ul className="problems">
          {view.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <h3>{t('details.serviceParts')}</h3>
      <AttachmentList messageRef={view.ref} attachments={view.serviceParts} onSave={onSave} onError={onError} allowSaveAll={false} testId="service-parts" />
      {view.daticertXml && (
        <details>
          <summary>daticert.xml</summary>
          <pre className="xml">{view.daticertXml}</pre>
        </details>
      )}
    </section>
  );
}
