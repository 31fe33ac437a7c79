// What a click on a link in a message does: mailto opens a composer tab; http(s) goes to the
// system browser after the user confirms (Electron asks natively; the browser build asks here).
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { mailtoAddress, newDraft } from '../composer/draft';
import { useWorkspace } from '../workspace/workspace';

/** Returns the link handler for message frames. */
export function useOpenLink(): (url: string) => void {
  const { t } = useTranslation();
  const ws = useWorkspace();
  return useCallback(
    (url: string) => {
      if (/^mailto:/i.test(url)) {
        const to = mailtoAddress(url);
        ws.openComposer(newDraft({ to: to ? [to] : [] }), t('composer.new'));
        return;
      }
      if (!/^https?:\/\//i.test(url)) return;
      void api.openExternal({ url }).then((res) => {
        if (!res.ok && res.error.code === 'unsupported' && window.confirm(t('link.confirm', { url }))) {
          window.open(url, '_blank', 'noopener,noreferrer');
        }
      });
    },
    [t, ws],
  );
}
