// Notifications asked for by rules ("Mostra una notifica"): a card in the window, and a system
// notification too when the user has allowed them. Clicking the card opens the message.
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleNotifyEvent } from '../../../shared/api-organize';
import { onEvent } from '../../api';
import { useWorkspace } from '../workspace/workspace';

const SHOWN_AT_MOST = 4;

/** The stack of rule notifications, newest first. */
export function RuleNotifications(): ReactElement | null {
  const { t } = useTranslation();
  const { openMessage } = useWorkspace();
  const [notices, setNotices] = useState<(RuleNotifyEvent & { key: number })[]>([]);

  useEffect(() => {
    let key = 0;
    return onEvent((event) => {
      if (event.type !== 'rule-notify') return;
      setNotices((old) => [{ ...event, key: ++key }, ...old].slice(0, SHOWN_AT_MOST));
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        new Notification(t('organize.notifyTitle', { rule: event.ruleName }), { body: t('organize.notifyText', { from: event.from ?? '', subject: event.subject }) });
      }
    });
  }, [t]);

  if (notices.length === 0) return null;
  const dismiss = (key: number) => setNotices((old) => old.filter((n) => n.key !== key));
  return (
    <div className="rule-notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.key} className="rule-notice" role="status" data-testid="rule-notice">
          <button
            type="button"
            className="rule-notice-body"
            onClick={() => {
              openMessage({ messageId: n.messageId }, n.subject);
              dismiss(n.key);
            }}
          >
            <strong>{t('organize.notifyTitle', { rule: n.ruleName })}</strong>
            <span>{t('organize.notifyText', { from: n.from ?? '', subject: n.subject })}</span>
          </button>
          <button type="button" className="icon-button" aria-label={t('organize.dismiss')} onClick={() => dismiss(n.key)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
