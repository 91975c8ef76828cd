import { Tag, Tooltip } from 'antd';
import type { HouseholdItem } from '../../api/registry';
import { type MessageKey, useI18n } from '../../i18n';

/** Why a search listed the household: 匹配：配偶 刘桂兰 (pinyin), 匹配：户编号, 匹配：村 海丰村. */
export function MatchTag({ matched }: { matched: NonNullable<HouseholdItem['matched']> }) {
  const { t } = useI18n();
  const what =
    matched.kind === 'member'
      ? `${matched.relation ?? ''} ${matched.name}`.trim()
      : matched.kind === 'village'
        ? `${t('reg.match.village')} ${matched.name}`
        : t('reg.match.householdNo');
  return (
    <Tooltip title={t(`reg.match.via.${matched.via}` as MessageKey)}>
      <Tag color="blue" style={{ marginTop: 4, marginInlineEnd: 0 }} data-testid="household-match">
        {t('reg.match', { what })}
      </Tag>
    </Tooltip>
  );
}
