import type { Status } from '../../../shared/statuses';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { useLocalized } from '../../lib/localized';
import { useRoadmapView } from '../../lib/url-state';

interface Linked {
  id: number;
  title: string;
  titleEn: string | null;
  status: Status;
}

export function DependencyList({ label, milestones }: { label: string; milestones: Linked[] }) {
  const { title } = useLocalized();
  const { update } = useRoadmapView();
  if (milestones.length === 0) return null;
  return (
    <div>
      <h4>{label}</h4>
      <ul>
        {milestones.map((d) => (
          <li key={d.id}>
            <button type="button" className="link-button" onClick={() => update({ selected: d.id }, 'push')}>
              {title(d)}
            </button>{' '}
            <StatusBadge status={d.status} />
          </li>
        ))}
      </ul>
    </div>
  );
}
