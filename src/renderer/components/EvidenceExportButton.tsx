// "Esporta prove (.zip)": runs an evidence export (a campaign's, a sent message's), hands the file
// over (saved where the user chose, or downloaded in the browser) and says where it went or what failed.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../shared/api';
import type { EvidenceExport } from '../../shared/api-send';
import { apiErrorText } from '../i18n/api-error';
import { receiveFile } from './fileOutput';
import { Icon } from './Icon';

/** A line under the button: progress, where the archive went, or the error in plain words. */
export interface ExportNotice {
  tone: 'ok' | 'bad';
  text: string;
}

/** The export button; the caller shows the notices where its other messages go. */
export function EvidenceExportButton({ run, onNotice, testId }: { run: () => Promise<Result<EvidenceExport>>; onNotice(notice: ExportNotice | null): void; testId: string }): ReactElement {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const exportEvidence = async () => {
    setBusy(true);
    onNotice({ tone: 'ok', text: t('evidence.exporting') });
    const res = await run();
    setBusy(false);
    if (!res.ok) return onNotice({ tone: 'bad', text: apiErrorText(t, res.error) });
    const where = receiveFile(res.value);
    onNotice(where ? { tone: 'ok', text: t('evidence.exported', { file: where, count: res.value.summary?.files ?? 0 }) } : null);
  };
  return (
    <button type="button" data-testid={testId} disabled={busy} onClick={() => void exportEvidence()}>
      <Icon name="save" /> {t('evidence.export')}
    </button>
  );
}
