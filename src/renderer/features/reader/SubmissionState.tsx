// Where a PEC sent from the composer stands in the send queue, above its deliveries: queued,
// sending, waiting because the provider asked to, paused (with Riprendi), taken by the provider,
// or not sent with the provider's own words and what to do. The deliveries query re-runs on the
// store's change events, so this line follows the queue by itself.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendTaskView } from '../../../shared/api-values';
import { api } from '../../api';
import { formatFullDate } from '../../i18n/format';
import { submissionFailureText } from '../campaign/failure-text';

const TONE: Record<SendTaskView['state'], string> = {
  queued: 'muted',
  sending: 'muted',
  retry: 'warn',
  paused: 'warn',
  submitted: 'ok',
  failed: 'bad',
  cancelled: 'bad',
};

/** The submission line of one sent message. */
export function SubmissionState({ submission }: { submission: SendTaskView }): ReactElement {
  const { t } = useTranslation();
  const { state } = submission;
  // A failure with values is worded whole (the provider's reply inside, and what to do); words
  // stored before values existed are the provider's answer, quoted.
  const reason = submissionFailureText(t, submission);
  const worded = submission.reasonText !== null;
  return (
    <p className={`submission-state ${TONE[state]}`} role="status" data-testid="submission-state" data-state={state}>
      <strong>{t(`singleSend.state.${state}`)}</strong>
      {state === 'retry' && submission.retryAt && <> {t('singleSend.retryAt', { time: formatFullDate(submission.retryAt) })}</>}
      {reason && state !== 'submitted' && <> {worded ? reason : t('singleSend.reason', { reason })}</>}
      {(state === 'failed' || (state === 'paused' && !worded)) && <> {t(`singleSend.todo.${state}`)}</>}
      {state === 'paused' && (
        <>
          {' '}
          <button type="button" data-testid="submission-resume" onClick={() => void api.campaignResume({ id: submission.taskId })}>
            {t('singleSend.resume')}
          </button>
        </>
      )}
    </p>
  );
}
