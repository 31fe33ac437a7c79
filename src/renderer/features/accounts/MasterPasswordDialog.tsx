// Asks for the master password when the system keychain protects nothing (Linux without a
// keyring): once to create it, then at every start to unlock the saved mailbox passwords.
// Until then PecDesk shows stored mail but does not sync or send.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretsStatusView } from '../../../shared/api-values';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';

const MIN_LENGTH = 10;

/** Shown while saved passwords are behind a master password that was not typed yet. */
export function MasterPasswordGate(): ReactElement | null {
  const status = useApiQuery(() => api.getSecretsStatus({}), []);
  const [dismissed, setDismissed] = useState(false);
  const s = status.data;
  if (!s || s.mode !== 'master-password' || s.state === 'unlocked' || dismissed) return null;
  return <MasterPasswordDialog status={s} onDone={status.reload} onLater={() => setDismissed(true)} />;
}

function MasterPasswordDialog({ status, onDone, onLater }: { status: SecretsStatusView; onDone(): void; onLater(): void }): ReactElement {
  const { t } = useTranslation();
  const creating = status.state === 'not-set';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (creating && password.length < MIN_LENGTH) return setError(t('secrets.tooShort', { count: MIN_LENGTH }));
    if (creating && password !== repeat) return setError(t('secrets.mismatch'));
    setBusy(true);
    const res = creating ? await api.createMasterPassword({ password }) : await api.unlockSecrets({ password });
    setBusy(false);
    if (res.ok) return onDone();
    setError(res.error.code === 'denied' ? t('secrets.wrong') : apiErrorText(t, res.error));
  };

  return (
    <Dialog title={creating ? t('secrets.createTitle') : t('secrets.unlockTitle')} onClose={onLater}>
      <form
        data-testid="master-password"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>{status.reason === 'unavailable' ? t('secrets.whyUnavailable') : t('secrets.whyBasicText')}</p>
        <p>{creating ? t('secrets.createHelp') : t('secrets.unlockHelp')}</p>
        <label className="field">
          <span>{t('secrets.password')}</span>
          <input
            type="password"
            value={password}
            autoFocus
            autoComplete={creating ? 'new-password' : 'current-password'}
            aria-invalid={error !== null}
            aria-describedby={error ? 'master-password-error' : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {creating && (
          <label className="field">
            <span>{t('secrets.repeat')}</span>
            <input type="password" value={repeat} autoComplete="new-password" onChange={(e) => setRepeat(e.target.value)} />
          </label>
        )}
        {error && (
          <p id="master-password-error" className="notice notice-bad" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onLater}>
            {t('secrets.later')}
          </button>
          <button type="submit" className="primary" disabled={busy || !password}>
            {creating ? t('secrets.create') : t('secrets.unlock')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
