// First run: while no account is configured, a short guide to the three things a studio does on
// day one — add its PEC box (from the provider presets, with "Prova connessione"), bring in its
// contacts from a spreadsheet, and import the providers' index that makes receipts proof.
// "Più tardi" hides it for this session; it stops for good once an account exists or the user
// says so.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ImportWizard } from '../contacts-import/ImportWizard';
import type { IndexState } from '../trust/IndexBanner';
import { useWorkspace } from '../workspace/workspace';

const DISMISSED_KEY = 'pecdesk.welcome.dismissed';

/** The first-run guide, or nothing once an account exists or it was dismissed. */
export function Welcome({ indexState, openAccounts, openProviderIndex }: { indexState: IndexState | null; openAccounts(): void; openProviderIndex(): void }): ReactElement | null {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const accounts = useApiQuery(() => api.listAccounts({}), [], ['accounts']);
  const contacts = useApiQuery(() => api.groupsList({}), [], ['contacts']);
  // The master password comes first: its dialog must not have the guide on top of it.
  const secrets = useApiQuery(() => api.getSecretsStatus({}), [], ['accounts']);
  const [hidden, setHidden] = useState(() => localStorage.getItem(DISMISSED_KEY) === '1');
  const [later, setLater] = useState(false);
  const [importing, setImporting] = useState(false);

  if (importing) {
    return (
      <ImportWizard
        groups={contacts.data ?? []}
        onClose={() => setImporting(false)}
        onShowGroup={() => {
          setImporting(false);
          ws.openContacts(t('contacts.title'));
        }}
      />
    );
  }
  const secretsWaiting = !secrets.data || (secrets.data.mode === 'master-password' && secrets.data.state !== 'unlocked');
  if (hidden || later || secretsWaiting || !accounts.data || accounts.data.length > 0) return null;

  const step = (n: number, title: string, text: string, action: string, run: () => void, done = false) => (
    <li className={done ? 'welcome-step welcome-done' : 'welcome-step'}>
      <span className="welcome-number" aria-hidden="true">
        {done ? <Icon name="check" /> : n}
      </span>
      <div>
        <h3>{title}</h3>
        <p className="muted">{text}</p>
        <button type="button" onClick={run} data-testid={`welcome-step-${n}`}>
          {action}
        </button>
        {done && <span className="ok"> {t('welcome.done')}</span>}
      </div>
    </li>
  );

  return (
    <Dialog title={t('welcome.title')} onClose={() => setLater(true)} wide>
      <div data-testid="welcome">
        <p>{t('welcome.intro')}</p>
        <ol className="welcome-steps">
          {step(1, t('welcome.account.title'), t('welcome.account.text'), t('welcome.account.action'), () => {
            setLater(true);
            openAccounts();
          })}
          {step(2, t('welcome.contacts.title'), t('welcome.contacts.text'), t('welcome.contacts.action'), () => setImporting(true))}
          {step(3, t('welcome.index.title'), t('welcome.index.text'), t('welcome.index.action'), () => {
            setLater(true);
            openProviderIndex();
          }, indexState?.info != null)}
        </ol>
        <div className="dialog-actions">
          <button
            type="button"
            onClick={() => {
              localStorage.setItem(DISMISSED_KEY, '1');
              setHidden(true);
            }}
          >
            {t('welcome.never')}
          </button>
          <button type="button" className="primary" onClick={() => setLater(true)}>
            {t('welcome.later')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
