import type { Breakpoint } from 'antd';
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ChildRow, IndicatorMeta } from '../../api/command';
import { EmptyState } from '../../components/States';
import { useI18n } from '../../i18n';
import { usePhone } from '../../lib/usePhone';
import { compareNullable, formatValue, STATUS_BG, STATUS_COLOR, unitParen, worstFirst } from './format';

export interface RankingTableProps {
  rows: ChildRow[];
  metas: IndicatorMeta[];
  /** The indicator sorted on first (worst first). */
  indicator: IndicatorMeta;
  onPick: (code: string) => void;
  onSelectIndicator?: (id: string) => void;
}

/** The children of the scope, one column per indicator, sortable, cells coloured by status; a row click drills down. */
export default function RankingTable({ rows, metas, indicator, onPick }: RankingTableProps) {
  const { t, lang } = useI18n();
  const phone = usePhone();
  const shown = [indicator, ...metas.filter((m) => m.id !== indicator.id && (m.key || m.trend))];
  const ranked = [...rows].sort((a, b) => {
    const x = a.values[indicator.id];
    const y = b.values[indicator.id];
    // Nulls last whichever way.
    if (x === null || x === undefined || y === null || y === undefined) return compareNullable(x, y);
    return worstFirst(indicator) * (x - y);
  });
  const rankOf = new Map(ranked.map((r, i) => [r.code, i + 1]));
  const columns: ColumnsType<ChildRow> = [
    {
      title: t('cmd.rank.no'),
      key: 'rank',
      width: 64,
      fixed: phone ? undefined : 'left',
      align: 'center',
      render: (_: unknown, r) => <span className="fp-cmd-rank">{rankOf.get(r.code)}</span>,
    },
    {
      title: t('cmd.rank.region'),
      dataIndex: 'name',
      key: 'name',
      fixed: phone ? undefined : 'left',
      width: 150,
      render: (name: string, r) => (
        <span>
          <Typography.Link data-testid={`rank-link-${r.code}`} onClick={() => onPick(r.code)}>
            {name}
          </Typography.Link>
          {r.isPovertyCounty && (
            <Tag color="red" style={{ marginInlineStart: 6 }}>
              {t('cmd.povertyCountyShort')}
            </Tag>
          )}
        </span>
      ),
    },
    ...shown.map((m, i) => ({
      // On a phone only the chosen indicator's column: rank, name and one value fit without scrolling sideways.
      responsive: i === 0 ? undefined : (['md'] as Breakpoint[]),
      title: (
        <span title={m.name + unitParen(m.unit, lang)}>
          {m.name}
          {m.unit && <span style={{ color: '#8c8c8c', fontWeight: 400 }}>{unitParen(m.unit, lang)}</span>}
        </span>
      ),
      key: m.id,
      width: 130,
      align: 'right' as const,
      sorter: (a: ChildRow, b: ChildRow) => compareNullable(a.values[m.id], b.values[m.id]),
      sortDirections: ['descend' as const, 'ascend' as const],
      onCell: (r: ChildRow) => {
        const s = r.status[m.id];
        return { style: s ? { background: STATUS_BG[s] } : undefined, 'data-testid': `cell-${r.code}-${m.id}` } as never;
      },
      render: (_: unknown, r: ChildRow) => {
        const s = r.status[m.id];
        if (!r.hasData) return <span className="fp-cmd-nodata">{t('cmd.noData')}</span>;
        return (
          <span style={{ color: s ? STATUS_COLOR[s] : undefined, fontWeight: s === 'bad' ? 600 : 400 }}>
            {formatValue(r.values[m.id], m, lang)}
          </span>
        );
      },
    })),
  ];
  return (
    <Table<ChildRow>
      rowKey="code"
      size="small"
      dataSource={ranked}
      columns={columns}
      pagination={ranked.length > 30 ? { pageSize: 30, showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }) } : false}
      scroll={phone ? undefined : { x: 220 + shown.length * 130 }}
      rowClassName={() => 'fp-clickable-row'}
      onRow={(r) => ({ onClick: () => onPick(r.code) })}
      locale={{ emptyText: <EmptyState description={t('cmd.rank.empty')} /> }}
      data-testid="command-rankings"
    />
  );
}
