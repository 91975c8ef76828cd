import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { partyFunds, type Reserve as ReserveItem } from '../../../api/party-funds';
import { useAuth } from '../../../auth/AuthContext';
import { RegionPath } from '../../../components/cadres/RegionPath';
import { RegionCascader } from '../../../components/RegionCascader';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../../components/States';
import { type MessageKey, useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useCurrentRegion } from '../../../lib/useRegion';
import { useToast } from '../../../lib/useToast';

/** 后备干部: each village's reserve cadres with their training hours; add one (by ID number) and record training. */
export default function Reserve() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const toast = useToast();
  const { code: region } = useCurrentRegion();
  const list = useAsync(() => partyFunds.reserves(region), [region, lang]);
  const [adding, setAdding] = useState(false);
  const [training, setTraining] = useState<ReserveItem | null>(null);
  const [leaving, setLeaving] = useState<ReserveItem | null>(null);
  const [form] = Form.useForm();
  const [tform] = Form.useForm();
  const [lform] = Form.useForm();
  const fail = (e: unknown) => toast.error(errorMessage(e));

  const add = async () => {
    const v = await form.validateFields();
    await partyFunds
      .createReserve({
        villageCode: region.length === 12 ? region : v.villageCode,
        name: v.name,
        idNumber: v.idNumber,
        since: (v.since as Dayjs).format('YYYY-MM-DD'),
        source: v.source || undefined,
        education: v.education || undefined,
      })
      .then(() => {
        setAdding(false);
        form.resetFields();
        list.reload();
      }, fail);
  };
  const train = async () => {
    const v = await tform.validateFields();
    if (!training) return;
    await partyFunds
      .addTraining(training.id, {
        trainedOn: (v.trainedOn as Dayjs).format('YYYY-MM-DD'),
        course: v.course,
        hours: v.hours,
        organiser: v.organiser || undefined,
      })
      .then(() => {
        setTraining(null);
        tform.resetFields();
        list.reload();
      }, fail);
  };

  const leave = async () => {
    const v = await lform.validateFields();
    if (!leaving) return;
    await partyFunds
      .leaveReserve(leaving.id, { leftOn: (v.leftOn as Dayjs).format('YYYY-MM-DD'), reason: v.reason, note: v.note || undefined })
      .then(() => {
        setLeaving(null);
        lform.resetFields();
        list.reload();
      }, fail);
  };

  return (
    <Card
      data-testid="reserve-page"
      title={
        <Space size={8} wrap>
          <span>{t('pf.res.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
      extra={
        can('data.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('pf.res.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('pf.res.caption')}</Typography.Paragraph>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <ResponsiveTable<ReserveItem>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('pf.res.empty')} /> }}
          columns={[
            { title: t('pf.village'), dataIndex: 'villageName' },
            {
              title: t('pf.pay.name'),
              dataIndex: 'name',
              render: (v: string, r) =>
                r.leftOn ? (
                  <Space size={4} wrap>
                    {v}
                    <Tag title={r.leftNote ?? undefined}>
                      {t('pf.res.left')} {r.leftOn}
                      {r.leftReason ? ` · ${t(`pg.res.reason.${r.leftReason}` as MessageKey)}` : ''}
                    </Tag>
                  </Space>
                ) : (
                  v
                ),
            },
            { title: t('pf.pay.idNumber'), dataIndex: 'idMasked' },
            { title: t('pf.res.since'), dataIndex: 'since', width: 110 },
            { title: t('pf.res.source'), dataIndex: 'source' },
            { title: t('pf.res.education'), dataIndex: 'education', width: 80 },
            { title: t('pf.res.hours'), dataIndex: 'trainingHours', width: 90 },
            ...(can('data.write')
              ? [
                  {
                    title: '',
                    key: 'x',
                    width: 170,
                    render: (_: unknown, r: ReserveItem) =>
                      !r.leftOn && (
                        <Space size={4}>
                          <Button size="small" onClick={() => setTraining(r)}>
                            {t('pf.res.training')}
                          </Button>
                          <Button size="small" danger onClick={() => setLeaving(r)} data-testid={`reserve-leave-${r.id}`}>
                            {t('pg.res.leave')}
                          </Button>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal open={adding} title={t('pf.res.add')} onCancel={() => setAdding(false)} onOk={add} destroyOnHidden>
        <Form form={form} layout="vertical">
          {region.length !== 12 && (
            <Form.Item name="villageCode" label={t('pf.village')} rules={[{ required: true, message: t('pf.chooseVillage') }]}>
              <RegionCascader villageOnly />
            </Form.Item>
          )}
          <Form.Item name="name" label={t('pf.pay.name')} rules={[{ required: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="idNumber" label={t('pf.pay.idNumber')} rules={[{ required: true }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="since" label={t('pf.res.since')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="source" label={t('pf.res.source')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="education" label={t('pf.res.education')}>
            <Input maxLength={20} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={training !== null}
        title={`${t('pf.res.training')} · ${training?.name ?? ''}`}
        onCancel={() => setTraining(null)}
        onOk={train}
        destroyOnHidden
      >
        <Form form={tform} layout="vertical">
          <Form.Item name="trainedOn" label={t('pf.res.trainedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="course" label={t('pf.res.course')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="hours" label={t('pf.res.hours')} rules={[{ required: true }]}>
            <InputNumber min={0.5} max={2000} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="organiser" label={t('pf.res.organiser')}>
            <Input maxLength={60} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={leaving !== null}
        title={`${t('pg.res.leaveTitle')} · ${leaving?.name ?? ''}`}
        onCancel={() => setLeaving(null)}
        onOk={leave}
        okButtonProps={{ danger: true, 'data-testid': 'reserve-leave-save' }}
        destroyOnHidden
      >
        <Form form={lform} layout="vertical" initialValues={{ leftOn: dayjs(), reason: 'elected' }} data-testid="reserve-leave-form">
          <Form.Item name="leftOn" label={t('pg.res.leftOn')} rules={[{ required: true }]}>
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day') || (leaving ? d.isBefore(dayjs(leaving.since), 'day') : false)}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('pg.res.reason')} rules={[{ required: true }]}>
            <Select
              options={(['elected', 'appointed', 'moved', 'unfit', 'withdrew', 'other'] as const).map((r) => ({
                value: r,
                label: t(`pg.res.reason.${r}` as MessageKey),
              }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('pg.res.note')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
