import type { HouseholdDetail as Detail } from '../../../api/registry';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';

type Visit = Detail['visits'][number];

/** Visits by resident cadres, as they entered them in the field app (never typed again here). */
export function Visits({ h }: { h: Detail }) {
  const { t } = useI18n();
  return (
    <ResponsiveTable<Visit>
      rowKey="id"
      size="small"
      dataSource={h.visits}
      pagination={false}
      locale={{ emptyText: t('reg.d.visitsEmpty') }}
      data-testid="household-visits"
      columns={[
        { key: 'date', title: t('reg.d.visitDate'), dataIndex: 'date', width: 120 },
        { key: 'cadre', title: t('reg.d.visitCadre'), dataIndex: 'cadreName', width: 140 },
        { key: 'note', title: t('reg.d.visitNote'), dataIndex: 'note' },
      ]}
    />
  );
}
