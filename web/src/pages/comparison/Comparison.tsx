import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Input, List, Segmented, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { type ComparisonBatch, type ComparisonHit, comparison, DEPARTMENTS, type Department } from '../../api/exitMonitoring';
import { useMe } from '../../auth/AuthContext';
import { RegionPath } from '../../components/cadres/RegionPath';
import { LoadMore } from '../../components/LoadMore';
import { ErrorState } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useKeysetList } from '../../lib/useKeysetList';
import { useCurrentRegion } from '../../lib/useRegion';
import { useToast } from '../../lib/useToast';
import { HitsTable } from './HitsTable';
import '../../components/cadres/cadres.css';

type HitState = 'open' | 'confirmed' | 'dismissed';

/** The preview of a list just read: counts and the rows whose ID number could not be read; compare or discard. */
function Preview({ b, onDone }: { b: ComparisonBatch; onDone: () => void }) {
  const { t } = useI18n();
  const message = useToast();
  const [busy, setBusy] = useState(false);
  const run = async (what: 'match' | 'discard') => {
    setBusy(true);
    try {
      if (what === 'match') {
        const r = await comparison.match(b.id);
        message.success(t('cmp.matched', { n: r.hits }));
      } else await comparison.discard(b.id);
      onDone();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={`${t('cmp.preview')} · ${b.filename}`} data-testid="cmp-preview" style={{ marginTop: 12 }}>
      <Typography.Paragraph data-testid="cmp-preview-counts">
        {t('cmp.rows', { total: b.totalRows, problems: b.problemRows })}
      </Typography.Paragraph>
      {b.problems.length > 0 && (
        <Table
          size="small"
          rowKey="row"
          pagination={false}
          dataSource={b.problems}
          data-testid="cmp-problems"
          columns={[
            { title: '#', dataIndex: 'row', width: 70 },
            { title: t('cmp.reason'), dataIndex: 'message' },
          ]}
          style={{ marginBottom: 12 }}
        />
      )}
      <Space>
        <Button type="primary" onClick={() => run('match')} loading={busy} data-testid="cmp-match">
          {t('cmp.match')}
        </Button>
        <Button onClick={() => run('discard')} disabled={busy}>
          {t('cmp.discard')}
        </Button>
      </Space>
    </Card>
  );
}

/** 部门数据比对: import a department's list, preview and compare it; the hits to verify, by state. */
export default function Comparison() {
  const { t, lang } = useI18n();
  const me = useMe();
  const message = useToast();
  const { code: region } = useCurrentRegion();
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? 'open') as HitState | 'all';
  const [department, setDepartment] = useState<Department>('vehicle');
  const [label, setLabel] = useState('');
  const [uploading, setUploading] = useState(false);
  const [preview, setPreview] = useState<ComparisonBatch | null>(null);
  const county = me.permissions.includes('data.write') && me.scope.code.length <= 6;
  const batches = useAsync(() => comparison.batches(region), [region, lang]);
  const hits = useKeysetList<ComparisonHit>(
    (cursor, signal) => comparison.hits({ region, state: state === 'all' ? undefined : state, cursor, limit: 50 }, signal),
    [region, state, lang],
  );

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const made = await comparison.upload(file, { region, department, label: label.trim() || undefined });
      setPreview(await comparison.batch(made.id));
      batches.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="comparison-page">
      <Card
        title={
          <Space size={8} wrap>
            <span>{t('cmp.title')}</span>
            <RegionPath region={region} />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t('cmp.caption')}
        </Typography.Paragraph>
        {county && (
          <div className="fp-cad-filters" data-testid="cmp-upload">
            <Select
              value={department}
              onChange={setDepartment}
              options={DEPARTMENTS.map((d) => ({ value: d, label: t(`cmp.dept.${d}` as MessageKey) }))}
              popupMatchSelectWidth={false}
              style={{ minWidth: 200 }}
              data-testid="cmp-department"
            />
            <Input
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              placeholder={t('cmp.labelHint')}
              maxLength={100}
              style={{ width: 240 }}
            />
            <Upload
              accept=".xlsx,.csv"
              showUploadList={false}
              beforeUpload={(f) => {
                void upload(f);
                return false;
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={uploading} data-testid="cmp-file">
                {t('cmp.upload')}
              </Button>
            </Upload>
          </div>
        )}
        {preview && preview.status === 'previewed' && (
          <Preview
            b={preview}
            onDone={() => {
              setPreview(null);
              batches.reload();
              hits.reload();
            }}
          />
        )}
        {(batches.data ?? []).length > 0 && (
          <List
            size="small"
            header={<Typography.Text strong>{t('cmp.batches')}</Typography.Text>}
            dataSource={batches.data ?? []}
            data-testid="cmp-batches"
            renderItem={(b) => (
              <List.Item>
                <Space wrap>
                  <Tag>{b.label ?? b.departmentLabel}</Tag>
                  <span>{b.filename}</span>
                  <Typography.Text type="secondary">{t('cmp.rows', { total: b.totalRows, problems: b.problemRows })}</Typography.Text>
                  {b.status === 'matched' ? (
                    <Tag color="blue">{t('cmp.matched', { n: b.hits })}</Tag>
                  ) : (
                    <Tag color="orange">{t('cmp.preview')}</Tag>
                  )}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title={t('cmp.hits')}>
        <Segmented
          value={state}
          onChange={(v) =>
            setParams(
              (p) => {
                p.set('state', String(v));
                return p;
              },
              { replace: true },
            )
          }
          options={(['open', 'confirmed', 'dismissed', 'all'] as const).map((s) => ({
            value: s,
            label: t(`cmp.hitState.${s}` as MessageKey),
          }))}
          style={{ marginBottom: 12 }}
          data-testid="cmp-state"
        />
        {hits.error ? (
          <ErrorState error={hits.error} onRetry={hits.reload} />
        ) : (
          <>
            <HitsTable rows={hits.rows} loading={hits.loading} canDecide={county} onDecided={hits.reload} />
            <div style={{ textAlign: 'center', marginTop: 16 }}>
              <LoadMore
                count={hits.rows.length}
                hasMore={hits.hasMore}
                loading={hits.loadingMore}
                onMore={hits.more}
                testId="cmp-load-more"
                countTestId="cmp-count"
              />
            </div>
          </>
        )}
      </Card>
    </Space>
  );
}
