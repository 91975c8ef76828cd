import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import type { Revision } from '../../api/command';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { monthLabel } from './format';

/**
 * A closed month revised by back-dated changes says so, with each change: when it was written, what and which date
 * it speaks of, the household and who (docs/decisions/0007-time-model.md). Nothing is shown for an unrevised month.
 */
export default function RevisionNotice({ month, revisions }: { month: string; revisions: Revision[] }) {
  const { t, lang } = useI18n();
  if (!revisions.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="month-revised"
      title={t('cmd.revised.title', { month: monthLabel(month, lang) })}
      description={
        <div>
          <div>{t('cmd.revised.body', { count: revisions.length })}</div>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {revisions.map((r) => (
              <li key={`${r.at}-${r.source}-${r.householdId ?? r.villageCode}`} data-testid="month-revision">
                {t('cmd.revised.item', { at: formatDateTime(r.at, lang), source: r.sourceName, dated: r.dated })}
                {r.householdNo && r.householdId !== null && (
                  <>
                    {'，'}
                    <Link to={`/registry/households/${r.householdId}`}>{t('cmd.revised.household', { no: r.householdNo })}</Link>
                  </>
                )}
                {r.by && `，${t('cmd.revised.by', { by: r.by })}`}
              </li>
            ))}
          </ul>
        </div>
      }
    />
  );
}
