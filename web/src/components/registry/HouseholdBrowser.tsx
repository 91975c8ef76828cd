import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Tag, Typography } from 'antd';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage, isApiError } from '../../api/client';
import { GAPS, type HouseholdItem, registry } from '../../api/registry';
import { useAuth, useMe } from '../../auth/AuthContext';
import { type MessageKey, useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useCodeLists } from '../../lib/useCodeLists';
import { usePhone } from '../../lib/usePhone';
import { useRegionLink } from '../../lib/useRegion';
import { useToast } from '../../lib/useToast';
import { AssignHelperModal } from '../helpers/AssignHelperModal';
import { SelectableCard, SelectionBar } from '../helpers/Selection';
import { LoadMore } from '../LoadMore';
import { RegionNotFound } from '../RegionNotFound';
import { ResponsiveTable } from '../ResponsiveTable';
import { EmptyState, ErrorState } from '../States';
import { ExportButton } from './ExportButton';
import { HouseholdCard } from './HouseholdCard';
import { householdColumns } from './householdColumns';
import { FILTER_KEYS, useFilters } from './householdFilters';
import { MatchTag } from './MatchTag';

const PAGE = 50;

/**
 * The households of a region (a county, a township, one village): filters, search, keyset "load more", export.
 * Used by the households page (region from ?region=) and the poor village's detail (region = the village).
 */
