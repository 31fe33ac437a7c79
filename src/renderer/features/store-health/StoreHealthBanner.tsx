// The banner on top of the window when PecDesk's database failed its check at start (or cannot
// open): the window opens before the check ends, so the verdict arrives as a 'store-health' event
// (or from getStoreHealth when the page loads later). "Ripristina dal backup" puts the newest good
// backup in place, keeping the damaged file aside; the page then loads again over the restored store.
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreHealth } from '../../../shared/api-store-health';
import { api, onEvent } from '../../api';
import { Icon } from '../../components/Icon';
import { apiErrorText } from '../../i18n/api-error';
import './store-health.css';

/** The store's health, from the first answer and every later event; null until known. */
function useStoreHealth(): StoreHealth | null {
  const [health, setHealth] = useState<StoreHealth | null>(null);
  useEffect(() => {
    let live = true;
    const off = onEvent((event) => event.type === 'store-health' && setHealth(event.health));
    void api.getStoreHealth({}).then((res) => live && res.ok && setHealth((known) => (known && known.state !== 'checking' ? known : res.value)));
    return () => {
      live = false;
      off();
    };
  }, []);
  return health;
}

/** The banner, or nothing while the store is sound or still being checked. */
export function StoreHealthBanner(): ReactElement | null {
  const { t } = useTranslation();
  const health = useStoreHealth();
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!health || health.state === 'ok' || health.state === 'checking') return null;

  const restore = async () => {
    setRestoring(true);
    setError(null);
    const res = await api.restoreStoreFromBackup({});
    if (res.ok) return window.location.reload();
    setRestoring(false);
    const text = apiErrorText(t, res.error);
    setError(res.error.items?.length ? `${text} (${res.error.items.join('; ')})` : text);
  };
  const canRestore = health.state === 'damaged' && health.backups > 0;
  return (
    <div className="store-banner" role="alert" data-testid="store-health-banner">
      <Icon name="warning" />
      <div className="store-banner-text">
        <strong>{t(`storeHealth.title.${health.state === 'damaged' ? 'damaged' : 'unavailable'}`)}</strong>{' '}
        <span>{t(`storeHealth.problem.${health.code ?? 'store-unavailable'}`)}</span>{' '}
        {health.state === 'damaged' && <span>{canRestore ? t('storeHealth.restoreHint', { count: health.backups }) : t('storeHealth.noBackup')}</span>}
        {health.detail && <div className="store-banner-detail">{health.detail}</div>}
        {error && (
          <div className="store-banner-error" data-testid="store-health-error">
            {t('storeHealth.restoreFailed', { reason: error })}
          </div>
        )}
      </div>
      {canRestore && (
        <button type="button" onClick={() => void restore()} disabled={restoring} data-testid="store-health-restore">
          {restoring ? t('storeHealth.restoring') : t('storeHealth.restore')}
        </button>
      )}
    </div>
  );
}
