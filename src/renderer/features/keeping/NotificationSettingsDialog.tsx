// "Notifiche…": what to be told about, and after how many hours a PEC still without its consegne
// is worth a notice (24 by default). In the browser build, the system notifications need the
// browser's permission, asked here.
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationSettingsView } from '../../../shared/api-keeping';
import { api } from '../../api';
import { Dialog, DialogActions } from '../../components/Dialog';
import { useAppInfo } from '../../hooks/useAppInfo';
import { apiErrorText } from '../../i18n/api-error';

/** The notification settings dialog. */
export function NotificationSettingsDialog({ onClose }: { onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const info = useAppInfo();
  const [settings, setSettings] = useState<NotificationSettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [permission, setPermission] = useState(() => ('Notification' in window ? Notification.permission : 'denied'));

  useEffect(() => {
    void api.getNotificationSettings({}).then((res) => (res.ok ? setSettings(res.value) : setError(apiErrorText(t, res.error))));
  }, []);

  const save = async () => {
    if (!settings) return;
    const res = await api.setNotificationSettings(settings);
    if (res.ok) onClose();
    else setError(apiErrorText(t, res.error));
  };
  const flag = (key: 'newPec' | 'deliveryFailed' | 'missingDeliveries') => (
    <label>
      <input type="checkbox" checked={settings?.[key] ?? false} onChange={(e) => settings && setSettings({ ...settings, [key]: e.target.checked })} data-testid={`notify-${key}`} />
      {t(`keeping.notify.settings.${key}`)}
    </label>
  );

  return (
    <Dialog title={t('keeping.notify.settings.title')} onClose={onClose}>
      <div className="archive-dialog" data-testid="notification-settings">
        {flag('newPec')}
        {flag('deliveryFailed')}
        {flag('missingDeliveries')}
        <label className="field">
          <span>{t('keeping.notify.settings.hours')}</span>
          <input
            type="number"
            min={1}
            max={720}
            value={settings?.missingAfterHours ?? 24}
            disabled={!settings?.missingDeliveries}
            onChange={(e) => settings && setSettings({ ...settings, missingAfterHours: Math.max(1, Math.min(720, Math.round(Number(e.target.value) || 1))) })}
            data-testid="notify-hours"
          />
        </label>
        {info.host === 'web' && permission !== 'granted' && (
          <p className="notice notice-info">
            {t('keeping.notify.settings.permission')}{' '}
            <button type="button" className="link-button" onClick={() => void Notification.requestPermission().then(setPermission)}>
              {t('keeping.notify.settings.allow')}
            </button>
          </p>
        )}
        <DialogActions error={error} leave={{ label: t('common.cancel'), onClick: onClose }}>
          <button type="button" className="primary" disabled={!settings} onClick={() => void save()} data-testid="notify-save">
            {t('common.save')}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
