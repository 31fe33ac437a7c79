// The "?" beside the search field: the syntax it understands, Italian names first and English ones
// beside, with an example each. The names are the parser's (src/main/search/filters.ts).
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';

// Each row: what to type (the same in both languages: both names work), and its i18n key.
const ROWS: [string, string][] = [
  ['fattura rossi', 'words'],
  ['"atto di citazione"', 'phrase'],
  ['fattura OR parcella', 'or'],
  ['-bozza', 'not'],
  ['citaz*', 'prefix'],
  ['da:rossi  from:"Mario Rossi"', 'from'],
  ['a:tribunale  to:', 'to'],
  ['oggetto:decreto  subject:', 'subject'],
  ['allegato:fattura.pdf  attachment:', 'attachment'],
  ['ha:allegato  has:attachment', 'has'],
  ['tipo:consegna  type:delivery', 'type'],
  ['cartella:archivio  folder:', 'folder'],
  ['account:studio  account:', 'account'],
  ['tag:urgente', 'tag'],
  ['nota:udienza  note:', 'note'],
  ['dopo:1/12/2026  after:2026-12-01', 'after'],
  ['prima:31/12/2026  before:', 'before'],
  ['con:mario.rossi@pec.it  with:', 'with'],
];

/** The help button and its popover (closed by Esc, by a click outside or by the button). */
export function SearchHelp(): ReactElement {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="search-help" ref={box}>
      <button type="button" className="search-help-button" aria-expanded={open} aria-label={t('searchSyntax.helpButton')} title={t('searchSyntax.helpButton')} data-testid="search-help-button" onClick={() => setOpen(!open)}>
        <Icon name="info" />
      </button>
      {open && (
        <div className="search-help-popover" role="dialog" aria-label={t('searchSyntax.helpTitle')} data-testid="search-help">
          <h3>{t('searchSyntax.helpTitle')}</h3>
          <table>
            <tbody>
              {ROWS.map(([typed, key]) => (
                <tr key={key}>
                  <td>
                    <code>{typed}</code>
                  </td>
                  <td>{t(`searchSyntax.help.${key}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('searchSyntax.helpTypes')}</p>
        </div>
      )}
    </div>
  );
}
