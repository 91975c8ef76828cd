import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { cadres } from '../../api/cadres';
import { leaveColor, StateTag } from '../../components/cadres/tags';
import { ProcedurePanel } from '../../components/procedure/ProcedurePanel';
import { useStepSender } from '../../components/procedure/useStepSender';
import { ErrorState, PageLoading } from '../../components/States';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';
import '../../components/cadres/cadres.css';

const TONE = { approve: 'primary', close: 'primary', reject: 'danger', cancel: 'danger' } as const;

/** 请假详情: the request (who, when, why) and its procedure: approve or reject, cancel, close. */
export default function LeaveDetail() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const link = useRegionLink();
  const detail = useAsync(() => cadres.leave(id), [id, lang]);
  const l = detail.data;
  const onStep = useStepSender(({ reasonCode: _none, ...b }) => cadres.leaveStep(id, b), l?.case.version, detail.reload);

  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!l || String(l.id) !== id) return <PageLoading rows={8} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="leave-detail">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title={
              <Space size={10} wrap>
                <span data-testid="leave-detail-title">
                  {t('cad.ld.title')} · {l.name}
                </span>
                <StateTag kind="leave" state={l.state} label={l.stateLabel} overdue={l.overdue} dueDate={l.dueDate} />
              </Space>
            }
            extra={
              <Space wrap>
                <Link to={link('/cadres/leave')}>
                  <Button icon={<ArrowLeftOutlined />}>{t('cad.d.back')}</Button>
                </Link>
                <Link to={link(`/cadres/postings/${l.postingId}`)} data-testid="leave-posting-link">
                  <Button>{t('cad.ld.posting')}</Button>
                </Link>
              </Space>
            }
          >
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, sm: 2 }}
              data-testid="leave-info"
              items={[
                { key: 'name', label: t('cad.l.c.name'), children: l.name },
                { key: 'village', label: t('cad.l.c.village'), children: l.village.name },
                { key: 'kind', label: t('cad.l.c.kind'), children: l.kindLabel },
                { key: 'days', label: t('cad.l.c.days'), children: l.days },
                {
                  key: 'dates',
                  label: t('cad.l.c.dates'),
                  span: 'filled',
                  children: t('cad.dates', { start: l.startDate, end: l.endDate }),
                },
                {
                  key: 'reason',
                  label: t('cad.l.c.reason'),
                  span: 'filled',
                  children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{l.reason}</Typography.Text>,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <ProcedurePanel case={l.case} onStep={onStep} stateColor={leaveColor} tone={TONE} />
        </Col>
      </Row>
    </Space>
  );
}
