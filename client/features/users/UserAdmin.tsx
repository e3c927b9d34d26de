import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userCreateSchema } from '../../../shared/auth';
import { USER_ROLES, type UserRole } from '../../../shared/user';
import { FormFooter } from '../../components/ui/FormFooter';
import { errorMessage, fieldErrors } from '../../lib/error-message';
import { invalidateUsers } from '../../lib/invalidation';
import { trpc } from '../../lib/trpc';
import { AccountLog } from './AccountLog';
import { type AccountChange, ConfirmAccountChange } from './ConfirmAccountChange';
import './users.css';
import { TableScroll } from '../../components/ui/TableScroll';

/** Admins manage the planning office's accounts; the same rules as `npm run user`. */
export function UserAdmin() {
  const { t } = useTranslation();
  const users = useQuery(trpc.user.list.queryOptions());
  const [message, setMessage] = useState<string | null>(null);
  // A role change or a block waits here for the admin's confirmation; cancelled, nothing is sent.
  const [confirming, setConfirming] = useState<AccountChange | null>(null);
  const refresh = () => invalidateUsers();
  const onError = (error: unknown) => setMessage(errorMessage(error, t));
  const settled = { onSettled: () => setConfirming(null) };
  const setRole = useMutation(trpc.user.setRole.mutationOptions({ onSuccess: refresh, onError, ...settled }));
  const setDisabled = useMutation(trpc.user.setDisabled.mutationOptions({ onSuccess: refresh, onError, ...settled }));
  const confirm = (change: AccountChange) => {
    if (change.kind === 'role') setRole.mutate({ login: change.login, role: change.to });
    else setDisabled.mutate({ login: change.login, disabled: change.kind === 'disable' });
  };
  const reset = useMutation(
    trpc.user.resetPassword.mutationOptions({
      onSuccess: () => {
        setMessage(t('users.done'));
        void refresh();
      },
      onError,
    }),
  );
  if (users.isError) return <p role="alert">{errorMessage(users.error, t)}</p>;
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('users.title')}</h2>
      {message && <p role="status">{message}</p>}
      {/* Wider than a phone: the table scrolls inside its own box, not the page. */}
      <TableScroll>
        <table className="data-table" data-testid="user-table">
          <thead>
            <tr>
              <th scope="col">{t('users.login')}</th>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col">{t('users.resetPassword')}</th>
            </tr>
          </thead>
          <tbody>
            {users.data?.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.login}</th>
                <td>{u.displayName}</td>
                <td>
                  <select
                    aria-label={`${t('users.role')}: ${u.login}`}
                    value={u.role}
                    onChange={(e) =>
                      setConfirming({
                        kind: 'role',
                        login: u.login,
                        displayName: u.displayName,
                        from: u.role,
                        to: e.target.value as UserRole,
                      })
                    }
                  >
                    {USER_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`auth.roles.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {u.disabledAt ? t('users.disabled') : t('users.active')}{' '}
                  <button
                    type="button"
                    onClick={() =>
                      setConfirming({
                        kind: u.disabledAt ? 'enable' : 'disable',
                        login: u.login,
                        displayName: u.displayName,
                      })
                    }
                  >
                    {u.disabledAt ? t('users.enable') : t('users.disable')}
                  </button>
                </td>
                <td>
                  <PasswordReset onSubmit={(password) => reset.mutate({ login: u.login, password })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <AddUserForm onAdded={refresh} />
      <AccountLog />
      {confirming && (
        <ConfirmAccountChange
          change={confirming}
          pending={setRole.isPending || setDisabled.isPending}
          onConfirm={() => confirm(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
    </section>
  );
}

function PasswordReset({ onSubmit }: { onSubmit: (password: string) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  return (
    <form
      className="inline-fields"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(password);
        setPassword('');
      }}
    >
      <input
        type="password"
        autoComplete="new-password"
        aria-label={t('users.newPassword')}
        value={password}
        minLength={10}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit">{t('users.resetPassword')}</button>
    </form>
  );
}

function AddUserForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ login: '', displayName: '', role: 'viewer' as UserRole, password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.user.create.mutationOptions({
      onSuccess: () => {
        setValues({ login: '', displayName: '', role: 'viewer', password: '' });
        onAdded();
      },
      onError: (error) => setErrors({ form: errorMessage(error, t) }),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = userCreateSchema.safeParse(values);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues, t));
    setErrors({});
    create.mutate(parsed.data);
  };
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));
  return (
    <form className="edit-form" onSubmit={submit} aria-label={t('users.add')} noValidate>
      <h3>{t('users.add')}</h3>
      <div className="form-grid">
        <label>
          {t('users.login')}
          <input value={values.login} onChange={(e) => set({ login: e.target.value })} autoComplete="off" />
          {errors.login && <span className="field-error">{errors.login}</span>}
        </label>
        <label>
          {t('users.name')}
          <input value={values.displayName} onChange={(e) => set({ displayName: e.target.value })} />
          {errors.displayName && <span className="field-error">{errors.displayName}</span>}
        </label>
        <label>
          {t('users.role')}
          <select value={values.role} onChange={(e) => set({ role: e.target.value as UserRole })}>
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`auth.roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('users.password')}
          <input
            type="password"
            autoComplete="new-password"
            value={values.password}
            onChange={(e) => set({ password: e.target.value })}
          />
          {errors.password && <span className="field-error">{errors.password}</span>}
        </label>
      </div>
      <FormFooter error={errors.form} pending={create.isPending} submitLabel={t('users.add')} />
    </form>
  );
}
