import { FileExcelOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Result, Space, Tag, Typography, Upload } from 'antd';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../../api/client';
import { type ImportBatch, type ImportCounts, type ImportProgress, registry } from '../../api/registry';
import type { Id } from '../../api/types';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { EmptyState, ErrorState, PageLoading } from '../../components/States';
import { hasMessage, type Translate, useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';
import { useToast } from '../../lib/useToast';
import { Preview } from './ImportPreview';

const POLL_MS = 700;
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
  const message = useToast();
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
        <ResponsiveTable<ImportBatch>
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
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('reg.i.maskedTitle')}
          description={t('reg.i.maskedHelp')}
          data-testid="import-masked-help"
        />
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
