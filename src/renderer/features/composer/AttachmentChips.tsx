// The attachment chips of a composer (the ordinary one and the bulk-send one): a chip per file
// with its size and a remove button, and the "Allega" chip that reads the chosen files.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { formatSize } from '../../i18n/format';
import { readUpload, type Upload } from './upload';

/** One attached file: its name and size, and × to remove it. */
export function AttachmentChip({ filename, size, onRemove }: { filename: string; size: number; onRemove(): void }): ReactElement {
  const { t } = useTranslation();
  return (
    <span className="chip">
      <Icon name="clip" /> {filename} ({formatSize(size)})
      <button type="button" aria-label={t('common.remove')} onClick={onRemove}>
        ×
      </button>
    </span>
  );
}

/** The "Allega" chip: a file picker (several files) whose files are read and handed to onFiles. */
export function AttachButton({ onFiles, testId }: { onFiles(read: Upload[]): void; testId?: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <label className="chip chip-add">
      <Icon name="clip" /> {t('composer.attach')}
      <input
        type="file"
        multiple
        hidden
        data-testid={testId}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void Promise.all(files.map(readUpload)).then(onFiles);
        }}
      />
    </label>
  );
}
