import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Descriptions, Form, Input, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { partyLedger } from '../../../api/partyLedger';
import { ProcedurePanel } from '../../../components/procedure/ProcedurePanel';
import { useStepSender } from '../../../components/procedure/useStepSender';
import { ErrorState, PageLoading } from '../../../components/States';
import { type MessageKey, useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useRegionLink } from '../../../lib/useRegion';
import { AdjustmentTag, RESULT_COLOR } from './Screening';

/** 书记研判: one secretary's assessment, the adjustment's procedure (the successor named here), the village's secretaries. */
export default function ScreeningDetail() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const link = useRegionLink();
  const detail = useAsync(() => partyLedger.screening(id), [id]);
  const d = detail.data;
  const history = useAsync(() => (d ? partyLedger.history(d.village.code) : Promise.resolve(null)), [d?.village.code, d?.case?.version]);
  const [successor, setSuccessor] = useState({ name: '', idNumber: '', oneShoulder: false });
  const onStep = useStepSender(
    ({ reasonCode: _none, ...b }) =>
      partyLedger.screeningStep(id, b.action === 'adjust' ? { ...b, successor: { ...successor, name: successor.name.trim() } } : b),
    d?.case?.version,
    detail.reload,
  );

  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!d || String(d.id) !== id) return <PageLoading rows={8} />;
  const pending = d.case?.state === 'pending';

  return (
    <Row gutter={[16, 16]} data-testid="screening-detail">
      <Col xs={24} xl={14}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card
            title={
              <Space size={10} wrap>
                <span>
                  {t('ps.d.title')} · {d.village.name} · {d.secretary}
                </span>
                {d.result && <Tag color={RESULT_COLOR[d.result]}>{d.resultLabel}</Tag>}
                <AdjustmentTag s={d} />
              </Space>
            }
            extra={
              <Link to={link(`/party/screening?round=${d.roundId}`)}>
                <Button icon={<ArrowLeftOutlined />}>{t('ps.title')}</Button>
              </Link>
            }
          >
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'year', label: t('pl.year'), children: d.year },
                { key: 'village', label: t('ps.c.village'), children: `${d.village.township} · ${d.village.name}` },
                { key: 'opinion', label: t('ps.c.opinion'), children: d.opinionLabel ?? '—' },
                { key: 'assessed', label: t('ps.assessed'), children: d.assessedOn ? `${d.assessedOn} · ${d.assessedBy}` : '—' },
                { key: 'by', label: t('ps.d.adjustBy'), children: d.adjustBy ?? '—' },
                { key: 'successor', label: t('ps.d.successor'), children: d.successor ? `${d.successor} · ${d.adjustedOn}` : '—' },
                { key: 'note', label: t('ps.note'), span: 'filled', children: d.note ?? '—' },
              ]}
            />
          </Card>
          <Card title={t('ps.d.history')} data-testid="secretary-history">
            <Timeline
              items={(history.data?.secretaries ?? []).map((s) => ({
                key: s.id,
                color: s.endDate ? 'gray' : 'green',
                content: (
                  <span>
                    <Typography.Text strong>{s.name}</Typography.Text> {s.startDate} — {s.endDate ?? t('ps.d.current')}
                    {s.endReason && (
                      <Typography.Text type="secondary">（{t(`ps.d.endReason.${s.endReason}` as MessageKey)}）</Typography.Text>
                    )}
                  </span>
                ),
              }))}
            />
          </Card>
        </Space>
      </Col>
      <Col xs={24} xl={10}>
        {d.case && (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {pending && (
              <Card title={t('ps.d.successor')} size="small" data-testid="successor-form">
                <Typography.Paragraph type="secondary">{t('ps.d.successorHint')}</Typography.Paragraph>
                <Form layout="vertical">
                  <Form.Item label={t('ps.d.successorName')}>
                    <Input
                      value={successor.name}
                      maxLength={50}
                      onChange={(e) => setSuccessor({ ...successor, name: e.target.value })}
                      data-testid="successor-name"
                    />
                  </Form.Item>
                  <Form.Item label={t('ps.d.successorId')}>
                    <Input
                      value={successor.idNumber}
                      maxLength={20}
                      onChange={(e) => setSuccessor({ ...successor, idNumber: e.target.value })}
                      data-testid="successor-id"
                    />
                  </Form.Item>
                  <Checkbox checked={successor.oneShoulder} onChange={(e) => setSuccessor({ ...successor, oneShoulder: e.target.checked })}>
                    {t('ps.d.oneShoulder')}
                  </Checkbox>
                </Form>
              </Card>
            )}
            <ProcedurePanel case={d.case} onStep={onStep} tone={{ adjust: 'primary', withdraw: 'danger' }} />
          </Space>
        )}
      </Col>
    </Row>
  );
}
