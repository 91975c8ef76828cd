import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Figure, IndicatorMeta } from '../../api/command';
import { useI18n } from '../../i18n';
import { changeOf, formatValue, formatWithUnit, monthLabel, STATUS_COLOR } from './format';

export interface KeyFiguresProps {
  figures: Figure[];
  metas: IndicatorMeta[];
  previousMonth: string;
  /** The selected indicator: its card is outlined; a click on a card selects it. */
  selected?: string;
  onSelect?: (id: string) => void;
  /** The address of the list behind a figure (absent for a past month: the lists show the register as it stands). */
  listHref?: (meta: IndicatorMeta) => string | null;
  /** Nothing is registered in the region: every figure reads "no data", in grey. */
  noData?: boolean;
}

/** The key figures of the scope with the change since the end of the previous month. */
export default function KeyFigures({ figures, metas, previousMonth, selected, onSelect, listHref, noData }: KeyFiguresProps) {
  const { t, lang } = useI18n();
  const byId = new Map(figures.map((f) => [f.id, f]));
  const shown = metas.filter((m) => m.key && byId.has(m.id));
  return (
    <div className="fp-cmd-figures" data-testid="command-figures">
      {shown.map((m) => {
        const f = byId.get(m.id) as Figure;
        const ch = changeOf(f.value, f.previous, m);
        const color = ch?.good === true ? STATUS_COLOR.good : ch?.good === false ? STATUS_COLOR.bad : '#8c8c8c';
        const Arrow = !ch || ch.delta === 0 ? MinusOutlined : ch.delta > 0 ? ArrowUpOutlined : ArrowDownOutlined;
        const active = selected === m.id;
        const href = listHref?.(m) ?? null;
        return (
          <Card
            key={m.id}
            size="small"
            hoverable={Boolean(onSelect)}
            onClick={() => onSelect?.(m.id)}
            className={`fp-cmd-figure${active ? ' fp-cmd-figure-active' : ''}`}
            data-testid={`figure-${m.id}`}
            style={{ borderTop: `3px solid ${f.status ? STATUS_COLOR[f.status] : '#d9d9d9'}` }}
          >
            <div className="fp-cmd-figure-name" title={m.name}>
              {m.name}
            </div>
            <div className="fp-cmd-figure-value">
              {noData ? (
                <span data-testid={`figure-value-${m.id}`} className="fp-cmd-nodata">
                  {t('cmd.noData')}
                </span>
              ) : (
                <span data-testid={`figure-value-${m.id}`}>{formatValue(f.value, m, lang)}</span>
              )}
              {m.unit && f.value !== null && <span className="fp-cmd-figure-unit">{m.unit}</span>}
            </div>
            <Tooltip title={t('cmd.fig.previous', { month: monthLabel(previousMonth, lang), value: formatWithUnit(f.previous, m, lang) })}>
              <Typography.Text style={{ color, fontSize: 12 }} data-testid={`figure-change-${m.id}`}>
                <Arrow />{' '}
                {ch && ch.delta !== 0
                  ? `${ch.delta > 0 ? '+' : ''}${formatValue(ch.delta, m, lang)}${m.format === 'percent' ? t('cmd.fig.points') : ''}`
                  : ch
                    ? t('cmd.fig.noChange')
                    : '—'}
                <span style={{ color: '#8c8c8c' }}> {t('cmd.fig.vsPrevious')}</span>
              </Typography.Text>
            </Tooltip>
            {m.target !== null && (
              <div className="fp-cmd-figure-target">{t('cmd.fig.target', { value: formatWithUnit(m.target, m, lang) })}</div>
            )}
            {href && (
              <Link to={href} className="fp-cmd-figure-list" onClick={(e) => e.stopPropagation()} data-testid={`figure-list-${m.id}`}>
                {t('cmd.fig.openList')} <RightOutlined />
              </Link>
            )}
          </Card>
        );
      })}
    </div>
  );
}
