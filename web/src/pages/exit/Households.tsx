import { Alert, Button, Card, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { type Candidate, EXIT_STATES, type ExitBatch, exitApi } from '../../api/exit';
import { useMe } from '../../auth/AuthContext';
import { RegionCascader } from '../../components/RegionCascader';
import { ErrorState } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useCurrentRegion, useRegionLink } from '../../lib/useRegion';
import { useToast } from '../../lib/useToast';

export const STATE_COLOR: Record<string, string> = {
  proposed: 'default',
  appraised: 'blue',
  verified: 'geekblue',
  agreed: 'cyan',
  notice: 'orange',
  announced: 'purple',
  closed: 'green',
  withdrawn: 'red',
};

/** 贫困户退出: the region's batches by village and year; in a village, its poor households' eligibility and the proposal. */
export default function ExitHouseholds() {
  const { t } = useI18n();
  const me = useMe();
  const message = useToast();
  const link = useRegionLink();
  const { code: region, setCode } = useCurrentRegion();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? new Date().getFullYear());
  const setYear = (y: number) =>
    setParams(
      (p) => {
        p.set('year', String(y));
        return p;
      },
      { replace: true },
    );
  const batches = useAsync(() => exitApi.batches(region, year), [region, year]);
  const isVillage = region.length === 12;
  const candidates = useAsync(() => (isVillage ? exitApi.candidates(region, year) : Promise.resolve(null)), [region, year, isVillage]);
  const [picked, setPicked] = useState<number[]>([]);
  const [sending, setSending] = useState(false);
  const canWrite = me.permissions.includes('data.write');

  const propose = async () => {
    setSending(true);
    try {
      await exitApi.propose({ villageCode: region, year, householdIds: picked });
      message.success(t('ex.proposeDone', { n: picked.length }));
      setPicked([]);
      batches.reload();
      candidates.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  const stateTags = (b: ExitBatch) =>
    EXIT_STATES.filter((s) => b.states[s]).map((s) => (
      <Tag key={s} color={STATE_COLOR[s]}>
        {t(`ex.state.${s}` as MessageKey)} {b.states[s]}
      </Tag>
    ));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="exit-page">
      <Card
        title={<span data-testid="exit-title">{t('ex.title')}</span>}
        extra={
          <Space wrap>
            <RegionCascader value={region} onChange={(c) => c && setCode(c)} style={{ minWidth: 220 }} data-testid="exit-region" />
            <InputNumber
              min={2000}
              max={2100}
              value={year}
              onChange={(v) => v && setYear(v)}
              addonBefore={t('ex.year')}
              data-testid="exit-year"
            />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('ex.caption')}</Typography.Paragraph>
        {batches.error ? (
          <ErrorState error={batches.error} onRetry={batches.reload} />
        ) : (
          <Table<ExitBatch>
            rowKey="id"
            size="small"
            loading={batches.loading}
            dataSource={batches.data?.items ?? []}
            pagination={false}
            scroll={{ x: 600 }}
            locale={{ emptyText: t('ex.noBatches') }}
            data-testid="exit-batches"
            columns={[
              {
                title: t('ex.c.village'),
                key: 'v',
                render: (_, b) => (
                  <Link to={link(`/exit/batches/${b.id}`)} data-testid={`exit-batch-${b.village.code}`}>
                    {b.village.township} · {b.village.name}
                  </Link>
                ),
              },
              { title: t('ex.year'), dataIndex: 'year', width: 70 },
              { title: t('ex.c.households'), dataIndex: 'households', width: 70 },
              {
                title: t('ex.c.states'),
                key: 's',
                render: (_, b) => (
                  <Space size={4} wrap>
                    {stateTags(b)}
                  </Space>
                ),
              },
              { title: t('ex.c.proposedOn'), dataIndex: 'proposedOn', width: 110, responsive: ['md'] },
            ]}
          />
        )}
      </Card>
      <Card title={t('ex.candidates', { year })} data-testid="exit-candidates">
        {!isVillage ? (
          <Alert type="info" showIcon message={t('ex.candidates.pickVillage')} />
        ) : candidates.error ? (
          <ErrorState error={candidates.error} onRetry={candidates.reload} />
        ) : (
          <>
            <Space style={{ marginBottom: 12 }} wrap>
              {candidates.data && <Typography.Text type="secondary">{t('ex.line', { line: candidates.data.povertyLine })}</Typography.Text>}
              {canWrite && (
                <Button type="primary" disabled={!picked.length} loading={sending} onClick={propose} data-testid="exit-propose">
                  {t('ex.propose', { n: picked.length })}
                </Button>
              )}
            </Space>
            <Table<Candidate>
              rowKey="id"
              size="small"
              loading={candidates.loading}
              dataSource={candidates.data?.items ?? []}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 640 }}
              rowSelection={
                canWrite
                  ? {
                      selectedRowKeys: picked,
                      onChange: (keys) => setPicked(keys.map(Number)),
                      getCheckboxProps: (r) => ({ disabled: !r.eligible || r.exitId !== null }),
                    }
                  : undefined
              }
              columns={[
                { title: t('ex.c.householdNo'), dataIndex: 'householdNo' },
                { title: t('ex.c.head'), dataIndex: 'head' },
                { title: t('ex.c.members'), dataIndex: 'members', width: 60, responsive: ['md'] },
                { title: t('ex.c.income'), dataIndex: 'incomePerCapita', render: (v: number | null) => v ?? '—' },
                {
                  title: t('ex.c.eligible'),
                  key: 'e',
                  render: (_, r) =>
                    r.exitId !== null ? (
                      <Link to={link(`/exit/households/${r.exitId}`)}>
                        {t('ex.proposed', { state: t(`ex.state.${r.exitState}` as MessageKey) })}
                      </Link>
                    ) : r.eligible ? (
                      <Tag color="green">{t('ex.eligible')}</Tag>
                    ) : (
                      <Space size={4} wrap>
                        {r.fails.map((f) => (
                          <Tag color="red" key={f.code}>
                            {f.label}
                          </Tag>
                        ))}
                      </Space>
                    ),
                },
              ]}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
