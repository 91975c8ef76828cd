import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { CHECKLIST, type MonitoringDetail as Detail, monitoring } from '../../api/exitMonitoring';
import { ProcedurePanel } from '../../components/procedure/ProcedurePanel';
import { useStepSender } from '../../components/procedure/useStepSender';
import { ErrorState, PageLoading } from '../../components/States';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';
import { useToast } from '../../lib/useToast';
import { MON_COLOR, MonState } from './Monitoring';

const TONE = {
  confirm: 'primary',
  consent: 'primary',
  appraise: 'primary',
  approve: 'primary',
  include: 'primary',
  leave: 'primary',
  reject: 'danger',
} as const;
type Checks = Record<(typeof CHECKLIST)[number], boolean>;

function Measures({ d, onAdded }: { d: Detail; onAdded: () => void }) {
  const { t } = useI18n();
  const message = useToast();
  const [form] = Form.useForm<{ type: string; startedOn: Dayjs; amount?: number; note?: string }>();
  const [saving, setSaving] = useState(false);
  const add = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await monitoring.measure(d.id, { type: v.type, startedOn: v.startedOn.format('YYYY-MM-DD'), amount: v.amount ?? 0, note: v.note });
      form.resetFields();
      onAdded();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('mon.measures')} data-testid="mon-measures">
      <List
        size="small"
        dataSource={d.measures}
        locale={{ emptyText: t('mon.measure.empty') }}
        renderItem={(m) => (
          <List.Item>
            <Space wrap>
              <Tag color="blue">{m.typeLabel}</Tag>
              <span>{m.startedOn}</span>
              {m.amount > 0 && <span>¥{m.amount.toLocaleString()}</span>}
              {m.note && <Typography.Text type="secondary">{m.note}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      {d.state === 'monitored' ? (
        <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} initialValues={{ startedOn: dayjs() }}>
          <Form.Item name="type" rules={[{ required: true, message: t('mon.measure.type') }]}>
            <Select
              placeholder={t('mon.measure.type')}
              style={{ width: 150 }}
              options={d.projectTypes.map((p) => ({ value: p.code, label: p.label }))}
              data-testid="mon-measure-type"
            />
          </Form.Item>
          <Form.Item name="startedOn" rules={[{ required: true }]}>
            <DatePicker maxDate={dayjs()} />
          </Form.Item>
          <Form.Item name="amount">
            <InputNumber min={0} placeholder={t('mon.measure.amount')} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder={t('mon.measure.note')} maxLength={1000} style={{ width: 180 }} />
          </Form.Item>
          <Button onClick={add} loading={saving} data-testid="mon-measure-add">
            {t('mon.measure.add')}
          </Button>
        </Form>
      ) : (
        <Typography.Text type="secondary">{t('mon.measure.onlyMonitored')}</Typography.Text>
      )}
    </Card>
  );
}

/** 监测详情: the household's risk and dates, the checklist to leave, assistance measures, and the procedure. */
export default function MonitoringDetail() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const link = useRegionLink();
  const detail = useAsync(() => monitoring.detail(id), [id]);
  const d = detail.data;
  const [checks, setChecks] = useState<Partial<Checks>>({});
  const onStep = useStepSender(
    ({ reasonCode: _none, date, ...b }) =>
      b.action === 'consent'
        ? monitoring.step(id, { ...b, consentSignedOn: date })
        : b.action === 'leave'
          ? monitoring.step(id, { ...b, date, checklist: Object.fromEntries(CHECKLIST.map((k) => [k, checks[k] === true])) as Checks })
          : monitoring.step(id, { ...b, date }),
    d?.case.version,
    detail.reload,
  );
  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!d || String(d.id) !== id) return <PageLoading rows={8} />;
  const today = dayjs().format('YYYY-MM-DD');
  const dated = { date: { label: t('mon.d.stepDate'), max: today, initial: today } };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="mon-detail">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card
              title={
                <Space size={10} wrap>
                  <span data-testid="mon-detail-title">
                    {d.head ?? '—'} · {d.householdNo}
                  </span>
                  <MonState r={d} />
                </Space>
              }
              extra={
                <Link to={link('/monitoring')}>
                  <Button icon={<ArrowLeftOutlined />}>{t('mon.d.back')}</Button>
                </Link>
              }
            >
              <Descriptions
                size="small"
                bordered
                column={{ xs: 1, sm: 2 }}
                items={[
                  { key: 'village', label: t('mon.f.village'), children: `${d.village.township} · ${d.village.name}` },
                  { key: 'kind', label: t('mon.c.kind'), children: d.kindLabel },
                  { key: 'source', label: t('mon.c.source'), children: d.sourceLabel },
                  { key: 'income', label: t('mon.c.income'), children: d.income === null ? '—' : d.income.toLocaleString() },
                  {
                    key: 'risk',
                    label: t('mon.c.risk'),
                    span: 'filled',
                    children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{d.risk}</Typography.Text>,
                  },
                  { key: 'opened', label: t('mon.d.opened'), children: d.openedOn },
                  { key: 'confirmed', label: t('mon.d.confirmed'), children: d.confirmedOn ?? '—' },
                  {
                    key: 'due',
                    label: t('mon.d.decisionDue'),
                    children: <Typography.Text type={d.overdue ? 'danger' : undefined}>{d.decisionDue ?? '—'}</Typography.Text>,
                  },
                  { key: 'consent', label: t('mon.d.consent'), children: d.consentSignedOn ?? '—' },
                  { key: 'included', label: t('mon.d.included'), children: d.includedOn ?? '—' },
                  { key: 'ended', label: t('mon.d.ended'), children: d.endedOn ?? '—' },
                ]}
              />
            </Card>
            <Card title={t('mon.checklist')} data-testid="mon-checklist">
              <Space orientation="vertical">
                {d.checklist.map((c) => (
                  <Checkbox
                    key={c.code}
                    checked={c.met || checks[c.code as keyof Checks] === true}
                    disabled={c.met || d.state !== 'monitored'}
                    onChange={(e) => setChecks((x) => ({ ...x, [c.code]: e.target.checked }))}
                    data-testid={`mon-check-${c.code}`}
                  >
                    {lang === 'en' ? c.label.en : c.label.zh}
                  </Checkbox>
                ))}
                <Typography.Text type="secondary">{t('mon.checklistHint')}</Typography.Text>
              </Space>
            </Card>
            <Measures d={d} onAdded={detail.reload} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <ProcedurePanel
            case={d.case}
            onStep={onStep}
            stateColor={(s) => MON_COLOR[s] ?? 'blue'}
            tone={TONE}
            fields={{ consent: { date: { label: t('mon.d.consentDate'), max: today, initial: today } }, include: dated, leave: dated }}
          />
        </Col>
      </Row>
    </Space>
  );
}
