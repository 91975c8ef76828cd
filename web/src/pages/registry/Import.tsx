import { CheckOutlined, CloseOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Progress, Result, Row, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../../api/client';
import { type ImportBatch, type ImportCounts, type ImportProblem, type ImportProgress, registry } from '../../api/registry';
import type { Id } from '../../api/types';
import { LoadMore } from '../../components/LoadMore';
import { EmptyState, ErrorState, PageLoading } from '../../components/States';
import { hasMessage, type MessageKey, type Translate, useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';

const POLL_MS = 700;
const PROBLEM_PAGE = 200;
const ACCEPT = '.xlsx,.csv';

const STATUS_COLORS: Record<string, string> = {
  staging: 'processing',
  previewed: 'blue',
  committed: 'green',
  discarded: 'default',
  failed: 'red',
};

function statusLabel(t: Translate, status: string): string {
  const key = `reg.i.status.${status}`;
  return hasMessage(key) ? t(key) : status;
}

/** The column's header as the clerk's file names it (26 interchange columns), or the identifier when unknown. */
export function columnLabel(t: Translate, column: string | null): string {
  if (!column) return '—';
  const key = `reg.col.${column}`;
  return hasMessage(key) ? t(key) : column;
}

function duration(t: Translate, seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return t('reg.i.estimating');
  if (seconds < 60) return t('reg.i.seconds', { n: Math.max(1, Math.round(seconds)) });
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return t('reg.i.minutes', { m, s });
}

function percentOf(p: ImportProgress | null): number {
  if (!p) return 0;
  if (p.phase === 'done') return 100;
  const f = p.totalRows ? p.rows / p.totalRows : p.totalBytes ? p.bytesRead / p.totalBytes : 0;
  return Math.min(99, Math.max(0, Math.floor(f * 100)));
}

function Uploader({ onUploaded }: { onUploaded: (id: Id) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [sending, setSending] = useState<{ name: string; fraction: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const start = async (file: File) => {
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      message.error(t('reg.i.badType', { name: file.name }));
      return;
    }
    setError(null);
    setSending({ name: file.name, fraction: 0 });
    try {
      const r = await registry.upload(file, (fraction) => setSending({ name: file.name, fraction }));
      onUploaded(r.id);
    } catch (e) {
      setError(e);
    } finally {
      setSending(null);
    }
  };

  const template = async () => {
    try {
      await registry.template();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <div data-testid="import-dropzone">
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={!!sending}
          beforeUpload={(file) => {
            void start(file);
            return false;
          }}
          data-testid="import-file-input"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('reg.i.drop')}</p>
          <p className="ant-upload-hint">{t('reg.i.dropHint')}</p>
        </Upload.Dragger>
      </div>
      {sending && (
        <div data-testid="import-uploading">
          <Typography.Text>{t('reg.i.uploading', { name: sending.name })}</Typography.Text>
          <Progress percent={Math.floor(sending.fraction * 100)} status="active" />
        </div>
      )}
      {error ? <ErrorState error={error} /> : null}
      <Space wrap>
        <Button icon={<FileExcelOutlined />} onClick={template} data-testid="import-template">
          {t('reg.i.template')}
        </Button>
        <Typography.Text type="secondary">{t('reg.i.templateHint')}</Typography.Text>
      </Space>
    </Space>
  );
}

function Running({ batch }: { batch: ImportBatch }) {
  const { t, lang } = useI18n();
  const p = batch.progress;
  const phaseKey = `reg.i.phase.${p?.phase ?? 'reading'}`;
  return (
    <Card data-testid="import-progress">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Text strong>
          {batch.filename} · {hasMessage(phaseKey) ? t(phaseKey) : (p?.phase ?? '')}
        </Typography.Text>
        <Progress percent={percentOf(p)} status="active" />
        <Space wrap size={24}>
          <Typography.Text data-testid="import-progress-rows">
            {p?.totalRows
              ? t('reg.i.rowsOf', { rows: formatNumber(p.rows, lang), total: formatNumber(p.totalRows, lang) })
              : t('reg.i.rows', { rows: formatNumber(p?.rows ?? 0, lang) })}
          </Typography.Text>
          <Typography.Text type="secondary">{t('reg.i.rate', { rate: formatNumber(Math.round(p?.rate ?? 0), lang) })}</Typography.Text>
          <Typography.Text type="secondary">{t('reg.i.left', { time: duration(t, p?.secondsLeft ?? null) })}</Typography.Text>
        </Space>
      </Space>
    </Card>
  );
}

function CountCards({ title, counts, testId }: { title: string; counts: ImportCounts | undefined; testId: string }) {
  const { t } = useI18n();
  const items: { key: keyof ImportCounts; color?: string }[] = [
    { key: 'new', color: '#389e0d' },
    { key: 'updated', color: '#1677ff' },
    { key: 'unchanged' },
    { key: 'rejected', color: '#cf1322' },
  ];
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Row gutter={[12, 12]}>
        {items.map((i) => (
          <Col key={i.key} span={6}>
            <Statistic
              title={t(`reg.i.count.${i.key}` as MessageKey)}
              value={counts?.[i.key] ?? 0}
              styles={{ content: { color: (counts?.[i.key] ?? 0) > 0 ? i.color : undefined } }}
              data-testid={`${testId}-${i.key}`}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function Problems({ batchId }: { batchId: Id }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [rows, setRows] = useState<ImportProblem[]>([]);
  const [more, setMore] = useState(false);
  const [after, setAfter] = useState(0);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload; lang re-localises the messages
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    registry.problems(batchId, 0, PROBLEM_PAGE).then(
      (p) => {
        if (!live) return;
        setRows(p.items);
        setAfter(p.nextAfterRow ?? 0);
        setMore(new Set(p.items.map((x) => x.row)).size >= PROBLEM_PAGE && p.nextAfterRow !== null);
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [batchId, lang, tick]);

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const p = await registry.problems(batchId, after, PROBLEM_PAGE);
      setRows((r) => [...r, ...p.items]);
      setAfter(p.nextAfterRow ?? after);
      setMore(new Set(p.items.map((x) => x.row)).size >= PROBLEM_PAGE && p.nextAfterRow !== null);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };

  if (error) return <ErrorState error={error} onRetry={() => setTick((x) => x + 1)} />;
  return (
    <>
      <Table<ImportProblem>
        rowKey={(p, i) => `${p.row}-${p.column ?? ''}-${p.code}-${i}`}
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        data-testid="import-problems"
        locale={{ emptyText: loading ? ' ' : <EmptyState description={t('reg.i.noProblems')} /> }}
        columns={[
          {
            title: t('reg.i.row'),
            dataIndex: 'row',
            width: 90,
            render: (v: number) => <span data-testid="problem-row">{v}</span>,
          },
          {
            title: t('reg.i.column'),
            dataIndex: 'column',
            width: 220,
            render: (v: string | null) => <span title={v ?? ''}>{columnLabel(t, v)}</span>,
          },
          {
            title: t('reg.i.reason'),
            dataIndex: 'message',
            render: (v: string) => <span data-testid="problem-message">{v}</span>,
          },
        ]}
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        <LoadMore count={rows.length} hasMore={more} loading={loadingMore} onMore={loadMore} testId="problems-load-more" />
      </div>
    </>
  );
}

function Preview({ batch, onChanged }: { batch: ImportBatch; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<'commit' | 'discard' | 'report' | null>(null);
  const s = batch.summary ?? {};
  const h = s.households;
  const write = (h?.new ?? 0) + (h?.updated ?? 0);
  const rejected = h?.rejected ?? 0;

  const report = async () => {
    setBusy('report');
    try {
      await registry.report(batch.id);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const act = (kind: 'commit' | 'discard') => {
    modal.confirm({
      title: t(kind === 'commit' ? 'reg.i.commitTitle' : 'reg.i.discardTitle'),
      content:
        kind === 'commit'
          ? t('reg.i.commitConfirm', {
              n: formatNumber(write, lang),
              unchanged: formatNumber(h?.unchanged ?? 0, lang),
              m: formatNumber(rejected, lang),
            })
          : t('reg.i.discardConfirm'),
      okText: t(kind === 'commit' ? 'reg.i.commit' : 'reg.i.discard'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: kind === 'discard', 'data-testid': `import-${kind}-ok` },
      onOk: async () => {
        setBusy(kind);
        try {
          if (kind === 'commit') await registry.commit(batch.id);
          else await registry.discard(batch.id);
          message.success(t(kind === 'commit' ? 'reg.i.committedOk' : 'reg.i.discardedOk'));
          onChanged();
        } catch (e) {
          message.error(errorMessage(e));
          onChanged();
        } finally {
          setBusy(null);
        }
      },
    });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="import-preview">
      <Card
        title={
          <Space>
            <span>{t('reg.i.previewTitle')}</span>
            <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
              {batch.filename}
            </Typography.Text>
          </Space>
        }
        extra={
          <Typography.Text type="secondary" data-testid="import-rows">
            {t('reg.i.rowsSummary', { rows: formatNumber(s.rows ?? 0, lang), bad: formatNumber(s.rowsWithProblems ?? 0, lang) })}
          </Typography.Text>
        }
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <CountCards title={t('reg.i.households')} counts={s.households} testId="import-households" />
          </Col>
          <Col xs={24} xl={12}>
            <CountCards title={t('reg.i.persons')} counts={s.persons} testId="import-persons" />
          </Col>
        </Row>
        <Space wrap style={{ marginTop: 16 }}>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={busy === 'commit'}
            disabled={!!busy || write === 0}
            onClick={() => act('commit')}
            data-testid="import-commit"
          >
            {t('reg.i.commit')}
          </Button>
          <Button
            danger
            icon={<CloseOutlined />}
            loading={busy === 'discard'}
            disabled={!!busy}
            onClick={() => act('discard')}
            data-testid="import-discard"
          >
            {t('reg.i.discard')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={busy === 'report'} onClick={report} data-testid="import-report">
            {t('reg.i.report')}
          </Button>
          {write === 0 && <Typography.Text type="secondary">{t('reg.i.nothingToWrite')}</Typography.Text>}
        </Space>
      </Card>
      <Card
        title={t('reg.i.problems')}
        extra={
          (s.rowsWithProblems ?? 0) > 0 ? (
            <Tag color="red">{t('reg.i.rowsWithProblems', { n: formatNumber(s.rowsWithProblems ?? 0, lang) })}</Tag>
          ) : null
        }
      >
        <Problems batchId={batch.id} />
      </Card>
    </Space>
  );
}

function Finished({ batch, onAnother }: { batch: ImportBatch; onAnother: () => void }) {
  const { t, lang } = useI18n();
  const link = useRegionLink();
  const s = batch.summary ?? {};
  const again = (
    <Button key="again" icon={<UploadOutlined />} onClick={onAnother} data-testid="import-another">
      {t('reg.i.another')}
    </Button>
  );
  if (batch.status === 'failed') {
    return (
      <Result
        status="error"
        title={t('reg.i.failed')}
        subTitle={<span data-testid="import-failed-message">{s.error ?? batch.progress?.error ?? ''}</span>}
        data-testid="import-failed"
        extra={[again]}
      />
    );
  }
  if (batch.status === 'discarded') {
    return <Result status="info" title={t('reg.i.discarded')} subTitle={batch.filename} data-testid="import-discarded" extra={[again]} />;
  }
  const h = s.households;
  const n = (k: keyof ImportCounts) => formatNumber(h?.[k] ?? 0, lang);
  return (
    <Result
      status="success"
      title={t('reg.i.committed')}
      subTitle={
        <span data-testid="import-result-text">
          {t('reg.i.committedSub', { new: n('new'), updated: n('updated'), unchanged: n('unchanged'), rejected: n('rejected') })}
        </span>
      }
      data-testid="import-result"
      extra={[
        <Link key="list" to={link('/registry/households')}>
          <Button type="primary" data-testid="import-to-households">
            {t('reg.i.toHouseholds')}
          </Button>
        </Link>,
        again,
      ]}
    />
  );
}

function Recent({ current, onOpen, tick }: { current: string | null; onOpen: (id: Id) => void; tick: number }) {
  const { t, lang } = useI18n();
  const list = useAsync(() => registry.imports(), [lang, tick]);
  return (
    <Card title={t('reg.i.recent')} data-testid="recent-imports">
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<ImportBatch>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={false}
          scroll={{ x: 800 }}
          rowClassName={(b) => (String(b.id) === current ? 'ant-table-row-selected fp-clickable-row' : 'fp-clickable-row')}
          onRow={(b) => ({ onClick: () => onOpen(b.id) })}
          locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('reg.i.noRecent')} /> }}
          columns={[
            { title: t('reg.i.at'), dataIndex: 'createdAt', width: 180, render: (v: string) => formatDateTime(v, lang) },
            { title: t('reg.i.file'), dataIndex: 'filename', ellipsis: true },
            { title: t('reg.i.by'), dataIndex: 'actorName', width: 120 },
            {
              title: t('reg.i.state'),
              dataIndex: 'status',
              width: 110,
              render: (v: string) => <Tag color={STATUS_COLORS[v] ?? 'default'}>{statusLabel(t, v)}</Tag>,
            },
            {
              title: t('reg.i.households'),
              key: 'hh',
              width: 260,
              render: (_, b) => {
                const h = b.summary?.households;
                if (!h) return b.summary?.error ? <Typography.Text type="danger">{b.summary.error}</Typography.Text> : '—';
                return t('reg.i.countsShort', {
                  new: formatNumber(h.new, lang),
                  updated: formatNumber(h.updated, lang),
                  unchanged: formatNumber(h.unchanged, lang),
                  rejected: formatNumber(h.rejected, lang),
                });
              },
            },
          ]}
        />
      )}
    </Card>
  );
}

/** 导入: upload → preview (progress, counts, problems, error report) → commit or discard. The batch is in the URL (?batch=). */
export default function Import() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const batchId = params.get('batch');
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [poll, setPoll] = useState(0);
  const [recentTick, setRecentTick] = useState(0);

  const open = useCallback(
    (id: Id | null) => {
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (id === null) p.delete('batch');
          else p.set('batch', String(id));
          return p;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  // Poll the batch while its preview runs; once more after a commit or discard.
  // biome-ignore lint/correctness/useExhaustiveDependencies: poll forces a reload; lang re-localises the failure message
  useEffect(() => {
    setLoadError(null);
    if (!batchId) {
      setBatch(null);
      return;
    }
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const b = await registry.importBatch(batchId);
        if (!live) return;
        setBatch(b);
        if (b.status === 'staging') timer = setTimeout(tick, POLL_MS);
        else setRecentTick((x) => x + 1);
      } catch (e) {
        if (live) setLoadError(e);
      }
    };
    void tick();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [batchId, poll, lang]);

  let body: ReactNode;
  if (!batchId) {
    body = (
      <Card title={t('reg.import.title')} data-testid="import-page">
        <Typography.Paragraph type="secondary">{t('reg.i.intro')}</Typography.Paragraph>
        <Uploader onUploaded={(id) => open(id)} />
      </Card>
    );
  } else if (loadError) {
    body =
      isApiError(loadError) && loadError.status === 404 ? (
        <Result
          status="404"
          title={t('reg.i.notFound')}
          data-testid="import-not-found"
          extra={<Button onClick={() => open(null)}>{t('reg.i.another')}</Button>}
        />
      ) : (
        <ErrorState error={loadError} onRetry={() => setPoll((x) => x + 1)} />
      );
  } else if (!batch || String(batch.id) !== batchId) {
    body = <PageLoading rows={4} />;
  } else if (batch.status === 'staging') {
    body = <Running batch={batch} />;
  } else if (batch.status === 'previewed') {
    body = <Preview batch={batch} onChanged={() => setPoll((x) => x + 1)} />;
  } else {
    body = (
      <Card data-testid="import-done">
        <Finished batch={batch} onAnother={() => open(null)} />
      </Card>
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="import">
      {body}
      <Recent current={batchId} onOpen={open} tick={recentTick} />
    </Space>
  );
}
