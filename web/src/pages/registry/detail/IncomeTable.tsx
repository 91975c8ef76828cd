import { Tag, Typography } from 'antd';
import type { HouseholdDetail as Detail, Income } from '../../../api/registry';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { EmptyState } from '../../../components/States';
import { type MessageKey, useI18n } from '../../../i18n';
import { formatNumber } from '../../../lib/format';

const SOURCES = ['wages', 'business', 'businessCosts', 'property', 'transfers'] as const;

/** Income year by year and by source (household totals), with the per-capita figure against the poverty line. */
export function IncomeTable({ h }: { h: Detail }) {
  const { t, lang } = useI18n();
  const money = (v: number | null) => (v === null ? '—' : formatNumber(v, lang));
  return (
    <ResponsiveTable<Income>
      rowKey="year"
      size="small"
      dataSource={[...h.incomes].reverse()}
      pagination={false}
      scroll={{ x: 860 }}
      data-testid="income-table"
      locale={{ emptyText: <EmptyState description={t('reg.d.noIncome')} /> }}
      columns={[
        { title: t('reg.inc.year'), dataIndex: 'year', width: 70, fixed: 'left' },
        ...SOURCES.map((s) => ({
          title: t(`reg.inc.${s}` as MessageKey),
          dataIndex: s,
          align: 'right' as const,
          render: (v: number | null) => money(v),
        })),
        { title: t('reg.inc.persons'), dataIndex: 'persons', width: 80, align: 'right', render: (v: number | null) => v ?? '—' },
        {
          title: t('reg.inc.perCapita'),
          dataIndex: 'perCapita',
          align: 'right',
          render: (v: number, i) => (
            <span data-testid={`income-per-capita-${i.year}`}>
              {i.wages === null && <Tag style={{ marginInlineEnd: 6 }}>{t('reg.d.incomeOnlyPerCapita')}</Tag>}
              <Typography.Text strong type={i.year === h.registerYear && v < h.povertyLine ? 'danger' : undefined}>
                {money(v)}
              </Typography.Text>
            </span>
          ),
        },
      ]}
    />
  );
}
