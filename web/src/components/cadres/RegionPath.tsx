import { Typography } from 'antd';
import { regions } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';

/** Where a page's title says it is: 驻村干部 · 辽宁省 / 朝阳市 / 北票市. */
export function RegionPath({ region }: { region: string }) {
  const { lang } = useI18n();
  const place = useAsync(() => regions.get(region), [region, lang]);
  if (!place.data) return null;
  return (
    <Typography.Text type="secondary" style={{ fontWeight: 400 }} className="fp-title-path">
      · {place.data.path.map((p) => p.name).join(' / ')}
    </Typography.Text>
  );
}
