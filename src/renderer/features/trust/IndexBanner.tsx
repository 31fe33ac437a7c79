// The banner under the toolbar while no providers' index is in force, or the one in force is more
// than 30 days old: without it, intact receipts count but nobody checked that their signer is a
// PEC provider. Its button opens the "Elenco gestori PEC" dialog.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderIndexStatusView } from '../../../shared/api-provider-index';
import { api } from '../../api';
import { Icon } from '../../components/Icon';
import '../../components/trust-badge.css';
import { useApiQuery } from '../../hooks/useApiQuery';
import { formatFullDate } from '../../i18n/format';

/** The index in force and whether it is too old (no index, or not checked for more than 30 days). */
export type IndexState = Pick<ProviderIndexStatusView, 'info' | 'stale'>;

/** The index in force, again after every import or update ('providerIndex' store changes); null until known. */
export function useIndexState(): IndexState | null {
  return useApiQuery(() => api.providerIndexStatus({}), [], ['providerIndex']).data;
}

/** The banner, or nothing while a recent index is in force. */
export function IndexBanner({ state, onImport }: { state: IndexState | null; onImport(): void }): ReactElement | null {
  const { t } = useTranslation();
  if (!state || (state.info && !state.stale)) return null;
  return (
    <div className="index-banner" role="status" data-testid="index-banner">
      <Icon name="warning" />
      <span>{state.info ? t('trust.banner.stale', { date: formatFullDate(state.info.importedAt) }) : t('trust.banner.missing')}</span>
      <button type="button" onClick={onImport} data-testid="index-banner-import">
        {t('trust.banner.import')}
      </button>
    </div>
  );
}
