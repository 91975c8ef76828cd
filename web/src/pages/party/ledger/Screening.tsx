import { Alert, Button, Card, Empty, InputNumber, Progress, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../../api/client';
import { partyLedger, type ScreeningItem } from '../../../api/partyLedger';
import { useMe } from '../../../auth/AuthContext';
import { RegionPath } from '../../../components/cadres/RegionPath';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { ErrorState, PageLoading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useCurrentRegion, useRegionLink } from '../../../lib/useRegion';
import { useToast } from '../../../lib/useToast';
import { AssessModal } from './AssessModal';
import '../../../components/cadres/cadres.css';

export const RESULT_COLOR: Record<string, string> = { competent: 'green', basically: 'gold', incompetent: 'red' };

/** The adjustment of an unfit secretary as a tag: to adjust (red when late), adjusted, kept on review. */
export function AdjustmentTag({ s }: { s: Pick<ScreeningItem, 'adjustment' | 'adjustmentOverdue'> }) {
  const { t } = useI18n();
  if (!s.adjustment) return <>—</>;
  const color = s.adjustment === 'adjusted' ? 'green' : s.adjustment === 'withdrawn' ? 'default' : s.adjustmentOverdue ? 'red' : 'orange';
  const label = s.adjustmentOverdue ? t('ps.adj.overdue') : t(`ps.adj.${s.adjustment}` as 'ps.adj.pending');
  return (
    <Tag color={color} data-testid="adjustment-tag" data-state={s.adjustment}>
      {label}
    </Tag>
  );
}

/** 书记过筛子: the county's rounds by year; a round's secretaries, assessed one by one (township or county). */
export default function Screening() {
  const { t, lang } = useI18n();
  const me = useMe();
  const message = useToast();
  const link = useRegionLink();
  const { code: region } = useCurrentRegion();
  const [params, setParams] = useSearchParams();
  const rounds = useAsync(() => partyLedger.rounds(region), [region, lang]);
  const roundId = params.get('round') ?? (rounds.data?.[0] ? String(rounds.data[0].id) : null);
  const round = useAsync(() => (roundId ? partyLedger.round(roundId, region) : Promise.resolve(null)), [roundId, region, lang]);
  const [assessing, setAssessing] = useState<ScreeningItem | null>(null);
  const [year, setYear] = useState(new Date().getFullYear());
  const [opening, setOpening] = useState(false);
  const county = region.length === 6 ? region : me.scope.code.length === 6 ? me.scope.code : null;
  const canWrite = me.permissions.includes('data.write');
  const canOpen = canWrite && county !== null && me.scope.code.length <= 6;

  useEffect(() => {
    if (rounds.data && roundId && !rounds.data.some((r) => String(r.id) === roundId)) setParams({}, { replace: true });
  }, [rounds.data, roundId, setParams]);

  const open = async () => {
    if (!county) return;
    setOpening(true);
    try {
      const r = await partyLedger.openRound({ countyCode: county, year });
      message.success(t('ps.opened', { n: r.listed }));
      rounds.reload();
      setParams({ round: String(r.id) }, { replace: true });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setOpening(false);
    }
  };

  if (rounds.error) return <ErrorState error={rounds.error} onRetry={rounds.reload} />;
  if (!rounds.data) return <PageLoading rows={6} />;
  const r = round.data;

  return (
    <Card
      data-testid="screening-page"
      title={
        <Space size={8} wrap>
          <span>{t('ps.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
      extra={
        canOpen && (
          <Space wrap>
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="round-year" />
            <Button type="primary" onClick={open} loading={opening} data-testid="round-open">
              {t('ps.open')}
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('ps.caption')}
      </Typography.Paragraph>
      {rounds.data.length === 0 ? (
        <Empty description={t('ps.noRounds')} />
      ) : (
        <>
          <div className="fp-cad-filters">
            <Select
              value={roundId ?? undefined}
              onChange={(v) => setParams({ round: v }, { replace: true })}
              options={rounds.data.map((x) => ({ value: String(x.id), label: `${x.year} · ${x.countyName}` }))}
              popupMatchSelectWidth={false}
              data-testid="round-select"
            />
            {r && (
              <Space size={12} wrap data-testid="round-progress" data-assessed={r.assessed} data-total={r.total}>
                <Progress type="line" percent={r.total ? Math.round((100 * r.assessed) / r.total) : 0} style={{ width: 160 }} />
                <Typography.Text>{t('ps.progress', { assessed: r.assessed, total: r.total })}</Typography.Text>
                <Typography.Text type="secondary">{t('ps.unfit', { unfit: r.unfit, adjusted: r.adjusted })}</Typography.Text>
              </Space>
            )}
          </div>
          {r && r.withoutSecretary.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('ps.withoutSecretary', { names: r.withoutSecretary.map((v) => v.name).join('、') })}
            />
          )}
          {round.error ? (
            <ErrorState error={round.error} onRetry={round.reload} />
          ) : (
            <ResponsiveTable<ScreeningItem>
              rowKey="id"
              size="middle"
              loading={round.loading}
              dataSource={r?.items ?? []}
              pagination={false}
              scroll={{ x: 900 }}
              data-testid="screening-table"
              columns={[
                {
                  title: t('ps.c.village'),
                  key: 'village',
                  width: 180,
                  render: (_, s) => `${s.village.township} · ${s.village.name}`,
                },
                {
                  title: t('ps.c.secretary'),
                  key: 'secretary',
                  width: 120,
                  render: (_, s) => (
                    <Link to={link(`/party/screening/secretary/${s.id}`)} data-testid="screening-link">
                      {s.secretary}
                    </Link>
                  ),
                },
                {
                  title: t('ps.c.result'),
                  key: 'result',
                  width: 120,
                  render: (_, s) =>
                    s.result ? (
                      <Tag color={RESULT_COLOR[s.result]} data-testid="screening-result" data-result={s.result}>
                        {s.resultLabel}
                      </Tag>
                    ) : canWrite ? (
                      <Button size="small" onClick={() => setAssessing(s)} data-testid="screening-assess">
                        {t('ps.assess')}
                      </Button>
                    ) : (
                      <Typography.Text type="secondary">{t('ps.pending')}</Typography.Text>
                    ),
                },
                { title: t('ps.c.opinion'), dataIndex: 'opinionLabel', width: 110 },
                { title: t('ps.note'), dataIndex: 'note', ellipsis: true, responsive: ['lg'] },
                { title: t('ps.c.adjustment'), key: 'adj', width: 130, render: (_, s) => <AdjustmentTag s={s} /> },
              ]}
            />
          )}
        </>
      )}
      <AssessModal
        item={assessing}
        onClose={() => setAssessing(null)}
        onDone={() => {
          setAssessing(null);
          round.reload();
        }}
      />
    </Card>
  );
}
