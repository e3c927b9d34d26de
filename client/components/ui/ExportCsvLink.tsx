import { useTranslation } from 'react-i18next';

/** A plain link: the browser downloads the file itself (name from Content-Disposition), with the session cookie. */
export function ExportCsvLink({ href, hint }: { href: string; hint: string }) {
  const { t } = useTranslation();
  return (
    <a className="csv-export-link" href={href} download title={hint} data-testid="csv-export">
      {t('csv.export')}
    </a>
  );
}
