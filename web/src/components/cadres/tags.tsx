import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../i18n';

const POSTING_COLORS: Record<string, string> = {
  proposed: 'gold',
  in_post: 'green',
  finished: 'default',
  rotated: 'blue',
  replaced: 'volcano',
  withdrawn: 'default',
};
const LEAVE_COLORS: Record<string, string> = {
  requested: 'orange',
  approved: 'green',
  rejected: 'red',
  cancelled: 'default',
  taken: 'blue',
};

export const postingColor = (state: string) => POSTING_COLORS[state] ?? 'default';
export const leaveColor = (state: string) => LEAVE_COLORS[state] ?? 'default';

/** A posting's or a leave request's state as a coloured tag, with 已超期 beside it when its deadline has passed. */
export function StateTag({
  kind,
  state,
  label,
  overdue = false,
  dueDate,
}: {
  kind: 'posting' | 'leave';
  state: string;
  label: string;
  overdue?: boolean;
  dueDate?: string | null;
}) {
  const { t } = useI18n();
  return (
    <span className="fp-state-tags">
      <Tag
        color={(kind === 'posting' ? postingColor : leaveColor)(state)}
        data-testid="state-tag"
        data-state={state}
        style={{ marginInlineEnd: 0 }}
      >
        {label}
      </Tag>
      {overdue && (
        <Tooltip title={t('cad.overdueHint', { date: dueDate ?? '' })}>
          <Tag color="red" data-testid="overdue-tag" style={{ marginInlineEnd: 0 }}>
            {t('cad.overdue')}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}
