import type { AuditRow } from '../../../api/types';
import { ActionTag, RowDetail, whenAndWho } from '../../../components/AuditDiff';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { EmptyState } from '../../../components/States';
import { useI18n } from '../../../i18n';

export function AuditTrail({ rows }: { rows: AuditRow[] }) {
  const { t, lang } = useI18n();
  return (
    <ResponsiveTable<AuditRow>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      data-testid="household-audit"
      locale={{ emptyText: <EmptyState description={t('audit.empty')} /> }}
      expandable={{ expandedRowRender: (row) => <RowDetail row={row} /> }}
      columns={[
        ...whenAndWho(t, lang),
        {
          title: t('audit.action'),
          dataIndex: 'action',
          render: (v: string) => <ActionTag action={v} />,
        },
      ]}
    />
  );
}
