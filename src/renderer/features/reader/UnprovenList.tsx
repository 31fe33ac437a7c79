// The receipts of one recipient that do not count as proof, in red on its row, each openable:
// "Ricevuta di avvenuta consegna non firmata: non vale come prova".
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnprovenReceipt } from '../../../shared/api-trust';
import '../../components/trust-badge.css';
import { useWorkspace } from '../workspace/workspace';

/** Why one receipt is not proof, in words: its verdict, else the first problem found. */
export function useNotProofText(): (r: Pick<UnprovenReceipt, 'type' | 'level' | 'problems'>) => string {
  const { t } = useTranslation();
  return (r) => {
    const receipt = t(`receipt.long.${r.type}`);
    if (r.level && r.level !== 'attendibile') return t('trust.notProof', { receipt, level: t(`trust.level.${r.level}`) });
    if (r.problems.length) return t('trust.notProofProblem', { receipt, problem: r.problems.map((p) => t(`trust.problem.${p}`)).join('; ') });
    return `${receipt}: ${t('trust.notProofShort')}`;
  };
}

/** The list, or nothing when every receipt of the recipient counts. */
export function UnprovenList({ receipts }: { receipts: UnprovenReceipt[] }): ReactElement | null {
  const ws = useWorkspace();
  const text = useNotProofText();
  if (receipts.length === 0) return null;
  return (
    <ul className="unproven" data-testid="unproven">
      {receipts.map((r) => (
        <li key={r.receiptId}>
          <button type="button" className="link-button not-proof" data-trust={r.level ?? ''} onClick={() => ws.openMessage({ messageId: r.messageRowId }, text(r))}>
            {text(r)}
          </button>
        </li>
      ))}
    </ul>
  );
}
