import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { queryClient, trpc } from '../../lib/trpc';
import { useSession } from '../../lib/use-session';

export function AccountMenu() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  // Everything cached was fetched as someone else: drop it.
  const reset = () => queryClient.resetQueries();
  const logIn = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setPassword('');
        void reset();
      },
    }),
  );
  const logOut = useMutation(trpc.auth.logout.mutationOptions({ onSuccess: () => void reset() }));

  if (user) {
    return (
      <div className="account-menu">
        <span data-testid="signed-in-as">
          {t('auth.signedInAs', { name: user.displayName, role: t(`auth.roles.${user.role}`) })}
        </span>
        <button type="button" onClick={() => logOut.mutate()}>
          {t('auth.logout')}
        </button>
      </div>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    logIn.mutate({ login, password });
  };
  return (
    <div className="account-menu">
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          {t('auth.login')}
        </button>
      ) : (
        <form className="login-form" onSubmit={submit} aria-label={t('auth.loginTitle')}>
          <label>
            {t('auth.loginField')}
            <input autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required />
          </label>
          <label>
            {t('auth.password')}
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          <button type="submit" disabled={logIn.isPending}>
            {t('auth.login')}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {t('auth.cancel')}
          </button>
          {logIn.isError && (
            <p role="alert" className="form-error">
              {errorMessage(logIn.error, t)}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
