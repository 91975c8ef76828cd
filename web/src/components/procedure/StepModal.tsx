import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, errorMessage, isApiError } from '../../api/client';
import type { Schemas } from '../../api/schema';
import { useI18n } from '../../i18n';
import { usePhone } from '../../lib/usePhone';
import { useToast } from '../../lib/useToast';

export type ProcedureCase = Schemas['ProcedureCase'];
export type ProcedureStep = ProcedureCase['steps'][number];

/** What a person gives with a step; the page adds the case version and sends it. */
export interface StepValues {
  reason?: string;
  note?: string;
  date?: string;
  reasonCode?: string;
}

/** The fields a step asks for beyond the reason, by action: set by the page, which knows its procedure. */
export interface StepFields {
  /** A date (the day in post, the last day): its label, the day offered, and the days allowed. */
  date?: { label: string; initial?: string; min?: string; max?: string };
  /** A required choice of why (撤换原因). */
  reasonCodes?: { value: string; label: string }[];
}

interface FormValues {
  reason?: string;
  note?: string;
  date?: Dayjs;
  reasonCode?: string;
}

const FIELDS = ['reason', 'note', 'date', 'reasonCode'] as const;

/**
 * The confirmation of one step: a required reason when the rule asks for one (an optional note otherwise), a date and
 * a reason code when the procedure takes them. Server errors naming a field are shown on it; others as a toast.
 */
export function StepModal({
  step,
  fields,
  onCancel,
  onSubmit,
}: {
  step: ProcedureStep | null;
  fields?: StepFields;
  onCancel: () => void;
  onSubmit: (v: StepValues) => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const message = useToast();
  const phone = usePhone();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const date = fields?.date;
  const label = step ? (lang === 'en' ? step.label.en : step.label.zh) : '';

  const submit = async (v: FormValues) => {
    setBusy(true);
    try {
      await onSubmit({
        reason: v.reason?.trim() || undefined,
        note: v.note?.trim() || undefined,
        date: v.date ? v.date.format('YYYY-MM-DD') : undefined,
        reasonCode: v.reasonCode,
      });
    } catch (e) {
      const onField =
        e instanceof ApiError ? Object.entries(e.fieldErrors()).filter(([k]) => (FIELDS as readonly string[]).includes(k)) : [];
      if (onField.length) form.setFields(onField.map(([name, m]) => ({ name: name as (typeof FIELDS)[number], errors: [m] })));
      else message.error(errorMessage(e));
      // Someone else moved the case: the page reloads it, and this step may no longer be offered.
      if (isApiError(e, 'PROCEDURE_CHANGED')) onCancel();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={step !== null}
      title={t('proc.m.confirm', { action: label })}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={label || t('common.ok')}
      okButtonProps={{ loading: busy, 'data-testid': 'step-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      data-testid="step-modal"
    >
      {step?.needsReason && <Alert type="warning" showIcon title={t('proc.m.reasonNeeded')} style={{ marginBottom: 16 }} />}
      <Form<FormValues>
        // A fresh form per step, so that the step's initial date (today, as a rule) is in the box when it opens.
        key={step ? `${step.action}:${date?.initial ?? ''}` : 'closed'}
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{ date: date?.initial ? dayjs(date.initial) : undefined }}
      >
        {date && (
          <Form.Item name="date" label={date.label} rules={[{ required: true, message: t('proc.m.dateRequired') }]}>
            <DatePicker
              style={{ width: '100%' }}
              inputReadOnly={phone}
              disabledDate={(d) =>
                Boolean((date.min && d.isBefore(dayjs(date.min), 'day')) || (date.max && d.isAfter(dayjs(date.max), 'day')))
              }
              data-testid="step-date"
            />
          </Form.Item>
        )}
        {fields?.reasonCodes && (
          <Form.Item name="reasonCode" label={t('proc.m.reasonCode')} rules={[{ required: true, message: t('proc.m.reasonCodeRequired') }]}>
            <Select options={fields.reasonCodes} data-testid="step-reason-code" />
          </Form.Item>
        )}
        {step?.needsReason ? (
          <Form.Item
            name="reason"
            label={t('proc.m.reason')}
            rules={[{ required: true, whitespace: true, message: t('proc.m.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="step-reason" />
          </Form.Item>
        ) : (
          <Form.Item name="note" label={t('proc.m.note')}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="step-note" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
