import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Card, Pagination, Skeleton, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { type Key, type MouseEvent, type ReactNode, useState } from 'react';
import { useI18n } from '../i18n';
import { usePhone } from '../lib/usePhone';
import './responsive-table.css';

type Props<T> = TableProps<T> & {
  /**
   * The card of one row on a phone. Without it the card is made from the columns: the first one as its title,
   * the others as label and value.
   */
  card?: (row: T, index: number) => ReactNode;
  'data-testid'?: string;
};

function valueAt(row: unknown, dataIndex: ColumnType<unknown>['dataIndex']): unknown {
  if (dataIndex === undefined || dataIndex === null) return undefined;
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  return path.reduce<unknown>((v, k) => (v === null || v === undefined ? v : (v as Record<string, unknown>)[k as string]), row);
}

/** A column shows on a phone unless it is hidden or its `responsive` list leaves out the smallest screens. */
const onPhone = (c: { hidden?: boolean; responsive?: string[] }) => !c.hidden && (!c.responsive || c.responsive.includes('xs'));

function cellOf<T>(c: ColumnType<T>, row: T, index: number): ReactNode {
  const value = valueAt(row, c.dataIndex as ColumnType<unknown>['dataIndex']);
  if (c.render) return c.render(value, row, index) as ReactNode;
  return value === null || value === undefined ? '—' : String(value);
}

function ColumnCard<T>({ columns, row, index }: { columns: ColumnType<T>[]; row: T; index: number }) {
  const [first, ...rest] = columns;
  return (
    <>
      {first && <div className="fp-rcard-title">{cellOf(first, row, index)}</div>}
      <dl className="fp-rcard-fields">
        {rest.map((c, i) => (
          <div key={String(c.key ?? c.dataIndex ?? i)} className="fp-rcard-field">
            <dt>{typeof c.title === 'function' ? null : c.title}</dt>
            <dd>{cellOf(c, row, index)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/**
 * An antd Table on a wide screen, a column of cards on a phone (narrower than 768 px): a table wider than a phone
 * would scroll sideways, a card shows the row's essentials at a glance and is one tap target. Takes the Table's
 * props; a row's onRow click opens from its card, `expandable` becomes a "details" toggle in the card, and a
 * `pagination` page size pages the cards.
 */
export function ResponsiveTable<T extends object>(props: Props<T>) {
  const phone = usePhone();
  if (!phone) {
    const { card: _card, ...table } = props;
    return <Table<T> {...table} />;
  }
  return <CardList {...props} />;
}

function CardList<T extends object>({
  card,
  dataSource,
  columns,
  rowKey,
  onRow,
  loading,
  locale,
  expandable,
  pagination,
  ...rest
}: Props<T>) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Set<Key>>(new Set());
  const [page, setPage] = useState(1);
  const rows = [...(dataSource ?? [])];
  const keyOf = (row: T, i: number): Key =>
    typeof rowKey === 'function' ? rowKey(row, i) : ((valueAt(row, (rowKey ?? 'key') as string) as Key | undefined) ?? i);
  const shownColumns = ((columns ?? []) as ColumnType<T>[]).filter(onPhone);
  const pageSize = pagination ? (pagination.pageSize ?? 10) : rows.length || 1;
  const pageRows = pagination ? rows.slice((page - 1) * pageSize, page * pageSize) : rows;
  const busy = typeof loading === 'object' ? loading.spinning : loading;

  if (busy && !rows.length) return <Skeleton active paragraph={{ rows: 4 }} data-testid={rest['data-testid']} />;
  if (!rows.length) {
    const empty = locale?.emptyText;
    return <div data-testid={rest['data-testid']}>{typeof empty === 'function' ? empty() : empty}</div>;
  }
  return (
    <div className="fp-rcards" data-testid={rest['data-testid']} data-layout="cards">
      {pageRows.map((row, i) => {
        const index = pagination ? (page - 1) * pageSize + i : i;
        const key = keyOf(row, index);
        const handlers = onRow?.(row, index) ?? {};
        const details = expandable?.expandedRowRender;
        const expanded = open.has(key);
        return (
          <Card
            key={key}
            size="small"
            className={`fp-rcard${handlers.onClick ? ' fp-rcard-clickable' : ''}`}
            data-testid="list-card"
            onClick={handlers.onClick as ((e: MouseEvent<HTMLDivElement>) => void) | undefined}
          >
            {card ? card(row, index) : <ColumnCard columns={shownColumns} row={row} index={index} />}
            {details && (
              <>
                <Button
                  type="link"
                  size="small"
                  className="fp-rcard-toggle"
                  icon={expanded ? <UpOutlined /> : <DownOutlined />}
                  onClick={() =>
                    setOpen((s) => {
                      const next = new Set(s);
                      if (!next.delete(key)) next.add(key);
                      return next;
                    })
                  }
                  data-testid="list-card-details"
                >
                  {t(expanded ? 'list.hideDetails' : 'list.showDetails')}
                </Button>
                {expanded && <div className="fp-rcard-details">{details(row, index, 0, true)}</div>}
              </>
            )}
          </Card>
        );
      })}
      {pagination && rows.length > pageSize && (
        <Pagination simple current={page} pageSize={pageSize} total={rows.length} onChange={setPage} className="fp-rcards-pager" />
      )}
    </div>
  );
}
