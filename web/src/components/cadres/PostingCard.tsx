import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { PostingItem } from '../../api/cadres';
import { useI18n } from '../../i18n';
import { StateTag } from './tags';

/** One posting of the list on a phone: name and state, role and village, unit and dates. The card opens it. */
export function PostingCard({ p, to }: { p: PostingItem; to: string }) {
  const { t } = useI18n();
  return (
    <div className="fp-pcard" data-testid="posting-card" data-id={p.id}>
      <div className="fp-pcard-top">
        <Link to={to} className="fp-pcard-name" data-testid="posting-link">
          {p.name}
        </Link>
        <StateTag kind="posting" state={p.state} label={p.stateLabel} overdue={p.overdue} dueDate={p.dueDate} />
      </div>
      <Typography.Text type="secondary" className="fp-pcard-line">
        {p.roleLabel} · {p.village.name}
        {p.village.township ? ` · ${p.village.township}` : ''}
      </Typography.Text>
      <Typography.Text type="secondary" className="fp-pcard-line">
        {p.unit.name}
      </Typography.Text>
      <Typography.Text type="secondary" className="fp-pcard-line">
        {t('cad.dates', { start: p.startDate, end: p.endDate ?? p.plannedEndDate })}
      </Typography.Text>
    </div>
  );
}
