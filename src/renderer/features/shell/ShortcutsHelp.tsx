// "Scorciatoie da tastiera": the table in shortcuts.ts, in the UI's language.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { SHORTCUTS } from './shortcuts';

/** The help screen listing every shortcut. */
export function ShortcutsHelp({ onClose }: { onClose(): void }): ReactElement {
  const { t } = useTranslation();
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose}>
      <table className="shortcuts-table" data-testid="shortcuts-help">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keys')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                <kbd>{s.keys.replace('Canc / Delete', t('shortcuts.deleteKey'))}</kbd>
              </td>
              <td>{t(`shortcuts.actions.${s.action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('shortcuts.note')}</p>
    </Dialog>
  );
}
