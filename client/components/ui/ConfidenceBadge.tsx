import { useTranslation } from 'react-i18next';
import type { ConfidenceLevel } from '../../../shared/claim-words';

/**
 * How sure the roadmap can be of a milestone's date, computed by the server from its claims.
 * The level never stands alone: its reasons (already in the screen's language) follow it,
 * inline or as a list.
 */
export function ConfidenceBadge({
  confidence,
  reasons = 'inline',
}: {
  confidence: { level: ConfidenceLevel; reasons: string[] };
  reasons?: 'inline' | 'list' | 'none';
}) {
  const { t } = useTranslation();
  return (
    <span className="confidence" data-testid="confidence" data-level={confidence.level}>
      <span className={`confidence-badge confidence-${confidence.level}`}>
        {t(`confidence.level.${confidence.level}`)}
      </span>
      {reasons === 'inline' && confidence.reasons.length > 0 && (
        <span className="confidence-reasons" data-testid="confidence-reasons">
          <span className="visually-hidden">: </span>
          {confidence.reasons.join('; ')}
        </span>
      )}
      {reasons === 'list' && confidence.reasons.length > 0 && (
        <ul className="confidence-reasons" data-testid="confidence-reasons">
          {confidence.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </span>
  );
}
