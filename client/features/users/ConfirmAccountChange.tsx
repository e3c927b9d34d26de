import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserRole } from '../../../shared/user';

/** A change to an account that waits for the admin's confirmation. */
export type AccountChange =
  | { kind: 'role'; login: string; displayName: string; from: UserRole; to: UserRole }
  | { kind: 'disable' | 'enable'; login: string; displayName: string };

/**
 * Asks before a role change or a block goes to the server: a mis-click in the users table would
 * otherwise take a planner's rights or end their sessions at once. Modal (the rest of the page
 * is inert while it is open); Escape and "Cancel" change nothing, and focus starts on "Cancel".
 */
export function ConfirmAccountChange({
  change,
  pending,
  onConfirm,
  onCancel,
}: {
  change: AccountChange;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  // Not closed on cleanup: an unmounted dialog leaves the top layer by itself.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const who = { name: change.displayName, login: change.login };
  const text =
    change.kind === 'role'
      ? t('users.confirmRole', { ...who, from: t(`auth.roles.${change.from}`), to: t(`auth.roles.${change.to}`) })
      : change.kind === 'disable'
        ? t('users.confirmDisable', who)
        : t('users.confirmEnable', who);
  const confirmLabel =
    change.kind === 'role'
      ? t('users.confirmRoleYes')
      : change.kind === 'disable'
        ? t('users.disable')
        : t('users.enable');

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      // Escape: the browser closes the dialog; the change is dropped with it.
      onClose={onCancel}
    >
      <h3 id={`${id}-title`}>{t('users.confirmTitle')}</h3>
      <p id={`${id}-text`}>{text}</p>
      <div className="confirm-dialog-actions">
        {/* biome-ignore lint/a11y/noAutofocus: a modal's first focus belongs on its safe answer. */}
        <button type="button" autoFocus onClick={() => dialog.current?.close()} disabled={pending}>
          {t('users.cancel')}
        </button>
        <button type="button" className="primary" onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
