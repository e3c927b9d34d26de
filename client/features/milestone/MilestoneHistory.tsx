import { useTranslation } from 'react-i18next';
import type { RouterOutputs } from '../../lib/trpc';

type HistoryRow = RouterOutputs['milestone']['byId']['history'][number];

const dateTime = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );

export function MilestoneHistory({ history }: { history: HistoryRow[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section>
      <h3>{t('details.history')}</h3>
      {history.length === 0 ? (
        <p>{t('details.noHistory')}</p>
      ) : (
        <ol className="history-list" data-testid="milestone-history">
          {history.map((h) => (
            <li key={h.id}>
              <time dateTime={h.at}>{dateTime(h.at, i18n.language)}</time> — {h.userName ?? t('details.system')}
              {h.field && (
                <span className="history-field"> · {t(`history.fields.${h.field}`, { defaultValue: h.field })}</span>
              )}
              <div className="history-reason" lang="ru">
                {h.reason}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
