import { useTranslation } from 'react-i18next';
import { STATUS_COLORS, type Status } from '../../../shared/statuses';

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  const colors = STATUS_COLORS[status];
  return (
    <span
      className="status-badge"
      data-status={status}
      style={{ background: colors.background, color: colors.text, borderColor: colors.border }}
    >
      {t(`status.${status}`)}
    </span>
  );
}
