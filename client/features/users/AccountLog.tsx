import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UserRole } from '../../../shared/user';
import { TableScroll } from '../../components/ui/TableScroll';
import { errorMessage } from '../../lib/error-message';
import { useLocalized } from '../../lib/localized';
import { trpc } from '../../lib/trpc';

const PAGE = 50;

interface Person {
  login: string;
  displayName: string;
}

/**
 * The admins' account log: who added, promoted, demoted, blocked, unblocked an account or reset
 * its password, and when. Kept apart from the roadmap's history, which every reader sees.
 */
export function AccountLog() {
  const { t } = useTranslation();
  const { language } = useLocalized();
  const events = useInfiniteQuery(
    trpc.user.events.infiniteQueryOptions(
      { limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined, initialCursor: undefined },
    ),
  );
  const rows = events.data?.pages.flatMap((p) => p.rows) ?? [];
  const dateTime = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const role = (r: UserRole | null) => (r ? t(`auth.roles.${r}`) : '');
  const person = (p: Person) => `${p.displayName} (${p.login})`;
  const what = (row: (typeof rows)[number]) => {
    switch (row.action) {
      case 'added':
        return t('users.log.added', { role: role(row.toRole) });
      case 'role_changed':
        return t('users.log.roleChanged', { from: role(row.fromRole), to: role(row.toRole) });
      case 'disabled':
        return t('users.log.disabled');
      case 'enabled':
        return t('users.log.enabled');
      case 'password_reset':
        return t('users.log.passwordReset');
    }
  };

  return (
    <section className="account-log" aria-labelledby="account-log-title">
      <h3 id="account-log-title">{t('users.log.title')}</h3>
      <p className="hint">{t('users.log.hint')}</p>
      {events.isError && <p role="alert">{errorMessage(events.error, t)}</p>}
      {events.isSuccess && rows.length === 0 && <p>{t('users.log.empty')}</p>}
      {rows.length > 0 && (
        <TableScroll>
          <table className="data-table" data-testid="account-log">
            <thead>
              <tr>
                <th scope="col">{t('users.log.when')}</th>
                <th scope="col">{t('users.log.user')}</th>
                <th scope="col">{t('users.log.event')}</th>
                <th scope="col">{t('users.log.by')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <time dateTime={row.at}>{dateTime.format(new Date(row.at))}</time>
                  </td>
                  <td>{person(row.user)}</td>
                  <td>{what(row)}</td>
                  <td>{row.actor ? person(row.actor) : t('users.log.commandLine')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {events.hasNextPage && (
        <button
          type="button"
          className="more"
          onClick={() => void events.fetchNextPage()}
          disabled={events.isFetchingNextPage}
        >
          {t('users.log.more')}
        </button>
      )}
    </section>
  );
}
