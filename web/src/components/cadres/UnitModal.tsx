import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { cadres, UNIT_LEVEL_LENGTH, UNIT_LEVELS, type UnitInput, type UnitLevel } from '../../api/cadres';
import { ApiError, errorMessage } from '../../api/client';
import { useMe } from '../../auth/AuthContext';
import { type MessageKey, useI18n } from '../../i18n';
import { useToast } from '../../lib/useToast';
import { RegionCascader } from '../RegionCascader';

const FIELDS = ['name', 'level', 'regionCode'] as const;

/**
 * Adds a dispatching unit (派出单位): its name, level and region, the region fitting the level (a county unit in a
 * county, a township unit in a township). Only levels at or below the user's scope are offered; a unit of the
 * scope's own level starts with the scope as its region.
 */
export function UnitModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (unit: { id: number; name: string }) => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const message = useToast();
  const [form] = Form.useForm<UnitInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const level = Form.useWatch('level', form) as UnitLevel | undefined;
  const scope = me.scope.code;
  const levels = UNIT_LEVELS.filter((l) => UNIT_LEVEL_LENGTH[l] >= scope.length);
  const initialLevel = levels[0];
  const area = (l: UnitLevel) => t(`cad.u.area.${l}` as MessageKey);

  const submit = async (v: UnitInput) => {
    setBusy(true);
    setError(null);
    try {
      const body = { ...v, name: v.name.trim() };
      const r = await cadres.createUnit(body);
      message.success(t('cad.u.createdOk', { name: body.name }));
      onCreated({ id: r.id, name: body.name });
    } catch (e) {
      const hits = e instanceof ApiError ? Object.entries(e.fieldErrors()).filter(([k]) => (FIELDS as readonly string[]).includes(k)) : [];
      if (hits.length) form.setFields(hits.map(([name, m]) => ({ name: name as keyof UnitInput, errors: [m] })));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('cad.u.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'unit-submit' }}
      destroyOnHidden
      data-testid="unit-modal"
    >
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} /> : null}
      <Form<UnitInput>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{
          level: initialLevel,
          regionCode: initialLevel && UNIT_LEVEL_LENGTH[initialLevel] === scope.length ? scope : undefined,
        }}
        onValuesChange={(changed: Partial<UnitInput>) => {
          if (!changed.level) return;
          const want = UNIT_LEVEL_LENGTH[changed.level];
          const region = form.getFieldValue('regionCode') as string | undefined;
          if (region?.length !== want) form.setFieldValue('regionCode', want === scope.length ? scope : undefined);
        }}
      >
        <Form.Item
          name="name"
          label={t('cad.u.name')}
          rules={[{ required: true, whitespace: true, message: t('cad.n.fill', { field: t('cad.u.name') }) }]}
        >
          <Input maxLength={60} placeholder={t('cad.u.namePh')} data-testid="unit-name" />
        </Form.Item>
        <Form.Item name="level" label={t('cad.u.level')} rules={[{ required: true }]}>
          <Select options={levels.map((l) => ({ value: l, label: t(`proc.level.${l}` as MessageKey) }))} data-testid="unit-level" />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('cad.u.region')}
          extra={level ? t('cad.u.regionHint', { level: t(`proc.level.${level}` as MessageKey), area: area(level) }) : undefined}
          dependencies={['level']}
          rules={[
            { required: true, message: t('cad.n.pick', { field: t('cad.u.region') }) },
            {
              validator: (_, v: string | undefined) =>
                !v || !level || v.length === UNIT_LEVEL_LENGTH[level]
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('cad.u.regionLevel', { area: area(level) }))),
            },
          ]}
        >
          <RegionCascader style={{ width: '100%' }} data-testid="unit-region" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
