import { Space, Timeline, Typography } from 'antd';
import type { HouseholdDetail as Detail } from '../../../api/registry';
import { StatusTag } from '../../../components/registry/StatusTag';
import { EmptyState } from '../../../components/States';
import { type Translate, useI18n } from '../../../i18n';
import { useCodeLists } from '../../../lib/useCodeLists';

export function reasonText(t: Translate, reason: string | null): string {
  if (!reason) return '';
  const m = /^import:(\d+)$/.exec(reason);
  if (m) return t('reg.d.reasonImport', { id: m[1] ?? '' });
  if (reason === 'demo') return t('reg.d.reasonDemo');
  if (reason === 'form') return t('reg.d.reasonForm');
  return reason;
}

export function StatusHistory({ h }: { h: Detail }) {
  const { t } = useI18n();
  const codes = useCodeLists();
  if (!h.statusHistory.length) return <EmptyState description={t('reg.d.noHistory')} />;
  return (
    <Timeline
      data-testid="status-timeline"
      style={{ paddingTop: 8 }}
      items={h.statusHistory.map((s, i) => ({
        key: `${s.changedOn}-${i}`,
        color: s.status === 'exited' ? 'green' : s.status === 'monitored' ? 'orange' : 'red',
        title: s.changedOn,
        content: (
          <Space wrap size={6}>
            {s.previousStatus && (
              <>
                <StatusTag status={s.previousStatus} label={codes.label('household_status', s.previousStatus)} />
                <span>→</span>
              </>
            )}
            <StatusTag status={s.status} label={s.statusLabel} />
            {s.reason && <Typography.Text type="secondary">{reasonText(t, s.reason)}</Typography.Text>}
          </Space>
        ),
      }))}
    />
  );
}
