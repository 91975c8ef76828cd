import { type ButtonProps, Checkbox, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../../api/client';
import { areaExitApi, type VillageExitItem, type VillageExitList, type VillageProposal } from '../../../api/exit';
import { useI18n } from '../../../i18n';
import { usePhone } from '../../../lib/usePhone';
import { useRegionLink } from '../../../lib/useRegion';
import { useToast } from '../../../lib/useToast';

interface Values {
  year: number;
  items: string[];
  note?: string;
}

/** The township's proposal of a village's exit: the year and the checklist it fills (the county verifies it later). */
export function ProposeVillageModal({
  village,
  checks,
  onClose,
  onDone,
}: {
  village: VillageExitItem;
  checks: VillageExitList['checks'];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const message = useToast();
  const phone = usePhone();
  const navigate = useNavigate();
  const link = useRegionLink();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const checklist = Object.fromEntries(checks.map((c) => [c.code, v.items.includes(c.code)])) as VillageProposal['checklist'];
      const r = await areaExitApi.proposeVillage({ villageCode: village.code, year: v.year, checklist, note: v.note || undefined });
      message.success(t('exa.v.proposed', { name: village.name }));
      onDone();
      onClose();
      void navigate(link(`/exit/villages/${r.id}`));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('exa.v.proposeTitle', { name: `${village.township} · ${village.name}` })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('exa.v.propose')}
      okButtonProps={{ loading: busy, 'data-testid': 'exa-propose-submit' } as ButtonProps}
      width={phone ? '100%' : 520}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('exa.v.proposeHint', { incidence: village.incidence.toFixed(2) })}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ year: new Date().getFullYear(), items: checks.map((c) => c.code) }}
        onFinish={submit}
      >
        <Form.Item name="year" label={t('exa.c.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: 140 }} data-testid="exa-propose-year" />
        </Form.Item>
        <Form.Item name="items" label={t('exa.checklist.township')}>
          <Checkbox.Group className="fp-exa-checks" style={{ display: 'grid', gap: 6 }} data-testid="exa-propose-checks">
            {checks.map((c) => (
              <Checkbox key={c.code} value={c.code}>
                {c.label}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="note" label={t('exa.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
