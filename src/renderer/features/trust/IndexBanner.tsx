// The banner under the toolbar while no providers' index is in force, or the one in force is more
// than 30 days old: without it, intact receipts count but nobody checked that their signer is a
// PEC provider. Its button opens the "Elenco gestori PEC" dialog.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderIndexInfo } from '../../../shared/trust';
import { Icon } from '../../components/Icon';
import '../../components/trust-badge.css';
import { formatFullDate } from '../../i18n/format';

/** The index in force and whether it is too old, as the index API reports it. */
export interface IndexState {
  info: ProviderIndexInfo | null;
  /** No index, or none checked for more than 30 days. */
  stale: boolean;
}

/**
 * The index in force.
 * HOOK(wt-index): read it through the index API (its IndexStatus: info, stale) and re-query on the
 * 'providerIndex' store changes. Until that API is merged no index can be imported, so none is in force.
 */
export function useIndexState(): IndexState | null {
  return { info: null, stale: true };
}

/** The banner, or nothing while a recent index is in force. */
export function IndexBanner({ state, onImport }: { state: IndexState | null; onImport: (() => void) | null }): ReactElement | null {
  const { t } = useTranslation();
  if (!state || (state.info && !state.stale)) return null;
  return (
    <div className="index-banner" role="status" data-testid="index-banner">
      <Icon name="warning" />
      <span>{state.info ? t('trust.banner.stale', { date: formatFullDate(state.info.importedAt) }) : t('trust.banner.missing')}</span>
      {onImport && (
        <button type="button" onClick={onImport} data-testid="index-banner-import">
          {t('trust.banner.import')}
        </button>
      )}
    </div>
  );
}
