import { Select } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { monthLabel } from './format';

/** Every month that has data, newest first: from the current month back to the first month with data. */
function monthsBack(latest: string, first: string): string[] {
  const out: string[] = [];
  let [y, m] = latest.split('-').map(Number) as [number, number];
  for (let i = 0; i < 600; i++) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    out.push(s);
    if (s <= first) break;
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
  first,
  onChange,
  testId,
}: {
  value: string;
  latest: string;
  first: string;
  onChange: (m: string) => void;
  testId?: string;
}) {
  const { lang } = useI18n();
  const options = useMemo(() => monthsBack(latest, first).map((m) => ({ value: m, label: monthLabel(m, lang) })), [latest, first, lang]);
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
