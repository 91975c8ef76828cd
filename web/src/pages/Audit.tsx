import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { type AuditQuery, audit as auditApi } from '../api/endpoints';
import type { AuditRow } from '../api/types';
import { ACTION_COLORS, codeLabel, RowDetail } from '../components/AuditDiff';
import { LoadMore } from '../components/LoadMore';
import { EmptyState, ErrorState } from '../components/States';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';

const PAGE = 50;

interface Filters {
  actor: string;
  entity?: string;
  range: [Dayjs | null, Dayjs | null] | null;
}

function toQuery(f: Filters): AuditQuery {
  return {
    actor: f.actor.trim() || undefined,
    entity: f.entity || undefined,
    from: f.range?.[0]?.startOf('day').toISOString(),
    to: f.range?.[1]?.endOf('day').toISOString(),
  };
}

export default function Audit() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const entities = useAsync(() => auditApi.entities(), [lang]);
  const [draft, setDraft] = useState<Filters>({ actor: '', range: null });
  const [applied, setApplied] = useState<Filters>({ actor: '', range: null });
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload; lang re-localises
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    auditApi.list({ ...toQuery(applied), limit: PAGE }).then(
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
      const p = await auditApi.list({ ...toQuery(applied), limit: PAGE, cursor });
      setRows((r) => [...r, ...p.items.filter((a) => !r.some((x) => x.id === a.id))]);
      setCursor(p.nextCursor);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  }, [cursor, applied, message]);

  return (
    <Card title={t('audit.title')} data-testid="audit-page">
      <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
        <Input
          allowClear
          style={{ width: 200 }}
          placeholder={t('audit.actor')}
          value={draft.actor}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          onPressEnter={() => setApplied(draft)}
          data-testid="audit-actor"
        />
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('audit.entityAll')}
          value={draft.entity}
          onChange={(v) => setDraft({ ...draft, entity: v })}
          loading={entities.loading}
          options={(entities.data ?? []).map((e) => ({ value: e, label: codeLabel(t, 'audit.entity', e) }))}
          data-testid="audit-entity"
        />
        <DatePicker.RangePicker
          value={draft.range}
          onChange={(v) => setDraft({ ...draft, range: v as Filters['range'] })}
          allowEmpty={[true, true]}
          data-testid="audit-range"
        />
        <Button type="primary" icon={<SearchOutlined />} onClick={() => setApplied(draft)} data-testid="audit-search">
          {t('common.search')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            const empty: Filters = { actor: '', range: null };
            setDraft(empty);
            setApplied(empty);
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
          <Table<AuditRow>
            rowKey="id"
            loading={loading}
            dataSource={rows}
            pagination={false}
            data-testid="audit-table"
            scroll={{ x: 900 }}
            locale={{ emptyText: loading ? ' ' : <EmptyState description={t('audit.empty')} /> }}
            expandable={{ expandedRowRender: (row) => <RowDetail row={row} /> }}
            columns={[
              { title: t('audit.at'), dataIndex: 'at', width: 190, render: (v: string) => formatDateTime(v, lang) },
              {
                title: t('audit.actor'),
                dataIndex: 'actorName',
                width: 160,
                render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
              },
              {
                title: t('audit.entity'),
                dataIndex: 'entity',
                width: 130,
                render: (v: string) => <Tag title={v}>{codeLabel(t, 'audit.entity', v)}</Tag>,
              },
              {
                title: t('audit.entityId'),
                dataIndex: 'entityId',
                width: 200,
                ellipsis: true,
                render: (v: string | null) => <Typography.Text code>{v ?? '—'}</Typography.Text>,
              },
              {
                title: t('audit.action'),
                dataIndex: 'action',
                width: 130,
                render: (v: string) => (
                  <Tag color={ACTION_COLORS[v] ?? 'default'} title={v}>
                    {codeLabel(t, 'audit.action', v)}
                  </Tag>
                ),
              },
              { title: t('audit.scope'), dataIndex: 'scopeCode', render: (v: string | null) => v ?? '—' },
            ]}
          />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore count={rows.length} hasMore={Boolean(cursor)} loading={loadingMore} onMore={loadMore} testId="audit-load-more" />
          </div>
        </>
      )}
    </Card>
  );
}
