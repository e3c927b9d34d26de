import { useSession } from '../../lib/use-session';
import { AppliedSummary } from './AppliedSummary';
import { ArticleForm } from './ArticleForm';
import { useIntakeState } from './intake-store';
import { ReviewScreen } from './ReviewScreen';
import './intake.css';

/**
 * The news intake (planners and admins; app/ shows it to no one else, and the server refuses
 * the rest): paste or drop an article, review what it proposes, apply or discard.
 */
export function IntakeScreen() {
  const { user } = useSession();
  const state = useIntakeState(user?.id ?? null);
  switch (state.phase) {
    case 'input':
      return <ArticleForm input={state.input} notice={state.notice} />;
    case 'review':
      return <ReviewScreen review={state.review} />;
    case 'applied':
      return <AppliedSummary result={state.result} sourceTitle={state.sourceTitle} />;
  }
}
