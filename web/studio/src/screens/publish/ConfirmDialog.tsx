import { useEffect, useId, useRef } from 'react';

/** What {@link ConfirmDialog} asks and answers. */
export interface ConfirmDialogProps {
  readonly title: string;
  readonly message: string;
  readonly confirm: string;
  readonly cancel: string;
  readonly busy?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * The confirm step before publishing, discarding or rolling back: a modal `<dialog>` (focus stays in
 * it, Escape cancels, focus returns where it was). Cancel has the focus first: the safe choice.
 */
export function ConfirmDialog({ title, message, confirm, cancel, busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const ids = { title: useId(), message: useId() };
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={ids.title}
      aria-describedby={ids.message}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h3 id={ids.title}>{title}</h3>
      <p id={ids.message}>{message}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" ref={cancelRef} disabled={busy} onClick={onCancel}>
          {cancel}
        </button>
      </div>
    </dialog>
  );
}
