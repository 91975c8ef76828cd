import { Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { party } from '../../api/party';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';

/** 党员结对: the party members helping a household now, beside its 帮扶责任人 on the household page. */
export function PartyPairings({ householdId }: { householdId: number }) {
  const { t, lang } = useI18n();
  const pairings = useAsync(() => party.householdPairings(householdId), [householdId, lang]);
  const current = (pairings.data?.items ?? []).filter((p) => !p.endDate);
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid="household-party-pairings"
      items={[
        {
          key: 'party',
          label: t('pty.hh.partyHelpers'),
          children: current.length ? (
            <Space wrap size={[8, 4]}>
              {current.map((p) => (
                <span key={p.id} data-testid="household-party-member">
                  <Link to={`/party/members/${p.memberId}`}>{p.memberName}</Link>
                  {p.wealthLeader && (
                    <Tag color="gold" style={{ marginInlineStart: 4 }}>
                      {p.wealthIndustry ?? t('pty.m.wealthLeader')}
                    </Tag>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('reg.d.since', { date: p.startDate })}
                  </Typography.Text>
                </span>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">{pairings.loading ? '…' : t('pty.hh.none')}</Typography.Text>
          ),
        },
      ]}
    />
  );
}
