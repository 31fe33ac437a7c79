// The reader's tags and private note of a stored message. Both stay in PecDesk (the store's
// message_tags and message_notes) and are never sent to a server.
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeTag } from '../../../shared/rules';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { TagChips } from './TagChips';

/** Tags (add, remove) and the note of message `messageId`. */
export function Annotations({ messageId }: { messageId: number }): ReactElement {
  const { t } = useTranslation();
  const query = useApiQuery(() => api.getAnnotations({ messageId }), [messageId], ['messages']);
  const [newTag, setNewTag] = useState('');
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const saved = query.data?.note ?? '';
  useEffect(() => setNote(saved), [saved]);

  const setTag = (tag: string, on: boolean) => {
    void api.setTag({ messageIds: [messageId], tag, on }).then((res) => (res.ok ? setStatus(null) : setStatus({ tone: 'bad', text: apiErrorText(t, res.error) })));
  };
  const addTag = (e: FormEvent) => {
    e.preventDefault();
    if (!normalizeTag(newTag)) return setStatus({ tone: 'bad', text: t('organize.badTag') });
    setTag(newTag, true);
    setNewTag('');
  };
  const saveNote = () => {
    void api.setNote({ messageId, text: note }).then((res) => setStatus(res.ok ? { tone: 'ok', text: t('organize.noteSaved') } : { tone: 'bad', text: apiErrorText(t, res.error) }));
  };

  return (
    <section className="annotations" data-testid="annotations" aria-label={t('organize.tags')}>
      <div className="annotations-tags">
        <span className="annotations-label">{t('organize.tags')}</span>
        <TagChips tags={query.data?.tags ?? []} onRemove={(tag) => setTag(tag, false)} />
        <form onSubmit={addTag} className="tag-add">
          <input value={newTag} onChange={(e) => setNewTag(e.target.value)} placeholder={t('organize.addTagPlaceholder')} aria-label={t('organize.addTag')} maxLength={160} data-testid="tag-input" />
        </form>
      </div>
      <div className="annotations-note">
        <textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('organize.notePlaceholder')}
          aria-label={t('organize.note')}
          rows={note ? 3 : 1}
          maxLength={20_000}
          data-testid="note-input"
        />
        {note !== saved && (
          <button type="button" onClick={saveNote} data-testid="note-save">
            {t('organize.saveNote')}
          </button>
        )}
      </div>
      {status && (
        <p className={status.tone === 'ok' ? 'annotations-status' : 'annotations-status field-error'} role={status.tone === 'ok' ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
