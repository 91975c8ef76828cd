import { PlusOutlined } from '@ant-design/icons';
import { Button, Divider, Select } from 'antd';
import { useState } from 'react';
import { cadres } from '../../api/cadres';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { UnitModal } from './UnitModal';

/**
 * The dispatching unit of a posting: the units of the user's scope and of the regions above it (what the server
 * accepts), searchable by name; a unit not listed yet is added from the list's foot without leaving the form.
 */
export function UnitSelect({
  value,
  onChange,
  id,
  status,
}: {
  value?: number;
  onChange?: (id: number | undefined) => void;
  id?: string;
  status?: 'error' | 'warning';
}) {
  const { t, lang } = useI18n();
  const [adding, setAdding] = useState(false);
  const units = useAsync(() => cadres.units(), [lang]);

  return (
    <>
      <Select<number>
        id={id}
        status={status}
        value={value}
        onChange={onChange}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        loading={units.loading}
        placeholder={t('cad.n.unitPh')}
        notFoundContent={units.loading ? undefined : t('cad.n.noUnits')}
        data-testid="posting-unit"
        options={(units.data ?? []).map((u) => ({
          value: u.id,
          label: u.name,
          title: `${u.name} · ${u.regionName}`,
          level: u.level,
        }))}
        optionRender={(o) => (
          <span data-unit-id={o.value}>
            {o.label}
            <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 6, fontSize: 12 }}>
              {t(`proc.level.${String(o.data.level)}` as MessageKey)}
            </span>
          </span>
        )}
        popupRender={(menu) => (
          <>
            {menu}
            <Divider style={{ margin: '4px 0' }} />
            <Button type="link" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="unit-add-inline" block>
              {t('cad.n.addUnit')}
            </Button>
          </>
        )}
      />
      <UnitModal
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(u) => {
          setAdding(false);
          units.reload();
          onChange?.(u.id);
        }}
      />
    </>
  );
}
