import { CheckOutlined, CloseOutlined, DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Dropdown, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { type ImportBatch, type ImportCounts, type ImportProblem, registry } from '../../api/registry';
import type { Id } from '../../api/types';
import { ImportHelpers } from '../../components/helpers/ImportHelpers';
import { LoadMore } from '../../components/LoadMore';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../components/States';
import { hasMessage, type MessageKey, type Translate, useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useToast } from '../../lib/useToast';

const PROBLEM_PAGE = 200;

export function columnLabel(t: Translate, column: string | null): string {
  if (!column) return '—';
  const key = `reg.col.${column}`;
  return hasMessage(key) ? t(key) : column;
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
  const message = useToast();
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
      <ResponsiveTable<ImportProblem>
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

export function Preview({ batch, onChanged }: { batch: ImportBatch; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { modal } = App.useApp();
  const message = useToast();
  const [busy, setBusy] = useState<'commit' | 'discard' | 'report' | null>(null);
  const s = batch.summary ?? {};
  const h = s.households;
  const write = (h?.new ?? 0) + (h?.updated ?? 0);
  const rejected = h?.rejected ?? 0;

  const report = async (rows: 'all' | 'problems') => {
    setBusy('report');
    try {
      await registry.report(batch.id, rows);
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
          <Space.Compact>
            <Button icon={<DownloadOutlined />} loading={busy === 'report'} onClick={() => report('all')} data-testid="import-report">
              {t('reg.i.report')}
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'all', label: t('reg.i.reportAll') },
                  { key: 'problems', label: <span data-testid="import-report-problems">{t('reg.i.reportProblems')}</span> },
                ],
                onClick: ({ key }) => void report(key as 'all' | 'problems'),
              }}
            >
              <Button
                icon={<DownOutlined />}
                disabled={busy === 'report'}
                aria-label={t('reg.i.reportOptions')}
                data-testid="import-report-more"
              />
            </Dropdown>
          </Space.Compact>
          {write === 0 && <Typography.Text type="secondary">{t('reg.i.nothingToWrite')}</Typography.Text>}
        </Space>
      </Card>
      {s.helpers && s.helpers.existing + s.helpers.new + s.helpers.ambiguous > 0 && (
        <Card title={t('hlp.res.title')}>
          <ImportHelpers batchId={batch.id} counts={s.helpers} />
        </Card>
      )}
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
