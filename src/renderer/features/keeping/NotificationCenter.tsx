// Notices pushed by the main process (a new PEC, a mancata consegna, consegne still missing after
// the hours set): a line in the corner of the app, with a button to open the message, and in the
// browser build the system notification too when the user allowed it (the desktop app shows its
// own from the main process).
import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationEvent } from '../../../shared/api-keeping';
import { onEvent } from '../../api';
import { useAppInfo } from '../../hooks/useAppInfo';
import { useWorkspace } from '../workspace/workspace';
import './keeping.css';

// The newest few: older ones go as new ones come, and each goes by itself after a while.
const SHOWN = 5;
const SHOWN_MS = 15_000;

type Shown = NotificationEvent & { key: number };

/** The title and text of a notice in the UI's language. */
function useNoticeText(): (n: NotificationEvent) => { title: string; body: string } {
  const { t } = useTranslation();
  return useCallback((n) => {
    if (n.kind === 'new-pec' && n.messageId === null) return { title: t('keeping.notify.newPecTitle'), body: t('keeping.notify.newPecMany', { count: n.count }) };
    if (n.kind === 'new-pec') return { title: t('keeping.notify.newPecTitle'), body: t('keeping.notify.newPecBody', { who: n.who ?? '', subject: n.subject }) };
    if (n.kind === 'delivery-failed') return { title: t('keeping.notify.failedTitle'), body: t(n.who ? 'keeping.notify.failedBody' : 'keeping.notify.failedBodyAll', { who: n.who, subject: n.subject }) };
    return { title: t('keeping.notify.missingTitle'), body: t('keeping.notify.missingBody', { count: n.count, subject: n.subject }) };
  }, [t]);
}

/** The in-app notices. */
export function NotificationCenter(): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const info = useAppInfo();
  const text = useNoticeText();
  const [shown, setShown] = useState<Shown[]>([]);

  useEffect(
    () =>
      onEvent((event) => {
        if (event.type !== 'notification') return;
        setShown((list) => [...list.slice(-(SHOWN - 1)), { ...event, key: performance.now() }]);
        if (info.host === 'web' && 'Notification' in window && Notification.permission === 'granted') {
          const { title, body } = text(event);
          new Notification(title, { body });
        }
      }),
    [info.host, text],
  );

  const dismiss = (key: number) => setShown((list) => list.filter((n) => n.key !== key));
  const oldest = shown[0]?.key;
  useEffect(() => {
    if (oldest === undefined) return;
    const timer = setTimeout(() => setShown((list) => list.filter((n) => n.key !== oldest)), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [oldest]);
  return (
    <section className="notification-toasts" aria-live="polite" aria-label={t('keeping.notify.label')}>
      {shown.map((n) => {
        const { title, body } = text(n);
        return (
          <div key={n.key} className={`notification-toast notification-${n.kind}`} role="status" data-testid="notification-toast" data-kind={n.kind}>
            <strong>{title}</strong>
            <span>{body}</span>
            <div className="notification-actions">
              {n.messageId !== null && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    ws.openMessage({ messageId: n.messageId! }, n.subject);
                    dismiss(n.key);
                  }}
                >
                  {t('keeping.notify.open')}
                </button>
              )}
              <button type="button" className="icon-button" aria-label={t('keeping.notify.dismiss')} onClick={() => dismiss(n.key)}>
                ×
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}
