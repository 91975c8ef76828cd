import { Alert, Button, Drawer, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { type HelperDetail, type HelperInput, helpers } from '../../api/helpers';
import { useI18n } from '../../i18n';
import { usePhone } from '../../lib/usePhone';
import { useToast } from '../../lib/useToast';

const FIELDS = ['name', 'idNumber', 'workUnit', 'phone'] as const;
type Values = Pick<HelperInput, 'name' | 'idNumber' | 'workUnit' | 'phone'>;

/**
 * Adds a helper to a county, or edits one: name, ID number (optional; fixed once on record), work unit, phone. The
 * phone is never shown in full: on an edit a blank phone keeps the one on record.
 */
export function HelperDrawer({
  open,
  county,
  helper,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The county a new helper belongs to. */
  county?: string;
  helper?: HelperDetail;
  onClose: () => void;
  onSaved: (id: number) => void;
}) {
  const { t } = useI18n();
  const phone = usePhone();
  const message = useToast();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body = {
      name: v.name.trim(),
      idNumber: v.idNumber?.trim() || undefined,
      workUnit: v.workUnit?.trim() ?? '',
      phone: v.phone?.trim() || undefined,
    };
    try {
      const r = helper ? await helpers.update(helper.id, body) : await helpers.create({ ...body, countyCode: county });
      message.success(helper ? t('hlp.savedOk') : t('hlp.createdOk', { name: body.name }));
      onSaved(r.id);
    } catch (e) {
      const hits = e instanceof ApiError ? Object.entries(e.fieldErrors()).filter(([k]) => (FIELDS as readonly string[]).includes(k)) : [];
      if (hits.length) form.setFields(hits.map(([name, m]) => ({ name: name as keyof Values, errors: [m] })));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={helper ? `${t('hlp.edit')} · ${helper.name}` : t('hlp.add')}
      size={phone ? '100%' : 440}
      destroyOnHidden
      data-testid="helper-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="helper-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={helper ? { name: helper.name, workUnit: helper.workUnit ?? '' } : {}}
      >
        <Form.Item
          name="name"
          label={t('hlp.name')}
          rules={[{ required: true, whitespace: true, message: t('hlp.fill', { field: t('hlp.name') }) }]}
        >
          <Input maxLength={50} data-testid="helper-name" />
        </Form.Item>
        {helper?.idMasked ? (
          <Form.Item label={t('hlp.idNumber')}>
            <Input value={helper.idMasked} disabled aria-label={t('hlp.idNumberFixed', { masked: helper.idMasked })} />
          </Form.Item>
        ) : (
          <Form.Item name="idNumber" label={t('hlp.idNumber')} extra={t('hlp.idNumberHint')}>
            <Input maxLength={20} autoComplete="off" data-testid="helper-id" />
          </Form.Item>
        )}
        <Form.Item name="workUnit" label={t('hlp.unit')}>
          <Input maxLength={60} data-testid="helper-unit" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('hlp.phone')}
          extra={helper?.phoneMasked ? t('hlp.phoneKeep', { masked: helper.phoneMasked }) : undefined}
        >
          <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="helper-phone" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
