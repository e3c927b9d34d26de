import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../lib/localized';
import { trpc } from '../../lib/trpc';
import { useRoadmapView } from '../../lib/url-state';
import { type ApplyResult, resetIntake } from './intake-store';

/** After apply: what was written, a way to each changed milestone, and the next article. */
export function AppliedSummary({ result, sourceTitle }: { result: ApplyResult; sourceTitle: string }) {
  const { t } = useTranslation();
  const { title } = useLocalized();
  const { update } = useRoadmapView();
  const milestones = useQuery(trpc.milestone.list.queryOptions({}));
  const messageRef = useRef<HTMLParagraphElement>(null);
  const byId = new Map((milestones.data ?? []).map((m) => [m.id, m]));

  useEffect(() => {
    messageRef.current?.focus();
  }, []);

  return (
    <section className="intake-applied" aria-labelledby="intake-applied-title">
      <h2 id="intake-applied-title">{t('intake.title')}</h2>
      <p ref={messageRef} className="form-success" role="status" tabIndex={-1}>
        {result.milestones.length
          ? t('intake.applied', { title: sourceTitle, count: result.milestones.length })
          : t('intake.appliedNone', { title: sourceTitle })}
      </p>
      {result.milestones.length > 0 && (
        <>
          <h3>{t('intake.changedMilestones')}</h3>
          <ul className="intake-changed">
            {result.milestones.map((m) => {
              const item = byId.get(m.id);
              return (
                <li key={m.id}>
                  <a
                    href={`?view=table&m=${m.id}`}
                    lang={item?.titleEn ? undefined : 'ru'}
                    onClick={(e) => {
                      e.preventDefault();
                      update({ view: 'table', selected: m.id }, 'push');
                    }}
                  >
                    {item ? title(item) : `#${m.id}`}
                  </a>{' '}
                  <span className="muted">{t('details.version', { version: m.version })}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => resetIntake()}>
          {t('intake.another')}
        </button>
      </div>
    </section>
  );
}
