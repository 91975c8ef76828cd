import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../../api/client';
import { type FundsRow, type Payment, partyFunds, yuan } from '../../../api/party-funds';
import { useAuth } from '../../../auth/AuthContext';
import { RegionPath } from '../../../components/cadres/RegionPath';
import { SmallImportCard } from '../../../components/cadres/SmallImportCard';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../../components/States';
import { type MessageKey, useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useCurrentRegion } from '../../../lib/useRegion';
import { useToast } from '../../../lib/useToast';
import { CorrectionModal } from './CorrectionModal';
import { PaymentModal } from './PaymentModal';
import { useYear, YearSelect } from './YearSelect';

/** 村级经费拨付: paid against the standard by the region's children (click to drill down), the payments, entry and import. */
export default function Funds() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const toast = useToast();
  const { code: region } = useCurrentRegion();
  const [year] = useYear();
  const summary = useAsync(() => partyFunds.summary({ region, year }), [region, year, lang]);
  const payments = useAsync(() => partyFunds.payments({ region, year, limit: 200 }), [region, year, lang]);
  const [adding, setAdding] = useState(false);
  const [correcting, setCorrecting] = useState<Payment | null>(null);
  const mayWrite = can('data.write');
  const reload = () => {
    summary.reload();
    payments.reload();
  };
  const s = summary.data;
  const money = (v: number) => yuan(v, lang);

  const exportFile = async () => {
    try {
      toast.success(t('pf.exported', { name: await partyFunds.exportFunds({ region, year }) }));
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="funds-page">
      <Card
        title={
          <Space size={8} wrap>
            <span>{t('pf.title')}</span>
            <RegionPath region={region} />
          </Space>
        }
        extra={<YearSelect />}
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t('pf.caption', { op: money(s?.standards.operationFen ?? 11_200_000), pb: money(s?.standards.partyBuildingFen ?? 2_000_000) })}
        </Typography.Paragraph>
        {summary.error ? (
          <ErrorState error={summary.error} onRetry={summary.reload} />
        ) : (
          <>
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              <Col xs={12} md={6}>
                <Statistic title={t('pf.percent')} value={s?.total.percent ?? '—'} suffix={s?.total.percent === null ? '' : '%'} />
                <span data-testid="funds-percent" data-value={s?.total.percent ?? ''} hidden />
                <Progress percent={Math.min(100, s?.total.percent ?? 0)} showInfo={false} size="small" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('pf.standard')} value={money(s?.total.standardFen ?? 0)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('pf.operation')}
                  value={money(s?.total.operationFen ?? 0)}
                  valueRender={(n) => <span data-testid="funds-operation">{n}</span>}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('pf.short')} value={s?.total.shortVillages ?? 0} suffix={`/ ${s?.total.villages ?? 0}`} />
              </Col>
            </Row>
            {region.length < 12 && (
              <ResponsiveTable<FundsRow>
                rowKey="code"
                size="small"
                loading={summary.loading}
                dataSource={s?.children ?? []}
                pagination={false}
                data-testid="funds-table"
                columns={[
                  {
                    title: t('pf.region'),
                    dataIndex: 'name',
                    render: (v: string, r) => (
                      <Link to={`/party/funds?region=${r.code}&year=${year}`} data-testid={`funds-row-${r.code}`}>
                        {v}
                      </Link>
                    ),
                  },
                  { title: t('pf.villages'), dataIndex: 'villages', width: 80 },
                  { title: t('pf.standard'), dataIndex: 'standardFen', render: money },
                  { title: t('pf.operation'), dataIndex: 'operationFen', render: money },
                  { title: t('pf.partyBuilding'), dataIndex: 'partyBuildingFen', render: money },
                  { title: t('pf.other'), dataIndex: 'otherFen', render: money },
                  {
                    title: t('pf.percent'),
                    dataIndex: 'percent',
                    width: 90,
                    render: (v: number | null) =>
                      v === null ? '—' : <Tag color={v >= 100 ? 'green' : v >= 80 ? 'gold' : 'red'}>{v}%</Tag>,
                  },
                  { title: t('pf.short'), dataIndex: 'shortVillages', width: 90 },
                ]}
              />
            )}
          </>
        )}
      </Card>

      <Card
        title={t('pf.payments')}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={exportFile} data-testid="funds-export">
              {t('pf.export')}
            </Button>
            {mayWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="payment-add">
                {t('pf.add')}
              </Button>
            )}
          </Space>
        }
      >
        {payments.error ? (
          <ErrorState error={payments.error} onRetry={payments.reload} />
        ) : (
          <ResponsiveTable<Payment>
            rowKey="id"
            size="small"
            loading={payments.loading}
            dataSource={payments.data?.items ?? []}
            pagination={false}
            data-testid="payments-table"
            locale={{ emptyText: payments.loading ? ' ' : <EmptyState description={t('pf.noPayments')} /> }}
            columns={[
              { title: t('pf.paidOn'), dataIndex: 'paidOn', width: 110 },
              { title: t('pf.village'), dataIndex: 'villageName' },
              {
                title: t('pf.amount'),
                dataIndex: 'amountFen',
                render: (v: number, r: Payment) => (
                  <Space size={4} wrap>
                    <span style={r.reversedBy ? { textDecoration: 'line-through' } : undefined}>{money(v)}</span>
                    {r.reversesId !== null && <Tag color="red">{t('pg.cor.reversal')}</Tag>}
                    {r.reversedBy !== null && <Tag>{t('pg.cor.reversed')}</Tag>}
                    {r.correctsId !== null && <Tag color="blue">{t('pg.cor.replaces', { id: r.correctsId })}</Tag>}
                  </Space>
                ),
              },
              { title: t('pf.purpose'), dataIndex: 'purpose', render: (v: string) => t(`pf.purpose.${v}` as MessageKey) },
              { title: t('pf.source'), dataIndex: 'source' },
              {
                title: t('pf.note'),
                dataIndex: 'note',
                render: (v: string | null, r) =>
                  r.reversesId !== null ? (
                    <Typography.Text type="secondary">
                      {r.correctedOn} · {r.correctionReason}
                    </Typography.Text>
                  ) : r.batchId ? (
                    <Space size={4}>
                      {v}
                      <Tag>{t('pf.imported')}</Tag>
                    </Space>
                  ) : (
                    v
                  ),
              },
              ...(mayWrite
                ? [
                    {
                      title: '',
                      key: 'x',
                      width: 90,
                      render: (_: unknown, r: Payment) =>
                        r.reversesId === null &&
                        r.reversedBy === null && (
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            onClick={() => setCorrecting(r)}
                            data-testid={`payment-correct-${r.id}`}
                          >
                            {t('pg.cor.action')}
                          </Button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>

      {mayWrite && (
        <SmallImportCard
          title={t('pf.import.title')}
          caption={t('pf.import.caption')}
          testId="funds-import"
          run={partyFunds.importFunds}
          onCommitted={reload}
        />
      )}
      <CorrectionModal
        payment={correcting}
        onClose={() => setCorrecting(null)}
        onSaved={() => {
          setCorrecting(null);
          reload();
        }}
      />
      <PaymentModal
        open={adding}
        village={region.length === 12 ? region : null}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          reload();
        }}
      />
    </Space>
  );
}
