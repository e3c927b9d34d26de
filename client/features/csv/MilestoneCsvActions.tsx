import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportCsvLink } from '../../components/ui/ExportCsvLink';
import { milestonesCsvHref } from '../../lib/csv-links';
import { useLocalized } from '../../lib/localized';
import { useRoadmapView } from '../../lib/url-state';
import { useSession } from '../../lib/use-session';

// Only planners ever open it; readers do not download it.
const ImportCsvDialog = lazy(() => import('./ImportCsvDialog').then((m) => ({ default: m.ImportCsvDialog })));

/** Export of the filtered view, and for planners the import, beside the timeline and the table. */
export function MilestoneCsvActions() {
  const { t } = useTranslation();
  const { filter } = useRoadmapView();
  const { language } = useLocalized();
  const { canEdit } = useSession();
  const [importing, setImporting] = useState(false);
  return (
    <div className="csv-actions">
      <ExportCsvLink href={milestonesCsvHref(filter, language)} hint={t('csv.exportHint')} />
      {canEdit && (
        <button type="button" onClick={() => setImporting(true)}>
          {t('csv.import')}
        </button>
      )}
      {importing && (
        <Suspense fallback={null}>
          <ImportCsvDialog onClose={() => setImporting(false)} />
        </Suspense>
      )}
    </div>
  );
}
