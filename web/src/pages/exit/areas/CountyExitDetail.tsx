import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { areaExitApi } from '../../../api/exit';
import { ProcedurePanel } from '../../../components/procedure/ProcedurePanel';
import { useStepSender } from '../../../components/procedure/useStepSender';
import { ErrorState, PageLoading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useRegionLink } from '../../../lib/useRegion';
import { AREA_COLOR } from './shared';
import { noticeItems } from './VillageExitDetail';

const TONE = {
  return: 'danger',
  withdraw: 'danger',
  precheck: 'primary',
  verify: 'primary',
  publish: 'primary',
  announce: 'primary',
} as const;

/** A poverty county's exit: the figures as applied for, the notice, the city's pre-check and the province's steps. */
export default function CountyExitDetail() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const link = useRegionLink();
  const detail = useAsync(() => areaExitApi.county(id), [id]);
  const d = detail.data;
  const onStep = useStepSender(({ reasonCode: _none, ...b }) => areaExitApi.countyStep(id, b), d?.case.version, detail.reload);
  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!d || String(d.id) !== id) return <PageLoading rows={8} />;
  const today = dayjs().format('YYYY-MM-DD');
  const dateStep = { date: { label: t('exa.date'), max: today, initial: today } };

  return (
    <Row gutter={[16, 16]} data-testid="exa-county-detail">
      <Col xs={24} xl={14}>
        <Card
          title={
            <Space wrap>
              <span data-testid="exa-detail-title">
                {d.county.name} · {t('exa.yearOf', { year: d.year })}
              </span>
              <Tag color={AREA_COLOR[d.case.state]}>{d.stateLabel}</Tag>
            </Space>
          }
          extra={
            <Link to={link('/exit/counties')}>
              <Button icon={<ArrowLeftOutlined />}>{t('exa.back')}</Button>
            </Link>
          }
        >
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'y', label: t('exa.c.year'), children: d.year },
              { key: 'i', label: t('exa.c.incidenceProposed'), children: `${d.incidence.toFixed(2)}%` },
              { key: 'p', label: t('exa.c.poor'), children: d.poorPersons.toLocaleString() },
              { key: 'r', label: t('exa.c.population'), children: d.ruralPopulation.toLocaleString() },
              ...noticeItems(d, t),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <ProcedurePanel
          case={d.case}
          onStep={onStep}
          stateColor={(s) => AREA_COLOR[s] ?? 'blue'}
          tone={TONE}
          fields={{ precheck: dateStep, verify: dateStep, publish: dateStep, announce: dateStep }}
        />
      </Col>
    </Row>
  );
}
