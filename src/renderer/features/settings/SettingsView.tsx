// Impostazioni: one page for the choices spread over menus and dialogs — language, theme, the
// accounts, the providers' index, the shortcuts — and where the data and its backups are.
import { useState, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { LANGUAGES, setLanguage, type Language } from '../../i18n';
import { apiErrorText } from '../../i18n/api-error';
import { formatFullDate } from '../../i18n/format';
import { savedTheme, setTheme, THEMES, type Theme } from './theme';
import './settings.css';

/** What the page opens elsewhere (dialogs owned by the shell). */
export interface SettingsActions {
  openAccounts(): void;
  openProviderIndex(): void;
  openShortcuts(): void;
  openNotifications(): void;
  openArchive(): void;
}

function Section({ title, children }: { title: string; children: ReactNode }): ReactElement {
  return (
    <section className="settings-section" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** The settings page (a workspace tab). */
export function SettingsView(props: SettingsActions): ReactElement {
  const { t, i18n } = useTranslation();
  const [theme, chooseTheme] = useState<Theme>(savedTheme);
  const storage = useApiQuery(() => api.getStorageInfo({}), [], []);

  return (
    <div className="settings" data-testid="settings">
      <h1>{t('settings.title')}</h1>
      <Section title={t('settings.appearance')}>
        <label className="settings-row">
          <span>{t('settings.language')}</span>
          <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)} data-testid="settings-language">
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l === 'it' ? 'Italiano' : 'English'}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="settings-row">
          <legend>{t('settings.theme')}</legend>
          {THEMES.map((choice) => (
            <label key={choice} className="settings-choice">
              <input
                type="radio"
                name="theme"
                value={choice}
                checked={theme === choice}
                onChange={() => {
                  chooseTheme(choice);
                  setTheme(choice);
                }}
              />
              {t(`settings.themes.${choice}`)}
            </label>
          ))}
        </fieldset>
      </Section>
      <Section title={t('settings.accounts')}>
        <p className="muted">{t('settings.accountsHint')}</p>
        <button type="button" onClick={props.openAccounts}>
          {t('settings.manageAccounts')}
        </button>
      </Section>
      <Section title={t('providerIndex.title')}>
        <p className="muted">{t('settings.providerIndexHint')}</p>
        <button type="button" onClick={props.openProviderIndex}>
          {t('settings.openProviderIndex')}
        </button>
      </Section>
      <Section title={t('settings.alerts')}>
        <p className="muted">{t('settings.alertsHint')}</p>
        <button type="button" onClick={props.openNotifications}>
          {t('keeping.notify.menu')}
        </button>
      </Section>
      <Section title={t('settings.keyboard')}>
        <button type="button" onClick={props.openShortcuts}>
          {t('shortcuts.title')}
        </button>
      </Section>
      <Section title={t('settings.data')}>
        {storage.error && <p className="bad">{apiErrorText(t, storage.error)}</p>}
        {storage.data && (
          <>
            <p>
              {t('settings.dataDir')}: <code data-testid="settings-data-dir">{storage.data.dataDir}</code>
            </p>
            <p className="muted">{t('settings.backupPolicy', { count: storage.data.backupsKept, hours: storage.data.backupEveryHours })}</p>
            {storage.data.backups.length === 0 ? (
              <p className="muted">{t('settings.noBackups')}</p>
            ) : (
              <ul className="settings-backups" aria-label={t('settings.backups')}>
                {storage.data.backups.map((b) => (
                  <li key={b.takenAt}>
                    {formatFullDate(b.takenAt)} · {t('settings.schemaVersion', { version: b.schemaVersion })}
                  </li>
                ))}
              </ul>
            )}
            <p className="muted">{t('settings.restoreHint')}</p>
            <p className="muted">{t('settings.archiveHint')}</p>
            <button type="button" onClick={props.openArchive}>
              {t('keeping.archive.menu')}
            </button>
          </>
        )}
      </Section>
    </div>
  );
}
