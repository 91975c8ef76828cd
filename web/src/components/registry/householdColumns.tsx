import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { type TableColumnsType, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { HouseholdItem } from '../../api/registry';
import type { Lang, Translate } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { deadlinePassed } from '../../lib/household';
import { MatchTag } from './MatchTag';
import { StatusTag } from './StatusTag';

/** The households table's columns (the phone shows HouseholdCard instead). */
export function householdColumns({
  t,
  lang,
  showVillage,
  registerYear,
  detail,
}: {
  t: Translate;
  lang: Lang;
  showVillage: boolean;
  registerYear: number | undefined;
  detail: (h: HouseholdItem) => string;
}): TableColumnsType<HouseholdItem> {
  return [
    {
      title: t('reg.h.no'),
      dataIndex: 'householdNo',
      width: 140,
      fixed: 'left',
      render: (v: string, h) => (
        <Link to={detail(h)} data-testid="household-link">
          {v}
        </Link>
      ),
    },
    ...(showVillage
      ? [
          {
            title: t('reg.h.village'),
            key: 'village',
            width: 130,
            render: (_: unknown, h: HouseholdItem) => (
              <span>
                {h.villageName}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {h.townshipName}
                </Typography.Text>
              </span>
            ),
          },
        ]
      : []),
    {
      title: t('reg.h.head'),
      key: 'head',
      width: 155,
      render: (_, h) => (
        <span>
          <Typography.Text strong data-testid="household-head">
            {h.headName ?? '—'}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
            {h.headIdMasked ?? ''}
          </Typography.Text>
          {h.matched && <MatchTag matched={h.matched} />}
        </span>
      ),
    },
    { title: t('reg.h.members'), dataIndex: 'memberCount', width: 84, align: 'right' },
    {
      title: t('reg.h.categoryCause'),
      key: 'categoryCause',
      width: 130,
      render: (_, h) => (
        <span>
          {h.categoryLabel ?? h.category}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {h.causeLabel ?? h.cause}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('reg.h.status'),
      dataIndex: 'status',
      width: 84,
      render: (v: string, h) => <StatusTag status={v} label={h.statusLabel} />,
    },
    {
      title: t('reg.h.plannedExit'),
      dataIndex: 'plannedExitYear',
      width: 96,
      align: 'right',
      render: (v: number | null, h) =>
        v === null ? (
          <Typography.Text type="warning">{t('reg.h.noDeadline')}</Typography.Text>
        ) : deadlinePassed(h, registerYear) ? (
          <Tooltip title={t('reg.h.deadlinePassed', { year: registerYear ?? '' })}>
            <Typography.Text type="danger" strong data-testid="deadline-passed">
              {v}
            </Typography.Text>
          </Tooltip>
        ) : (
          v
        ),
    },
    {
      title: t('reg.h.income'),
      dataIndex: 'income',
      width: 104,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : formatNumber(v, lang)),
    },
    {
      title: t('reg.h.helper'),
      dataIndex: 'helperName',
      width: 90,
      render: (v: string | null) => v ?? <Typography.Text type="warning">{t('reg.h.noHelper')}</Typography.Text>,
    },
    {
      title: t('reg.h.project'),
      dataIndex: 'hasProject',
      width: 76,
      align: 'center',
      render: (v: boolean) =>
        v ? (
          <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('common.yes')} />
        ) : (
          <CloseCircleFilled style={{ color: '#cf1322' }} aria-label={t('common.no')} />
        ),
    },
  ];
}
