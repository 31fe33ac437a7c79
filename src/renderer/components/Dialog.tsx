// A modal dialog on the native <dialog> element: focus trap, Esc to close and a backdrop for free.
import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Shows `children` modally while mounted; onClose runs on Esc or the close button. */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose(): void; children: ReactNode; wide?: boolean }): ReactElement {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}

/**
 * The end of a dialog: the error that stopped its action, if any, then its buttons — the one that
 * leaves first (Annulla / Chiudi), the actions after it.
 */
export function DialogActions({ error, leave, children }: { error: string | null; leave: { label: string; onClick(): void; disabled?: boolean }; children: ReactNode }): ReactElement {
  return (
    <>
      {error && (
        <p className="notice notice-bad" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={leave.onClick} disabled={leave.disabled}>
          {leave.label}
        </button>
        {children}
      </div>
    </>
  );
}
