import { Select } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { monthLabel } from './format';

/** The register starts in 2014 (建档立卡); no month after the latest recorded one may be picked. */
const FIRST = '2014-01';

function monthsBack(latest: string): string[] {
  const out: string[] = [];
  let [y, m] = latest.split('-').map(Number) as [number, number];
  for (let i = 0; i < 240; i++) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    out.push(s);
    if (s <= FIRST) break;
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

/** The month picker: a plain list of months, newest first (lighter than a calendar for a month-end figure). */
export function MonthSelect({
  value,
  latest,
  onChange,
  testId,
}: {
  value: string;
  latest: string;
  onChange: (m: string) => void;
  testId?: string;
}) {
  const { lang } = useI18n();
  const options = useMemo(() => monthsBack(latest).map((m) => ({ value: m, label: monthLabel(m, lang) })), [latest, lang]);
  return (
    <Select
      value={value}
      onChange={onChange}
      options={options}
      style={{ width: 136 }}
      data-testid={testId}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}
