import { Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { KINDS, type MonitoringKind, monitoring } from '../../api/exitMonitoring';
import { registry } from '../../api/registry';
import { RegionCascader } from '../../components/RegionCascader';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';
import { useToast } from '../../lib/useToast';

interface Values {
  villageCode?: string;
  mode: 'registered' | 'new';
  householdId?: number;
  kind: MonitoringKind;
  source: 'application' | 'visit';
  risk: string;
  income?: number;
  householdNo?: string;
  head?: string;
  headId?: string;
}

/**
 * 监测申请: a registered household of a village (found by number or head's name), or a marginal household outside the
 * register (its head, ID number and number: the register's form checks them); the kind, how it was found, the risk.
 */
export function ProposalModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const village = Form.useWatch('villageCode', form);
  const mode = Form.useWatch('mode', form) ?? 'registered';
  const navigate = useNavigate();
  const link = useRegionLink();
  const message = useToast();
  const households = useAsync(
    () =>
      open && village?.length === 12
        ? registry.households({ region: village, q: search || undefined, limit: 50 }).then((p) => p.items)
        : Promise.resolve([]),
    [open, village, search],
  );

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const base = { villageCode: v.villageCode ?? '', kind: v.kind, source: v.source, risk: v.risk, income: v.income ?? undefined };
      const body =
        v.mode === 'new'
          ? {
              ...base,
              kind: 'marginal' as const,
              household: {
                householdNo: v.householdNo ?? '',
                category: 'ordinary',
                cause: 'other',
                yearIdentified: new Date().getFullYear(),
                members: [{ name: v.head ?? '', idNumber: v.headId ?? '', relation: 'head' }],
              },
            }
          : { ...base, householdId: v.householdId };
      const made = await monitoring.propose(body);
      message.success(t('mon.saved'));
      onClose();
      void navigate(link(`/monitoring/${made.id}`));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('mon.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'mon-new-submit' } as Record<string, string>}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ mode: 'registered', kind: 'hardship', source: 'application' }}
        data-testid="mon-new-form"
      >
        <Form.Item
          name="villageCode"
          label={t('mon.f.village')}
          rules={[
            {
              required: true,
              validator: (_, v?: string) => (v && v.length === 12 ? Promise.resolve() : Promise.reject(t('pl.form.villageHint'))),
            },
          ]}
        >
          <RegionCascader data-testid="mon-new-village" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="mode">
          <Radio.Group
            options={[
              { value: 'registered', label: t('mon.f.household') },
              { value: 'new', label: t('mon.f.newHousehold') },
            ]}
            data-testid="mon-new-mode"
          />
        </Form.Item>
        {mode === 'registered' ? (
          <Form.Item name="householdId" label={t('mon.f.household')} rules={[{ required: true }]} extra={t('mon.f.householdHint')}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              loading={households.loading}
              options={(households.data ?? []).map((h) => ({ value: h.id, label: `${h.householdNo} ${h.headName ?? ''}` }))}
              data-testid="mon-new-household"
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="householdNo" label={t('mon.f.householdNo')} rules={[{ required: true, max: 40 }]}>
              <Input data-testid="mon-new-no" />
            </Form.Item>
            <Form.Item name="head" label={t('mon.f.head')} rules={[{ required: true, max: 50 }]}>
              <Input data-testid="mon-new-head" />
            </Form.Item>
            <Form.Item name="headId" label={t('mon.f.headId')} rules={[{ required: true, max: 30 }]}>
              <Input data-testid="mon-new-head-id" />
            </Form.Item>
          </>
        )}
        {mode === 'registered' && (
          <Form.Item name="kind" label={t('mon.f.kind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`mon.kind.${k}` as MessageKey) }))} data-testid="mon-new-kind" />
          </Form.Item>
        )}
        <Form.Item name="source" label={t('mon.f.source')}>
          <Radio.Group
            options={[
              { value: 'application', label: t('mon.source.application') },
              { value: 'visit', label: t('mon.source.visit') },
            ]}
          />
        </Form.Item>
        <Form.Item name="risk" label={t('mon.f.risk')} rules={[{ required: true, max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="mon-new-risk" />
        </Form.Item>
        <Form.Item name="income" label={t('mon.f.income')} rules={[{ required: mode === 'new' }]}>
          <InputNumber min={0} max={10_000_000} style={{ width: 200 }} data-testid="mon-new-income" />
        </Form.Item>
        {error && (
          <div role="alert" className="ant-form-item-explain-error" data-testid="mon-new-error">
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}
