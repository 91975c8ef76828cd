import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../../api/client';
import { GAPS, type Gap, type HouseholdFilters, type HouseholdItem, registry } from '../../api/registry';
import { useAuth, useMe } from '../../auth/AuthContext';
import { type MessageKey, useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { deadlinePassed } from '../../lib/household';
import { useAsync } from '../../lib/useAsync';
import { useCodeLists } from '../../lib/useCodeLists';
import { useRegionLink } from '../../lib/useRegion';
import { LoadMore } from '../LoadMore';
import { RegionNotFound } from '../RegionNotFound';
import { EmptyState, ErrorState } from '../States';
import { StatusTag } from './StatusTag';

const PAGE = 50;
const FILTER_KEYS = ['status', 'cause', 'category', 'gap', 'q'] as const;

/** The list's filters live in the URL (?status=&cause=&category=&gap=&q=), so a filtered view can be shared and survives "back". */
function useFilters(): [HouseholdFilters, (next: HouseholdFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<HouseholdFilters>(() => {
    const gap = params.get('gap');
    return {
      status: params.get('status') || undefined,
      cause: params.get('cause') || undefined,
      category: params.get('category') || undefined,
      gap: GAPS.includes(gap as Gap) ? (gap as Gap) : undefined,
      q: params.get('q') || undefined,
    };
  }, [params]);
  const set = useCallback(
    (next: HouseholdFilters) => {
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          for (const k of FILTER_KEYS) {
            const v = next[k];
            if (v) p.set(k, v);
            else p.delete(k);
          }
          return p;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [filters, set];
}

function ExportButton({ region, filters }: { region: string; filters: HouseholdFilters }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const [unmask, setUnmask] = useState(false);
  const [busy, setBusy] = useState(false);
  const mayUnmask = can('pii.unmask');

  const run = async (full: boolean) => {
    setBusy(true);
    try {
      const name = await registry.exportHouseholds({ region, ...filters, unmask: full });
      message.success(t('reg.export.ok', { name }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const click = () => {
    if (mayUnmask && unmask) {
      modal.confirm({
        title: t('reg.export.unmaskConfirmTitle'),
        content: t('reg.export.unmaskConfirm'),
        okText: t('reg.export.unmaskOk'),
        cancelText: t('common.cancel'),
        okButtonProps: { danger: true, 'data-testid': 'export-unmask-ok' },
        onOk: () => run(true),
      });
    } else {
      void run(false);
    }
  };

  return (
    <Space size={8}>
      {mayUnmask && (
        <Checkbox checked={unmask} onChange={(e) => setUnmask(e.target.checked)} data-testid="export-unmask">
          {t('reg.export.unmask')}
        </Checkbox>
      )}
      <Button icon={<DownloadOutlined />} loading={busy} onClick={click} data-testid="households-export">
        {t('reg.export')}
      </Button>
    </Space>
  );
}

/**
 * The households of a region (a county, a township, one village): filters, search, keyset "load more", export.
 * Used by the households page (region from ?region=) and the poor village's detail (region = the village).
 */
export function HouseholdBrowser({ region, showVillage = true, title }: { region: string; showVillage?: boolean; title?: ReactNode }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const link = useRegionLink();
  const codes = useCodeLists();
  const year = useAsync(() => registry.registerYear(), []);
  const [filters, setFilters] = useFilters();
  const [qInput, setQInput] = useState(filters.q ?? '');
  const [rows, setRows] = useState<HouseholdItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => setQInput(filters.q ?? ''), [filters.q]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload; lang relabels codes
  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    registry.households({ region, ...filters, limit: PAGE }, ctl.signal).then(
      (p) => {
        setRows(p.items);
        setCursor(p.nextCursor);
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

  const detail = (h: HouseholdItem) => link(`/registry/households/${encodeURIComponent(String(h.id))}`);
  const filtered = FILTER_KEYS.some((k) => filters[k]);

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
      <Space wrap size={[8, 8]} style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('reg.f.status')}
          value={filters.status}
          onChange={(v) => setFilters({ ...filters, status: v })}
          options={codes.options('household_status')}
          loading={codes.loading}
          data-testid="filter-status"
        />
        <Select
          allowClear
          style={{ width: 140 }}
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
          style={{ width: 140 }}
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
          style={{ width: 140 }}
          placeholder={t('reg.f.gap')}
          value={filters.gap}
          onChange={(v) => setFilters({ ...filters, gap: v })}
          options={GAPS.map((g) => ({ value: g, label: t(`reg.gap.${g}` as MessageKey) }))}
          popupMatchSelectWidth={false}
          data-testid="filter-gap"
        />
        <Space.Compact>
          <Input
            allowClear
            style={{ width: 270 }}
            prefix={<SearchOutlined />}
            placeholder={t('reg.f.q')}
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

      {error ? (
        <ErrorState error={error} onRetry={() => setTick((x) => x + 1)} />
      ) : (
        <>
          <Table<HouseholdItem>
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
                // Let links and buttons inside the row do their own thing.
                if ((e.target as HTMLElement).closest('a,button')) return;
                navigate(detail(h));
              },
            })}
            locale={{ emptyText: loading ? ' ' : <EmptyState description={t(filtered ? 'reg.h.emptyFiltered' : 'reg.h.empty')} /> }}
            columns={[
              {
                title: t('reg.h.no'),
                dataIndex: 'householdNo',
                width: 140,
                fixed: 'left',
                render: (v: string, h) => (
                  <Link to={detail(h)} data-testid="household-link">
                    {v}
                  </Link>
                ),
              },
              ...(showVillage
                ? [
                    {
                      title: t('reg.h.village'),
                      key: 'village',
                      width: 130,
                      render: (_: unknown, h: HouseholdItem) => (
                        <span>
                          {h.villageName}
                          <br />
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {h.townshipName}
                          </Typography.Text>
                        </span>
                      ),
                    },
                  ]
                : []),
              {
                title: t('reg.h.head'),
                key: 'head',
                width: 155,
                render: (_, h) => (
                  <span>
                    <Typography.Text strong data-testid="household-head">
                      {h.headName ?? '—'}
                    </Typography.Text>
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
                      {h.headIdMasked ?? ''}
                    </Typography.Text>
                  </span>
                ),
              },
              { title: t('reg.h.members'), dataIndex: 'memberCount', width: 84, align: 'right' },
              {
                title: t('reg.h.categoryCause'),
                key: 'categoryCause',
                width: 130,
                render: (_, h) => (
                  <span>
                    {h.categoryLabel ?? h.category}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {h.causeLabel ?? h.cause}
                    </Typography.Text>
                  </span>
                ),
              },
              {
                title: t('reg.h.status'),
                dataIndex: 'status',
                width: 84,
                render: (v: string, h) => <StatusTag status={v} label={h.statusLabel} />,
              },
              {
                title: t('reg.h.plannedExit'),
                dataIndex: 'plannedExitYear',
                width: 96,
                align: 'right',
                render: (v: number | null, h) =>
                  v === null ? (
                    <Typography.Text type="warning">{t('reg.h.noDeadline')}</Typography.Text>
                  ) : deadlinePassed(h, year.data) ? (
                    <Tooltip title={t('reg.h.deadlinePassed', { year: year.data ?? '' })}>
                      <Typography.Text type="danger" strong data-testid="deadline-passed">
                        {v}
                      </Typography.Text>
                    </Tooltip>
                  ) : (
                    v
                  ),
              },
              {
                title: t('reg.h.income'),
                dataIndex: 'income',
                width: 104,
                align: 'right',
                render: (v: number | null) => (v === null ? '—' : formatNumber(v, lang)),
              },
              {
                title: t('reg.h.helper'),
                dataIndex: 'helperName',
                width: 90,
                render: (v: string | null) => v ?? <Typography.Text type="warning">{t('reg.h.noHelper')}</Typography.Text>,
              },
              {
                title: t('reg.h.project'),
                dataIndex: 'hasProject',
                width: 76,
                align: 'center',
                render: (v: boolean) =>
                  v ? (
                    <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('common.yes')} />
                  ) : (
                    <CloseCircleFilled style={{ color: '#cf1322' }} aria-label={t('common.no')} />
                  ),
              },
            ]}
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
    </div>
  );
}
