import { Select } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../i18n';

/** The year a party page shows, held in the URL as ?year= (default this year). */
export function useYear(): [number, (y: number) => void] {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  const set = (y: number) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      p.set('year', String(y));
      return p;
    });
  return [year, set];
}

export function YearSelect() {
  const { t } = useI18n();
  const [year, setYear] = useYear();
  const now = new Date().getFullYear();
  return (
    <Select
      aria-label={t('pf.year')}
      data-testid="year-select"
      value={year}
      onChange={setYear}
      style={{ width: 100 }}
      options={Array.from({ length: 6 }, (_, i) => now - i).map((y) => ({ value: y, label: String(y) }))}
    />
  );
}
