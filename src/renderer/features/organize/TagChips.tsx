// The user's tags on a message as small chips: in the list (read-only) and in the reader, where
// each has a button that takes it off.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

/** Tag chips; with onRemove each chip has its "×". */
export function TagChips({ tags, onRemove }: { tags: string[]; onRemove?(tag: string): void }): ReactElement | null {
  const { t } = useTranslation();
  if (tags.length === 0) return null;
  return (
    <span className="tag-chips" data-testid="tag-chips">
      {tags.map((tag) => (
        <span key={tag} className="tag-chip" data-tag={tag}>
          {tag}
          {onRemove && (
            <button type="button" className="tag-remove" aria-label={t('organize.removeTag', { tag })} title={t('organize.removeTag', { tag })} onClick={() => onRemove(tag)}>
              ×
            </button>
          )}
        </span>
      ))}
    </span>
  );
}
