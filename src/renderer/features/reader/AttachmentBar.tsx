// The sender's attachments (from postacert.eml for PEC): open, save one, save all. A signed
// .p7m shows the document inside and its signer, so the user can open the PDF, not a blob.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api';
import { OPEN_RISK_REASONS, type AttachmentView, type MessageRef } from '../../../shared/api-values';
import { api } from '../../api';
import { Icon } from '../../components/Icon';
import { apiErrorText } from '../../i18n/api-error';
import { formatFullDate, formatSize } from '../../i18n/format';
import type { SaveRequest } from './SaveDialog';

/** Why an attachment was not opened: a failure to show (worded by the caller), or a risk (the save dialog opens instead). */
export type OpenOutcome = null | { error: ApiError } | { risk: string; extension: string };


/** Opens an attachment with the system (app) or downloads it (browser build); programs and macros are never opened. */
export async function openAttachment(ref: MessageRef, part: AttachmentView, inner: boolean): Promise<OpenOutcome> {
  const res = await api.openAttachment({ ref, partId: part.partId, inner });
  if (res.ok) return null;
  const [risk, extension] = res.error.items ?? [];
  if (res.error.code === 'denied' && (OPEN_RISK_REASONS as readonly string[]).includes(risk)) return { risk, extension: extension ?? '' };
  if (res.error.code !== 'unsupported') return { error: res.error };
  const data = await api.getAttachment({ ref, partId: part.partId, inner });
  if (!data.ok) return { error: data.error };
  const bytes = Uint8Array.from(atob(data.value.dataBase64), (c) => c.charCodeAt(0));
  // octet-stream: the browser saves the file instead of rendering untrusted content in our origin.
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = data.value.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return null;
}

/** A list of attachments with their actions; `onSave` opens the save dialog. */
export function AttachmentList(props: {
  messageRef: MessageRef;
  attachments: AttachmentView[];
  onSave(request: SaveRequest): void;
  onError(message: string): void;
  allowSaveAll: boolean;
  testId: string;
}): ReactElement | null {
  const { t } = useTranslation();
  const { messageRef: ref, attachments } = props;
  if (attachments.length === 0) return null;
  const open = (part: AttachmentView, inner: boolean) =>
    void openAttachment(ref, part, inner).then((outcome) => {
      if (!outcome) return;
      if ('error' in outcome) return props.onError(apiErrorText(t, outcome.error));
      // Saved first, never run: the save dialog opens with the reason, and the file is marked as downloaded.
      const name = inner ? part.signed?.innerFilename : part.filename;
      props.onSave({ ref, partIds: [part.partId], inner, label: t('attachments.saveOne', { name }), warning: `${t(`attachmentSafety.${outcome.risk}`, { ext: outcome.extension })} ${t('attachmentSafety.marked')}` });
    });
  return (
    <section className="attachments" data-testid={props.testId} aria-label={t('attachments.title')}>
      <ul>
        {attachments.map((part) => (
          <li key={part.partId} className="attachment" data-testid="attachment">
            <Icon name={part.signed ? 'signed' : 'file'} />
            <span className="attachment-name" title={part.filename}>
              {part.filename}
            </span>
            <span className="attachment-size">{formatSize(part.size)}</span>
            <button type="button" className="link-button" onClick={() => open(part, false)}>
              {t('attachments.open')}
            </button>
            <button type="button" className="link-button" onClick={() => props.onSave({ ref, partIds: [part.partId], inner: false, label: t('attachments.saveOne', { name: part.filename }) })}>
              {t('attachments.save')}
            </button>
            {part.signed && (
              <div className="signed-doc" data-testid="signed-document">
                <span>
                  {t('attachments.signedContains')} <strong>{part.signed.innerFilename}</strong> ({formatSize(part.signed.innerSize)})
                </span>
                <ul className="signers">
                  {part.signed.signers.map((s, i) => (
                    <li key={i}>
                      <Icon name={s.intact === false ? 'cross' : 'shield'} /> {t('attachments.signedBy', { name: s.commonName ?? s.subject })}
                      {s.fiscalCode && ` · ${s.fiscalCode}`}
                      {s.signingTime && ` · ${formatFullDate(s.signingTime)}`}
                      {s.intact === false && <strong className="bad"> · {t('attachments.altered')}</strong>}
                    </li>
                  ))}
                </ul>
                <button type="button" className="link-button" onClick={() => open(part, true)}>
                  {t('attachments.openInner')}
                </button>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => props.onSave({ ref, partIds: [part.partId], inner: true, label: t('attachments.saveOne', { name: part.signed?.innerFilename }) })}
                >
                  {t('attachments.saveInner')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {props.allowSaveAll && attachments.length > 0 && (
        <button type="button" className="save-all" onClick={() => props.onSave({ ref, partIds: [], inner: false, label: t('attachments.saveAll') })}>
          <Icon name="save" /> {t('attachments.saveAll')} ({attachments.length})
        </button>
      )}
    </section>
  );
}
