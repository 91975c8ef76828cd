import { ReloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Grid, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import { type AuditQuery, audit as auditApi } from '../api/endpoints';
import type { AuditRow } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ActionTag, codeLabel, RecordName, RowDetail, WithCode, whenAndWho } from '../components/AuditDiff';
import { LoadMore } from '../components/LoadMore';
import { EmptyState, ErrorState } from '../components/States';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { useToast } from '../lib/useToast';

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

interface ChainReport {
  intact: boolean;
  rows: number;
  message: string;
  head: { id: number; seq: number; at: string; hash: string } | null;
  broken: { id: number; at: string; seq: number; reason: 'altered' | 'missing' } | null;
}

/** The province administrator checks the audit trail's hash chain: intact, or the first broken link. */
function ChainCheck() {
  const { t, lang } = useI18n();
  const [report, setReport] = useState<ChainReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setReport(await api.get<ChainReport>('/api/audit/verify'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="audit-verify">
      <Space wrap>
        <Button icon={<SafetyCertificateOutlined />} loading={running} onClick={run} data-testid="audit-verify-run">
          {t('audit.verify.run')}
        </Button>
        <Typography.Text type="secondary">{t('audit.verify.hint')}</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      {report && (
        <Alert
          type={report.intact ? 'success' : 'error'}
          showIcon
          data-testid="audit-verify-result"
          message={report.message}
          description={
            report.head && (
              <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                {t('audit.verify.head')}: #{report.head.id} · {formatDateTime(report.head.at, lang)} · sha256 {report.head.hash}
              </Typography.Text>
            )
          }
        />
      )}
    </Space>
  );
}

/** On a phone each row is a card: what happened to which record, who, when, where; the fields on demand. */
function AuditCard({ row }: { row: AuditRow }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }} data-testid="audit-card">
      <Space wrap size={[6, 4]}>
        <ActionTag action={row.action} />
        <Tag title={row.entity}>{codeLabel(t, 'audit.entity', row.entity)}</Tag>
        <Typography.Text strong>
          <RecordName row={row} />
        </Typography.Text>
      </Space>
      <Typography.Text type="secondary">
        {formatDateTime(row.at, lang)} · {row.actorName ?? t('audit.system')}
      </Typography.Text>
      <WithCode text={row.scopeName ?? row.scopeCode} code={row.scopeCode} testId="audit-scope" />
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(!open)} data-testid="audit-card-open">
        {t('audit.details')}
      </Button>
      {open && <RowDetail row={row} />}
    </Space>
  );
}

export default function Audit() {
  const { t, lang } = useI18n();
  const message = useToast();
  const { user } = useAuth();
  const narrow = Grid.useBreakpoint().md === false;
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
      {user?.scope.code.length === 2 && <ChainCheck />}
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
          {narrow ? (
            <List<AuditRow>
              loading={loading}
              dataSource={rows}
              rowKey="id"
              data-testid="audit-table"
              locale={{ emptyText: loading ? ' ' : <EmptyState description={t('audit.empty')} /> }}
              renderItem={(r) => (
                <List.Item>
                  <AuditCard row={r} />
                </List.Item>
              )}
            />
          ) : (
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
                ...whenAndWho(t, lang),
                {
                  title: t('audit.entity'),
                  dataIndex: 'entity',
                  width: 130,
                  render: (v: string) => <Tag title={v}>{codeLabel(t, 'audit.entity', v)}</Tag>,
                },
                {
                  title: t('audit.entityId'),
                  dataIndex: 'entityName',
                  width: 180,
                  ellipsis: true,
                  render: (_: unknown, r: AuditRow) => <RecordName row={r} />,
                },
                {
                  title: t('audit.action'),
                  dataIndex: 'action',
                  width: 130,
                  render: (v: string) => <ActionTag action={v} />,
                },
                {
                  title: t('audit.scope'),
                  dataIndex: 'scopeName',
                  ellipsis: true,
                  render: (_: unknown, r: AuditRow) => (
                    <WithCode text={r.scopeName ?? r.scopeCode} code={r.scopeCode} testId="audit-scope" />
                  ),
                },
              ]}
            />
          )}
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore count={rows.length} hasMore={Boolean(cursor)} loading={loadingMore} onMore={loadMore} testId="audit-load-more" />
          </div>
        </>
      )}
    </Card>
  );
}
