import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { partyLedger } from '../../../api/partyLedger';
import { ProcedurePanel } from '../../../components/procedure/ProcedurePanel';
import { useStepSender } from '../../../components/procedure/useStepSender';
import { ErrorState, PageLoading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useRegionLink } from '../../../lib/useRegion';
import { LedgerState, STATE_COLOR } from './LedgerTable';
import { PlanCard } from './PlanCard';
import { ProgressCard } from './ProgressCard';

const TONE = { plan: 'primary', start: 'primary', close: 'primary', consolidate: 'primary', reopen: 'danger' } as const;

/** 整顿详情: the case's facts, its plan (一村一策), dated progress, and its procedure (steps as buttons). */
export default function LedgerDetail() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const link = useRegionLink();
  const detail = useAsync(() => partyLedger.detail(id), [id]);
  const d = detail.data;
  const onStep = useStepSender(({ reasonCode: _none, ...b }) => partyLedger.step(id, b), d?.case.version, detail.reload);

  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!d || String(d.id) !== id) return <PageLoading rows={8} />;
  // The day of the verification or the follow-up check: today unless the clerk records an earlier one.
  const todayIso = dayjs().format('YYYY-MM-DD');
  const dateStep = { date: { label: t('pl.progress.date'), max: todayIso, initial: todayIso } };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="ledger-detail">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card
              title={
                <Space size={10} wrap>
                  <span data-testid="ledger-detail-title">
                    {d.village.township} · {d.village.name} · {d.year}
                  </span>
                  <LedgerState r={d} />
                </Space>
              }
              extra={
                <Link to={link('/party/ledger')}>
                  <Button icon={<ArrowLeftOutlined />}>{t('pl.d.back')}</Button>
                </Link>
              }
            >
              <Descriptions
                size="small"
                bordered
                column={{ xs: 1, sm: 2 }}
                data-testid="ledger-facts"
                items={[
                  { key: 'causes', label: t('pl.c.causes'), span: 'filled', children: d.causes.map((c) => c.label).join('、') },
                  {
                    key: 'problems',
                    label: t('pl.d.problems'),
                    span: 'filled',
                    children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{d.problems ?? '—'}</Typography.Text>,
                  },
                  { key: 'fs', label: t('pl.d.firstSecretary'), children: d.firstSecretary ?? d.currentFirstSecretary ?? '—' },
                  { key: 'deadline', label: t('pl.c.deadline'), children: d.deadline ?? '—' },
                  { key: 'closed', label: t('pl.d.closedOn'), children: d.closedOn ?? '—' },
                  { key: 'consolidated', label: t('pl.d.consolidatedOn'), children: d.consolidatedOn ?? '—' },
                ]}
              />
            </Card>
            <PlanCard d={d} onSaved={detail.reload} />
            <ProgressCard d={d} onAdded={detail.reload} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <ProcedurePanel
            case={d.case}
            onStep={onStep}
            stateColor={(s) => STATE_COLOR[s] ?? 'blue'}
            tone={TONE}
            fields={{ close: dateStep, consolidate: dateStep }}
          />
        </Col>
      </Row>
    </Space>
  );
}
