import { ArrowLeftOutlined, EditOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Divider, Row, Space, Tabs, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { registry } from '../../api/registry';
import { useAuth } from '../../auth/AuthContext';
import { PartyPairings } from '../../components/party/PartyPairings';
import { HouseholdNotFound } from '../../components/registry/HouseholdNotFound';
import { StatusTag } from '../../components/registry/StatusTag';
import { ErrorState, PageLoading } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { deadlinePassed } from '../../lib/household';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';
import { AuditTrail } from './detail/AuditTrail';
import { Guarantees, Help, HelpSummary } from './detail/Help';
import { IncomeTable } from './detail/IncomeTable';
import { Members } from './detail/Members';
import { StatusHistory } from './detail/StatusHistory';
import { Visits } from './detail/Visits';

// echarts only with the chart, in its own chunk.
const IncomeChart = lazy(() => import('../../charts/IncomeChart'));

export default function HouseholdDetail() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const link = useRegionLink();
  const detail = useAsync(() => registry.household(id), [id, lang]);

  if (detail.error) {
    if (isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 400)) return <HouseholdNotFound id={id} />;
    return <ErrorState error={detail.error} onRetry={detail.reload} />;
  }
  const h = detail.data;
  if (!h || String(h.id) !== id) return <PageLoading rows={10} />;

  const current = h.helpers.find((x) => !x.endDate);
  const income = h.incomes.find((i) => i.year === h.registerYear) ?? h.incomes.at(-1);
  const passed = deadlinePassed(h, h.registerYear);
  const head = h.members.find((m) => m.relation === 'head');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="household-detail">
      <Card
        title={
          <Space size={10} wrap>
            <span data-testid="household-no">
              {t('reg.d.title')} {h.householdNo}
            </span>
            <StatusTag status={h.status} label={h.statusLabel} testId="household-status" />
            {head && <Typography.Text style={{ fontWeight: 400 }}>{t('reg.d.headIs', { name: head.name })}</Typography.Text>}
          </Space>
        }
        extra={
          <Space wrap size={[8, 8]}>
            <Link to={link('/registry/households')}>
              <Button icon={<ArrowLeftOutlined />}>{t('reg.d.backToList')}</Button>
            </Link>
            <Link to={link(`/registry/households/${encodeURIComponent(String(h.id))}/print`)}>
              <Button icon={<PrinterOutlined />} data-testid="household-print">
                {t('reg.d.print')}
              </Button>
            </Link>
            <Button icon={<FilePdfOutlined />} href={registry.filePdfUrl(h.id)} target="_blank" data-testid="household-pdf">
              {t('reg.d.pdf')}
            </Button>
            <Link to={link(`/registry/files/${h.villageCode}`)}>
              <Button icon={<PrinterOutlined />} data-testid="village-print">
                {t('reg.d.printVillage')}
              </Button>
            </Link>
            {can('data.write') && (
              <Link to={link(`/registry/households/${encodeURIComponent(String(h.id))}/edit`)}>
                <Button type="primary" icon={<EditOutlined />} data-testid="household-edit">
                  {t('reg.d.edit')}
                </Button>
              </Link>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" data-testid="household-path" style={{ marginTop: -4 }}>
          {[h.countyName, h.townshipName, h.villageName].filter(Boolean).join(' / ')}
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {h.villageCode}
          </Typography.Text>
          <Link to={`/villages/${h.villageCode}`} style={{ marginInlineStart: 8 }} data-testid="household-village-profile">
            {t('vil.title')}
          </Link>
        </Typography.Paragraph>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2, xl: 3, xxl: 4 }}
          items={[
            { key: 'category', label: t('reg.h.category'), children: h.categoryLabel ?? h.category },
            { key: 'cause', label: t('reg.h.cause'), children: h.causeLabel ?? h.cause },
            { key: 'members', label: t('reg.h.members'), children: h.members.length },
            { key: 'identified', label: t('reg.d.yearIdentified'), children: h.yearIdentified },
            {
              key: 'planned',
              label: t('reg.h.plannedExit'),
              children:
                h.plannedExitYear === null ? (
                  <Typography.Text type="warning">{t('reg.h.noDeadline')}</Typography.Text>
                ) : (
                  <Typography.Text type={passed ? 'danger' : undefined} strong={passed}>
                    {h.plannedExitYear}
                    {passed && ` · ${t('reg.h.deadlinePassed', { year: h.registerYear })}`}
                  </Typography.Text>
                ),
            },
            { key: 'exit', label: t('reg.d.exitYear'), children: h.exitYear ?? '—' },
            {
              key: 'income',
              label: t('reg.d.incomeOf', { year: income?.year ?? h.registerYear }),
              children: income ? (
                <Typography.Text type={income.perCapita < h.povertyLine ? 'danger' : undefined}>
                  {formatNumber(income.perCapita, lang)} {t('reg.unit.yuan')}
                </Typography.Text>
              ) : (
                '—'
              ),
            },
            {
              key: 'helper',
              label: t('reg.h.helper'),
              children: current ? current.name : <Typography.Text type="warning">{t('reg.h.noHelper')}</Typography.Text>,
            },
          ]}
        />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('reg.g.title')} style={{ height: '100%' }}>
            <Guarantees h={h} />
            <Divider style={{ margin: '16px 0 12px' }} />
            <HelpSummary h={h} />
            <PartyPairings householdId={h.id} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('reg.d.incomeHistory')} style={{ height: '100%' }} data-testid="income-card">
            <Suspense fallback={<PageLoading rows={4} />}>
              <IncomeChart incomes={h.incomes} povertyLine={h.povertyLine} registerYear={h.registerYear} />
            </Suspense>
          </Card>
        </Col>
      </Row>

      <Card>
        <Tabs
          data-testid="household-tabs"
          items={[
            { key: 'members', label: `${t('reg.d.members')} (${h.members.length})`, children: <Members h={h} /> },
            { key: 'income', label: `${t('reg.d.incomeBySource')} (${h.incomes.length})`, children: <IncomeTable h={h} /> },
            {
              key: 'help',
              label: `${t('reg.d.help')} (${h.helpers.length + h.projects.length})`,
              children: <Help h={h} />,
            },
            { key: 'visits', label: `${t('reg.d.visits')} (${h.visits.length})`, children: <Visits h={h} /> },
            { key: 'status', label: t('reg.d.statusHistory'), children: <StatusHistory h={h} /> },
            { key: 'audit', label: `${t('reg.d.audit')} (${h.audit.length})`, children: <AuditTrail rows={h.audit} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
