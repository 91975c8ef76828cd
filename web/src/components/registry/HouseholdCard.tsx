import { CheckCircleOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { type HouseholdItem, STILL_POOR } from '../../api/registry';
import { type MessageKey, useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { deadlinePassed } from '../../lib/household';
import { StatusTag } from './StatusTag';
import './household-card.css';

/** What a household still lacks, most serious first: the 两不愁三保障, income, then the help it should have. */
function useGaps(h: HouseholdItem, registerYear: number | undefined) {
  const { t, lang } = useI18n();
  const gaps: { key: string; text: string; color: string }[] = [];
  if (h.unmetGuarantees.length) {
    const items = h.unmetGuarantees.map((g) => t(`card.g.${g}` as MessageKey)).join(lang === 'en' ? ', ' : '、');
    gaps.push({ key: 'unmet', text: t('card.h.unmet', { items }), color: 'red' });
  }
  if (h.incomeBelowLine && h.income !== null) {
    gaps.push({ key: 'income', text: t('card.h.belowLine', { income: formatNumber(h.income, lang) }), color: 'red' });
  }
  if (STILL_POOR.has(h.status)) {
    if (h.income === null) gaps.push({ key: 'noIncome', text: t('card.h.noIncome'), color: 'orange' });
    if (!h.helperName) gaps.push({ key: 'helper', text: t('reg.gap.no_helper'), color: 'orange' });
    if (!h.hasProject) gaps.push({ key: 'project', text: t('reg.gap.no_project'), color: 'orange' });
    if (h.plannedExitYear === null) gaps.push({ key: 'deadline', text: t('reg.gap.no_deadline'), color: 'orange' });
    else if (deadlinePassed(h, registerYear)) gaps.push({ key: 'late', text: t('reg.gap.deadline_passed'), color: 'red' });
  }
  return gaps;
}

/**
 * One household of the list on a phone: number, head, status, where, and its key gaps as tags. The whole card
 * opens the household (the list's row click); the number is also a link.
 */
export function HouseholdCard({
  h,
  to,
  showVillage,
  registerYear,
  matched,
}: {
  h: HouseholdItem;
  to: string;
  showVillage: boolean;
  registerYear: number | undefined;
  /** Which member (or the number, or the village) a search matched. */
  matched?: ReactNode;
}) {
  const { t } = useI18n();
  const gaps = useGaps(h, registerYear);
  return (
    <div className="fp-hcard" data-testid="household-card" data-household-no={h.householdNo}>
      <div className="fp-hcard-top">
        <Link to={to} data-testid="household-link" className="fp-hcard-no">
          {h.householdNo}
        </Link>
        <StatusTag status={h.status} label={h.statusLabel} />
      </div>
      <div className="fp-hcard-head">
        <Typography.Text strong data-testid="household-head">
          {h.headName ?? '—'}
        </Typography.Text>
        <Typography.Text type="secondary"> · {t('card.h.head')}</Typography.Text>
        <Typography.Text type="secondary"> · {t('card.h.members', { count: h.memberCount })}</Typography.Text>
        {matched && <div className="fp-hcard-matched">{matched}</div>}
      </div>
      {showVillage && (
        <Typography.Text type="secondary" className="fp-hcard-place">
          {h.villageName} · {h.townshipName}
        </Typography.Text>
      )}
      <div className="fp-hcard-gaps" data-testid="household-gaps" title={t('card.h.gaps')}>
        {gaps.length ? (
          gaps.map((g) => (
            <Tag key={g.key} color={g.color} data-gap={g.key}>
              {g.text}
            </Tag>
          ))
        ) : (
          <Typography.Text type="success">
            <CheckCircleOutlined /> {t('card.h.noGap')}
          </Typography.Text>
        )}
      </div>
    </div>
  );
}
