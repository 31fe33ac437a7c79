// The addresses of the reader's header as links to "Tutta la corrispondenza con…": a click lists,
// in the mailbox, every message and receipt exchanged with that address, newest first.
import { Fragment, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mailbox } from '../../../shared/api-values';
import { useWorkspace } from '../workspace/workspace';
import { mailboxText } from '../../../shared/mailbox-text';

/** The mailboxes, comma-separated, each one a link to its correspondence. */
export function CorrespondentLinks({ mailboxes }: { mailboxes: (Mailbox | null)[] }): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const shown = mailboxes.filter((m): m is Mailbox => m !== null && m.address.includes('@'));
  return (
    <>
      {shown.map((m, i) => (
        <Fragment key={`${i}:${m.address}`}>
          {i > 0 && ', '}
          <button
            type="button"
            className="link-button correspondent-link"
            title={t('searchSyntax.correspondenceTitle', { address: m.address })}
            data-testid="correspondent-link"
            onClick={() => ws.showCorrespondence(m.address.toLowerCase())}
          >
            {mailboxText(m)}
          </button>
        </Fragment>
      ))}
    </>
  );
}
