import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Form, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { type ExitHouseholdDetail, exitApi, OBJECTION_SOURCES, type ObjectionInput } from '../../api/exit';
import { useMe } from '../../auth/AuthContext';
import { ProcedurePanel } from '../../components/procedure/ProcedurePanel';
import { useStepSender } from '../../components/procedure/useStepSender';
import { ErrorState, PageLoading } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';
import { useToast } from '../../lib/useToast';
import { STATE_COLOR } from './Households';

const TONE = { return: 'danger', withdraw: 'danger' } as const;

/** A household's exit: the facts, the notice, the objections raised during it, and the procedure's steps. */
export default function ExitDetail() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const link = useRegionLink();
  const detail = useAsync(() => exitApi.household(id), [id]);
  const d = detail.data;
  const onStep = useStepSender(({ reasonCode: _none, ...b }) => exitApi.step(id, b), d?.case.version, detail.reload);
  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!d || String(d.id) !== id) return <PageLoading rows={8} />;
  const today = dayjs().format('YYYY-MM-DD');
  const dateStep = { date: { label: t('ex.date'), max: today, initial: today } };

  return (
    <Row gutter={[16, 16]} data-testid="exit-detail">
      <Col xs={24} xl={14}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card
            title={
              <Space wrap>
                <span data-testid="exit-detail-title">
                  {d.householdNo} · {d.head}
                </span>
                <Tag color={STATE_COLOR[d.state]}>{d.stateLabel}</Tag>
              </Space>
            }
            extra={
              <Link to={link(`/exit/batches/${d.batchId}`)}>
                <Button icon={<ArrowLeftOutlined />}>{t('ex.back')}</Button>
              </Link>
            }
          >
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'y', label: t('ex.year'), children: d.year },
                { key: 'm', label: t('ex.c.members'), children: d.members },
                { key: 'i', label: t('ex.c.income'), children: d.incomePerCapita },
                { key: 'l', label: t('ex.c.line'), children: d.povertyLine },
                { key: 'n', label: t('ex.c.notice'), span: 'filled', children: d.noticeFrom ? `${d.noticeFrom} ~ ${d.noticeUntil}` : '—' },
              ]}
            />
          </Card>
          <Objections d={d} reload={detail.reload} />
        </Space>
      </Col>
      <Col xs={24} xl={10}>
        <ProcedurePanel
          case={d.case}
          onStep={onStep}
          stateColor={(s) => STATE_COLOR[s] ?? 'blue'}
          tone={TONE}
          fields={{ appraise: dateStep, verify: dateStep, agree: dateStep, publish: dateStep }}
        />
      </Col>
    </Row>
  );
}

function Objections({ d, reload }: { d: ExitHouseholdDetail; reload: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const message = useToast();
  const [form] = Form.useForm<ObjectionInput>();
  const [reason, setReason] = useState('');
  const canWrite = me.permissions.includes('data.write');
  const send = async (p: Promise<unknown>) => {
    try {
      await p;
      reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card title={t('ex.objections')} data-testid="exit-objections">
      <List
        dataSource={d.objections}
        locale={{ emptyText: t('ex.noObjections') }}
        renderItem={(o) => (
          <List.Item
            actions={
              !o.outcome && canWrite && me.scope.code.length <= 9
                ? [
                    <Button
                      key="u"
                      danger
                      size="small"
                      disabled={!reason.trim()}
                      onClick={() => send(exitApi.decide(d.id, o.id, { outcome: 'upheld', reason }))}
                    >
                      {t('ex.o.uphold')}
                    </Button>,
                    <Button
                      key="d"
                      size="small"
                      disabled={!reason.trim()}
                      onClick={() => send(exitApi.decide(d.id, o.id, { outcome: 'dismissed', reason }))}
                    >
                      {t('ex.o.dismiss')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <span>{o.receivedOn}</span>
                  <Tag>{t(`ex.src.${o.source}` as MessageKey)}</Tag>
                  <Tag color={o.outcome === 'upheld' ? 'red' : o.outcome ? 'green' : 'orange'}>
                    {t(`ex.o.${o.outcome ?? 'open'}` as MessageKey)}
                  </Tag>
                </Space>
              }
              description={
                <>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{o.content}</Typography.Paragraph>
                  {o.outcomeReason && <Typography.Text type="secondary">{o.outcomeReason}</Typography.Text>}
                </>
              }
            />
          </List.Item>
        )}
      />
      {canWrite && d.objections.some((o) => !o.outcome) && me.scope.code.length <= 9 && (
        <Input.TextArea
          rows={2}
          maxLength={1000}
          placeholder={t('ex.o.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
      {canWrite && d.state === 'notice' && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 16 }}
          initialValues={{ source: 'visit' }}
          onFinish={(v) => send(exitApi.objection(d.id, v).then(() => form.resetFields()))}
        >
          <Form.Item name="source" label={t('ex.o.source')}>
            <Select options={OBJECTION_SOURCES.map((s) => ({ value: s, label: t(`ex.src.${s}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="content" label={t('ex.o.content')} rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button htmlType="submit">{t('ex.addObjection')}</Button>
        </Form>
      )}
    </Card>
  );
}
