import { Select } from 'antd';
import type { CodeListId } from '../../../api/registry';
import type { RegionRef } from '../../../api/types';
import { RegionCascader } from '../../../components/RegionCascader';
import { useI18n } from '../../../i18n';
import type { CodeLists } from '../../../lib/useCodeLists';

export function CodeSelect({ codes, list, ...rest }: { codes: CodeLists; list: CodeListId } & Record<string, unknown>) {
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={codes.options(list)}
      loading={codes.loading}
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}

/** Form adapter for the village picker (value/onChange come from Form.Item). */
export function VillageField({
  value,
  onChange,
  onRef,
  id,
  status,
}: {
  value?: string;
  onChange?: (v?: string) => void;
  onRef: (r?: RegionRef) => void;
  id?: string;
  status?: 'error' | 'warning';
}) {
  const { t } = useI18n();
  return (
    <RegionCascader
      id={id}
      value={value}
      villageOnly
      status={status}
      placeholder={t('reg.e.villagePlaceholder')}
      data-testid="edit-village"
      style={{ width: '100%' }}
      onChange={(code, ref) => {
        onRef(ref);
        onChange?.(code);
      }}
    />
  );
}

/** Columns of a form row: one column on a phone, two on a tablet, four on a desktop. */
export const COL = { xs: 24, sm: 12, lg: 6 } as const;
