import { Alert, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { cadres, LEAVE_KINDS, type LeaveKind, type PostingDetail } from '../../api/cadres';
import { ApiError, errorMessage } from '../../api/client';
import { type MessageKey, useI18n } from '../../i18n';
import { daysInclusive } from '../../lib/dates';
import { usePhone } from '../../lib/usePhone';
import { useToast } from '../../lib/useToast';

interface Values {
  kind: LeaveKind;
  startDate: Dayjs;
  endDate: Dayjs;
  reason: string;
}

const FIELDS = ['kind', 'startDate', 'endDate', 'reason'];
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/**
 * 请假: a cadre in post asks for days off (the village may ask for them). Days outside the posting cannot be picked;
 * the server still judges the length and overlaps (409 LEAVE_OVERLAP), shown on the dates.
 */
export function LeaveModal({
  posting,
  open,
  onClose,
  onCreated,
}: {
  posting: PostingDetail;
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useI18n();
  const message = useToast();
  const phone = usePhone();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = Form.useWatch('startDate', form);
  const end = Form.useWatch('endDate', form);
  const last = posting.endDate ?? posting.plannedEndDate;
  const outside = (d: Dayjs) => d.isBefore(dayjs(posting.startDate), 'day') || d.isAfter(dayjs(last), 'day');

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await cadres.askLeave(posting.id, {
        kind: v.kind,
        startDate: day(v.startDate),
        endDate: day(v.endDate),
        reason: v.reason.trim(),
      });
      message.success(t('cad.l.createdOk'));
      onCreated(r.id);
    } catch (e) {
      const hits = e instanceof ApiError ? Object.entries(e.fieldErrors()).filter(([k]) => FIELDS.includes(k)) : [];
      if (hits.length) form.setFields(hits.map(([k, m]) => ({ name: k as keyof Values, errors: [m] })));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('cad.l.formTitle', { name: posting.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'leave-submit' }}
      destroyOnHidden
      data-testid="leave-modal"
    >
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} data-testid="leave-error" /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ kind: 'personal' }}>
        <Form.Item name="kind" label={t('cad.l.kind')} rules={[{ required: true }]}>
          <Select options={LEAVE_KINDS.map((k) => ({ value: k, label: t(`cad.kind.${k}` as MessageKey) }))} data-testid="leave-kind" />
        </Form.Item>
        <div className="fp-leave-dates">
          <Form.Item
            name="startDate"
            label={t('cad.l.start')}
            rules={[{ required: true, message: t('cad.n.pick', { field: t('cad.l.start') }) }]}
          >
            <DatePicker style={{ width: '100%' }} inputReadOnly={phone} disabledDate={outside} data-testid="leave-start" />
          </Form.Item>
          <Form.Item
            name="endDate"
            label={t('cad.l.end')}
            dependencies={['startDate']}
            rules={[
              { required: true, message: t('cad.n.pick', { field: t('cad.l.end') }) },
              {
                validator: (_, v: Dayjs | undefined) =>
                  !v || !start || !v.isBefore(start, 'day') ? Promise.resolve() : Promise.reject(new Error(t('cad.l.endBeforeStart'))),
              },
            ]}
          >
            <DatePicker style={{ width: '100%' }} inputReadOnly={phone} disabledDate={outside} data-testid="leave-end" />
          </Form.Item>
        </div>
        {start && end && !end.isBefore(start, 'day') && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="leave-days">
            {t('cad.l.daysTotal', { days: daysInclusive(day(start), day(end)) })}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="reason"
          label={t('cad.l.reason')}
          rules={[{ required: true, whitespace: true, message: t('cad.n.fill', { field: t('cad.l.reason') }) }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="leave-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
