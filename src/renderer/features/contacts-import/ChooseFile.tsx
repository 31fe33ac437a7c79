// Step 1 of the import wizard: the spreadsheet. The desktop app opens the system's file dialog;
// in the browser build the file is picked on the page and uploaded to the main process.
import { useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/api';
import type { ImportFileView } from '../../../shared/api-contacts';
import { api } from '../../api';
import { Icon } from '../../components/Icon';
import { useAppInfo } from '../../hooks/useAppInfo';
import { toBase64 } from '../shell/openFiles';

/** The file step; onChosen gets the file known to the main process. */
export function ChooseFile({ busy, onChosen }: { busy: boolean; onChosen(file: Promise<Result<ImportFileView | null>>): void }): ReactElement {
  const { t } = useTranslation();
  const info = useAppInfo();
  const input = useRef<HTMLInputElement>(null);
  const choose = () => (info.nativeDialogs ? onChosen(api.chooseSpreadsheetFile({})) : input.current?.click());
  return (
    <div className="import-choose">
      <p>{t('contactsImport.chooseHint')}</p>
      <button type="button" className="primary" onClick={choose} disabled={busy}>
        <Icon name="file" /> {t('contactsImport.choose')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".xlsx,.csv,.txt,.ods,.xls"
        data-testid="import-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onChosen(toBase64(file).then((dataBase64) => api.uploadImportFile({ name: file.name, dataBase64 })));
        }}
      />
      <p className="muted">{t('contactsImport.formats')}</p>
    </div>
  );
}
