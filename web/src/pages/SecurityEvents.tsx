import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Input, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { type SecurityEvent, type SecurityQuery, security } from '../api/security';
import { LoadMore } from '../components/LoadMore';
import { ResponsiveTable } from '../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../components/States';
import { hasMessage, type Lang, type Translate, useI18n } from '../i18n';
import { formatDateTime, formatNumber } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { useToast } from '../lib/useToast';

const PAGE = 50;

const KIND_COLORS: Record<string, string> = {
  login_failed: 'orange',
  login_locked: 'red',
  password_change_failed: 'orange',
  csrf_failed: 'gold',
  scope_conflict: 'volcano',
  scope_conflict_burst: 'magenta',
  unmask: 'purple',
  unmask_bulk: 'magenta',
  unmask_limit: 'red',
  id_search: 'geekblue',
  id_search_limit: 'red',
};

interface Filters {
  kind?: string;
  actor: string;
  range: [Dayjs | null, Dayjs | null] | null;
}

const EMPTY: Filters = { actor: '', range: null };

function toQuery(f: Filters): SecurityQuery {
  return {
    kind: f.kind || undefined,
    actor: f.actor.trim() || undefined,
    from: f.range?.[0]?.startOf('day').toISOString(),
    to: f.range?.[1]?.endOf('day').toISOString(),
  };
}

/** An event's details as a clerk reads them: labelled fields, labelled values, local times; unknown keys as they are. */
function detailText(d: Record<string, unknown> | null, t: Translate, lang: Lang): string {
  if (!d) return '';
  const label = (key: string, fallback: string) => (hasMessage(key) ? t(key) : fallback);
  const value = (k: string, v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'boolean') return t(v ? 'security.d.yes' : 'security.d.no');
    if (k === 'until' && typeof v === 'string') return formatDateTime(v, lang);
    if (typeof v === 'number') return formatNumber(v, lang);
    if (typeof v === 'object') {
      return Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== null && x !== undefined && x !== '')
        .map(([kk, x]) => `${kk}=${String(x)}`)
        .join(', ');
    }
    return label(`security.d.${k}.${String(v)}`, String(v));
  };
  return Object.entries(d)
    .map(([k, v]) => `${label(`security.d.${k}`, k)}: ${value(k, v)}`)
    .join('；');
}

/** Counts per kind over the last 7 and 30 days (lockouts, scope conflicts, unmasking, failed CSRF). */
function Summary({ tick }: { tick: number }) {
  const { t, lang } = useI18n();
  const summary = useAsync(() => security.summary(), [lang, tick]);
  if (summary.error) return <ErrorState error={summary.error} onRetry={summary.reload} />;
  const data = summary.data;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="security-summary">
      {(data?.windows ?? [{ days: 7 }, { days: 30 }]).map((w) => (
        <Col xs={24} xl={12} key={w.days}>
          <Card size="small" title={t(w.days === 7 ? 'security.last7' : 'security.last30')} loading={summary.loading}>
            <Row gutter={[12, 12]}>
              {(data?.kinds ?? []).map((k) => (
                <Col xs={12} sm={8} key={k.kind}>
                  <Statistic
                    title={k.label}
                    value={'counts' in w ? (w.counts[k.kind] ?? 0) : 0}
                    formatter={(v) => formatNumber(Number(v), lang)}
                    data-testid={`security-count-${w.days}-${k.kind}`}
                  />
                </Col>
              ))}
              <Col xs={12} sm={8}>
                <Statistic
                  title={t('security.unmaskedPersons')}
                  value={'unmaskedPersons' in w ? w.unmaskedPersons : 0}
                  formatter={(v) => formatNumber(Number(v), lang)}
                />
              </Col>
            </Row>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export default function SecurityEvents() {
  const { t, lang } = useI18n();
  const message = useToast();
  const kinds = useAsync(() => security.kinds(), [lang]);
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [rows, setRows] = useState<SecurityEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload; lang re-localises the kinds
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    security.events({ ...toQuery(applied), limit: PAGE }).then(
      (p) => {
        if (!live) return;
        setRows(p.items);
        setCursor(p.nextCursor);
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(e);
        setRows([]);
        setCursor(null);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [applied, lang, tick]);

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const p = await security.events({ ...toQuery(applied), limit: PAGE, cursor });
      setRows((r) => [...r, ...p.items.filter((a) => !r.some((x) => x.id === a.id))]);
      setCursor(p.nextCursor);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  }, [cursor, applied, message]);

  const doExport = async () => {
    setExporting(true);
    try {
      const name = await security.exportXlsx(toQuery(applied));
      message.success(t('security.exported', { name }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      title={t('security.title')}
      data-testid="security-page"
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => void doExport()} loading={exporting} data-testid="security-export">
          {t('security.export')}
        </Button>
      }
    >
      <Summary tick={tick} />
      <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 220 }}
          placeholder={t('security.kindAll')}
          value={draft.kind}
          onChange={(v) => setDraft({ ...draft, kind: v })}
          loading={kinds.loading}
          options={(kinds.data ?? []).map((k) => ({ value: k.kind, label: k.label }))}
          data-testid="security-kind"
        />
        <Input
          allowClear
          style={{ width: 180 }}
          placeholder={t('security.actor')}
          value={draft.actor}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          onPressEnter={() => setApplied(draft)}
          data-testid="security-actor"
        />
        <DatePicker.RangePicker
          value={draft.range}
          onChange={(v) => setDraft({ ...draft, range: v as Filters['range'] })}
          allowEmpty={[true, true]}
          data-testid="security-range"
        />
        <Button type="primary" icon={<SearchOutlined />} onClick={() => setApplied(draft)} data-testid="security-search">
          {t('common.search')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setDraft(EMPTY);
            setApplied(EMPTY);
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
          <ResponsiveTable<SecurityEvent>
            rowKey="id"
            loading={loading}
            dataSource={rows}
            pagination={false}
            data-testid="security-table"
            scroll={{ x: 960 }}
            locale={{ emptyText: loading ? ' ' : <EmptyState description={t('security.empty')} /> }}
            columns={[
              { title: t('security.at'), dataIndex: 'at', width: 180, render: (v: string) => formatDateTime(v, lang) },
              {
                title: t('security.kind'),
                dataIndex: 'kind',
                width: 200,
                render: (v: string, row) => (
                  <Tag color={KIND_COLORS[v] ?? 'default'} title={v}>
                    {row.kindLabel}
                  </Tag>
                ),
              },
              {
                title: t('security.actor'),
                dataIndex: 'actorName',
                width: 140,
                render: (v: string) => v || <Typography.Text type="secondary">{t('security.noActor')}</Typography.Text>,
              },
              { title: t('security.scope'), dataIndex: 'scopeCode', width: 130, render: (v: string) => v || '—' },
              { title: t('security.ip'), dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
              {
                title: t('security.details'),
                dataIndex: 'details',
                ellipsis: true,
                render: (v: Record<string, unknown> | null) => {
                  const text = detailText(v, t, lang);
                  return text ? (
                    <Typography.Text type="secondary" title={text}>
                      {text}
                    </Typography.Text>
                  ) : (
                    '—'
                  );
                },
              },
            ]}
          />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore count={rows.length} hasMore={Boolean(cursor)} loading={loadingMore} onMore={loadMore} testId="security-load-more" />
          </div>
        </>
      )}
    </Card>
  );
}