export function HouseholdBrowser({ region, showVillage = true, title }: { region: string; showVillage?: boolean; title?: ReactNode }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const message = useToast();
  const navigate = useNavigate();
  const link = useRegionLink();
  const codes = useCodeLists();
  const year = useAsync(() => registry.registerYear(), []);
  const [filters, setFilters] = useFilters();
  const [qInput, setQInput] = useState(filters.q ?? '');
  const [rows, setRows] = useState<HouseholdItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<{ n: number; exact: boolean } | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const phone = usePhone();
  const { can } = useAuth();
  // Rows picked for 指定帮扶责任人 (kept over "load more", dropped when the list changes).
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [assigning, setAssigning] = useState(false);
  const selectable = can('data.write');
  // On a phone the filters share the width two by two and the search takes a line of its own.
  const w = (px: number) => (phone ? '100%' : px);

  useEffect(() => setQInput(filters.q ?? ''), [filters.q]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload; lang relabels codes
  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    setSelected(new Set());
    registry.households({ region, ...filters, limit: PAGE }, ctl.signal).then(
      (p) => {
        setRows(p.items);
        setCursor(p.nextCursor);
        setTotal(p.total === undefined ? null : { n: p.total, exact: p.totalExact !== false });
        setLoading(false);
      },
      (e) => {
        if (ctl.signal.aborted) return;
        setError(e);
        setRows([]);
        setCursor(null);
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [region, filters, lang, tick]);

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const p = await registry.households({ region, ...filters, limit: PAGE, cursor });
      setRows((r) => [...r, ...p.items.filter((h) => !r.some((x) => x.id === h.id))]);
      setCursor(p.nextCursor);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  }, [cursor, region, filters, message]);

  const incomeBandLabel = (k: number) =>
    k >= 10
      ? t('reg.f.incomeBandTop')
      : t('reg.f.incomeBand', { from: formatNumber(k * 1000, lang), to: formatNumber((k + 1) * 1000, lang) });
  // An estimate is shown to three significant digits: its last digits mean nothing.
  const shownTotal = (n: number, exact: boolean) => (exact || n < 1000 ? n : Number(n.toPrecision(3)));
  const detail = (h: HouseholdItem) => link(`/registry/households/${encodeURIComponent(String(h.id))}`);
  const filtered = FILTER_KEYS.some((k) => filters[k]);
  const toggle = (id: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  if (error && isApiError(error) && (error.status === 404 || error.status === 400) && region !== me.scope.code) {
    return <RegionNotFound code={region} />;
  }

  return (
    <div data-testid="household-browser">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title ?? t('reg.h.list')}
        </Typography.Title>
        <ExportButton region={region} filters={filters} />
      </div>
      <Space wrap size={[8, 8]} style={{ marginBottom: 16 }} className={phone ? 'fp-filters-phone' : undefined}>
        <Select
          allowClear
          mode="multiple"
          maxTagCount="responsive"
          style={phone ? { width: '100%' } : { minWidth: 120 }}
          placeholder={t('reg.f.status')}
          value={filters.status?.split(',').filter(Boolean) ?? []}
          onChange={(v: string[]) => setFilters({ ...filters, status: v.join(',') || undefined })}
          options={codes.options('household_status')}
          loading={codes.loading}
          data-testid="filter-status"
        />
        <Select
          allowClear
          style={{ width: w(140) }}
          placeholder={t('reg.f.cause')}
          value={filters.cause}
          onChange={(v) => setFilters({ ...filters, cause: v })}
          options={codes.options('poverty_cause')}
          loading={codes.loading}
          popupMatchSelectWidth={false}
          data-testid="filter-cause"
        />
        <Select
          allowClear
          style={{ width: w(140) }}
          placeholder={t('reg.f.category')}
          value={filters.category}
          onChange={(v) => setFilters({ ...filters, category: v })}
          options={codes.options('household_category')}
          loading={codes.loading}
          popupMatchSelectWidth={false}
          data-testid="filter-category"
        />
        <Select
          allowClear
          style={{ width: w(140) }}
          placeholder={t('reg.f.gap')}
          value={filters.gap}
          onChange={(v) => setFilters({ ...filters, gap: v })}
          options={GAPS.map((g) => ({ value: g, label: t(`reg.gap.${g}` as MessageKey) }))}
          popupMatchSelectWidth={false}
          data-testid="filter-gap"
        />
        <Space.Compact style={phone ? { width: '100%' } : undefined}>
          <Input
            allowClear
            style={{ width: w(270) }}
            prefix={<SearchOutlined />}
            placeholder={t('reg.f.q')}
            title={t('reg.f.qHint')}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value && filters.q) setFilters({ ...filters, q: undefined });
            }}
            onPressEnter={() => setFilters({ ...filters, q: qInput.trim() || undefined })}
            data-testid="households-q"
          />
          <Button type="primary" onClick={() => setFilters({ ...filters, q: qInput.trim() || undefined })} data-testid="households-search">
            {t('common.search')}
          </Button>
        </Space.Compact>
        {filters.plannedExit && (
          <Tag closable onClose={() => setFilters({ ...filters, plannedExit: undefined })} data-testid="filter-planned-exit">
            {filters.plannedExit === 'none' ? t('reg.f.plannedExitNone') : t('reg.f.plannedExit', { year: filters.plannedExit })}
          </Tag>
        )}
        {filters.incomeBand && (
          <Tag closable onClose={() => setFilters({ ...filters, incomeBand: undefined })} data-testid="filter-income-band">
            {incomeBandLabel(Number(filters.incomeBand))}
          </Tag>
        )}
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setQInput('');
            setFilters({});
            setTick((x) => x + 1);
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>

      {/* Hidden while a new filter loads: the old count next to the new filter would be read as its count. */}
      {total && !error && !loading && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }} data-testid="households-total">
          {t(total.exact ? 'reg.h.total' : 'reg.h.totalAbout', { count: formatNumber(shownTotal(total.n, total.exact), lang) })}
        </Typography.Text>
      )}
      {selectable && <SelectionBar count={selected.size} onAssign={() => setAssigning(true)} onClear={() => setSelected(new Set())} />}
      {error ? (
        <ErrorState error={error} onRetry={() => setTick((x) => x + 1)} />
      ) : (
        <>
          <ResponsiveTable<HouseholdItem>
            card={(h) => {
              const body = (
                <HouseholdCard
                  h={h}
                  to={detail(h)}
                  showVillage={showVillage}
                  registerYear={year.data}
                  matched={h.matched && <MatchTag matched={h.matched} />}
                />
              );
              if (!selectable) return body;
              return (
                <SelectableCard checked={selected.has(h.id)} onChange={(on) => toggle(h.id, on)}>
                  {body}
                </SelectableCard>
              );
            }}
            rowSelection={
              selectable
                ? {
                    selectedRowKeys: [...selected],
                    preserveSelectedRowKeys: true,
                    onChange: (keys) => setSelected(new Set(keys.map(Number))),
                    getCheckboxProps: () => ({ 'aria-label': t('hlp.sel.selectRow'), 'data-testid': 'household-select' }) as never,
                  }
                : undefined
            }
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={rows}
            pagination={false}
            scroll={{ x: showVillage ? 1089 : 959 }}
            data-testid="households-table"
            rowClassName={() => 'fp-clickable-row'}
            onRow={(h) => ({
              onClick: (e) => {
                // Let links, buttons and the selection boxes inside the row do their own thing.
                if ((e.target as HTMLElement).closest('a,button,label,input,.ant-checkbox-wrapper,.ant-table-selection-column')) return;
                // BrowserRouter navigates at once; the Promise in navigate's type is the data routers' only.
                void navigate(detail(h));
              },
            })}
            locale={{ emptyText: loading ? ' ' : <EmptyState description={t(filtered ? 'reg.h.emptyFiltered' : 'reg.h.empty')} /> }}
            columns={householdColumns({ t, lang, showVillage, registerYear: year.data, detail })}
          />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore
              count={rows.length}
              hasMore={Boolean(cursor)}
              loading={loadingMore}
              onMore={loadMore}
              testId="households-load-more"
              countTestId="households-count"
            />
          </div>
        </>
      )}
      {selectable && (
        <AssignHelperModal
          open={assigning}
          region={region}
          householdIds={[...selected]}
          withHelper={rows.filter((h) => selected.has(h.id) && h.helperName).length}
          onClose={() => setAssigning(false)}
          onDone={() => {
            setAssigning(false);
            setTick((x) => x + 1);
          }}
        />
      )}
    </div>
  );
}
