// Reply, reply all, forward, forward only the attachments: the main process builds the draft
// from the original (the real sender of a PEC, not the provider) and a composer tab opens on it.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageRef } from '../../../shared/api-values';
import { api } from '../../api';
import { apiErrorText } from '../../i18n/api-error';
import { useWorkspace } from '../workspace/workspace';

/** A reply/forward mode. */
export type ReplyMode = 'reply' | 'replyAll' | 'forward' | 'forwardAttachments';

/** Returns a function opening a composer tab for a reply or forward of a message. */
export function useReplyActions(): (ref: MessageRef, mode: ReplyMode) => void {
  const { t } = useTranslation();
  const ws = useWorkspace();
  return useCallback(
    (ref: MessageRef, mode: ReplyMode) => {
      void api.prepareDraft({ ref, mode }).then((res) => {
        if (res.ok) ws.openComposer(res.value, res.value.subject || t('composer.new'));
        else window.alert(apiErrorText(t, res.error));
      });
    },
    [t, ws],
  );
}
