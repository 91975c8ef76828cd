import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage, isApiError } from '../../api/client';
import { type Briefing as BriefingData, command } from '../../api/command';
import { useMe } from '../../auth/AuthContext';
import { RegionNotFound } from '../../components/RegionNotFound';
import { ErrorState, PageLoading } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { formatValue, LEVEL_CHILD, monthLabel, unitParen } from './format';
import { MonthSelect } from './MonthSelect';
import { useCommandParams } from './params';
import RevisionNotice from './RevisionNotice';
import './briefing.css';
import { useToast } from '../../lib/useToast';

/** 月度通报: a printable monthly bulletin of the scope — summary, totals, the children ranked, the worst flagged. */
export default function Briefing() {
  const { t, lang } = useI18n();
  const me = useMe();
  const message = useToast();
  const { region, month, set } = useCommandParams();
  const catalog = useAsync(() => command.catalog(), [lang]);
  const brief = useAsync(() => command.briefing(region, month), [region, month, lang]);
  const [downloading, setDownloading] = useState(false);

  if (brief.error) {
    if (isApiError(brief.error) && [400, 403, 404].includes(brief.error.status) && region !== me.scope.code)
      return <RegionNotFound code={region} />;
    return <ErrorState error={brief.error} onRetry={brief.reload} />;
  }
  const b = brief.data;
  if (!b) return <PageLoading rows={12} />;

  const download = async () => {
    setDownloading(true);
    try {
      await command.briefingXlsx(region, b.month);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div className="fp-briefing" data-testid="briefing-page">
      <Card className="fp-no-print" size="small" style={{ marginBottom: 16 }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Link to={`/command?region=${encodeURIComponent(region)}&month=${b.month}`}>
              <Button icon={<ArrowLeftOutlined />}>{t('cmd.brief.back')}</Button>
            </Link>
            <MonthSelect
              value={b.month}
              latest={catalog.data?.latestMonth ?? b.month}
              first={catalog.data?.firstMonth ?? b.month}
              onChange={(m) => set({ month: m })}
              testId="briefing-month"
            />
          </Space>
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => void download()} loading={downloading} data-testid="briefing-xlsx">
              {t('cmd.brief.xlsx')}
            </Button>
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="briefing-print">
              {t('cmd.brief.print')}
            </Button>
          </Space>
        </Space>
      </Card>
      <BriefingDocument b={b} />
    </div>
  );
}

function BriefingDocument({ b }: { b: BriefingData }) {
  const { t, lang } = useI18n();
  const childKey = LEVEL_CHILD[b.region.level] ?? 'village';
  const metas = b.indicators;
  const ranked = [...b.rows].sort((x, y) => y.flags - x.flags || x.name.localeCompare(y.name, 'zh-CN'));
  return (
    <article className="fp-brief-doc" data-testid="briefing-doc">
      <div className="fp-brief-masthead">{t('cmd.brief.masthead')}</div>
      <div className="fp-brief-rule" />
      <h1 className="fp-brief-title" data-testid="briefing-title">
        {t('cmd.brief.title', { region: b.region.name, month: monthLabel(b.month, lang) })}
      </h1>
      <div className="fp-brief-meta">
        {t('cmd.brief.generated', { at: formatDateTime(b.generatedAt, lang) })}
        {b.region.path.length > 1 && <span> · {b.region.path.map((p) => p.name).join(' / ')}</span>}
      </div>
      {b.revisions.length > 0 && (
        <div className="fp-brief-revised">
          <RevisionNotice month={b.month} revisions={b.revisions} />
        </div>
      )}

      <h2>{t('cmd.brief.s1')}</h2>
      <div data-testid="briefing-summary">
        {b.summary.length ? (
          b.summary.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: sentences in order
            <p key={i} className="fp-brief-para">
              {s}
            </p>
          ))
        ) : (
          <p className="fp-brief-para">{t('cmd.brief.noSummary')}</p>
        )}
      </div>

      <h2>{t('cmd.brief.s2')}</h2>
      <table className="fp-brief-table fp-brief-totals" data-testid="briefing-totals">
        <tbody>
          {chunk(metas, 3).map((row) => (
            <tr key={row.map((m) => m.id).join()}>
              {row.map((m) => (
                <td key={m.id}>
                  <div className="fp-brief-total-name">{m.name}</div>
                  <div className="fp-brief-total-value">
                    {formatValue(b.totals[m.id], m, lang)}
                    <small>{m.unit}</small>
                  </div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      {b.rows.length > 0 && (
        <>
          <h2>{t('cmd.brief.s3', { level: t(`cmd.child.${childKey}` as MessageKey) })}</h2>
          <table className="fp-brief-table fp-brief-rank" data-testid="briefing-table">
            <thead>
              <tr>
                <th>{t('cmd.rank.region')}</th>
                {metas.map((m) => (
                  <th key={m.id}>
                    {m.name}
                    {m.unit && <span className="fp-brief-unit">{unitParen(m.unit, lang)}</span>}
                  </th>
                ))}
                <th>{t('cmd.brief.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((r) => (
                <tr key={r.code} className={r.flags > 0 ? 'fp-brief-flagged' : undefined} data-testid={`briefing-row-${r.code}`}>
                  <td className="fp-brief-name">{r.name}</td>
                  {metas.map((m) => {
                    const c = r.values[m.id];
                    return (
                      <td key={m.id} className={c?.worst ? 'fp-brief-worst' : undefined}>
                        <div className="fp-brief-v">{formatValue(c?.value, m, lang)}</div>
                        <div className="fp-brief-rankno">
                          {c?.rank !== null && c?.rank !== undefined ? t('cmd.brief.rank', { rank: c.rank }) : '\u00a0'}
                          {c?.worst && <span className="fp-brief-mark"> ▼</span>}
                        </div>
                      </td>
                    );
                  })}
                  <td className="fp-brief-flags">{r.flags > 0 ? r.flags : ''}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td className="fp-brief-name">{t('cmd.brief.total')}</td>
                {metas.map((m) => (
                  <td key={m.id}>{formatValue(b.totals[m.id], m, lang)}</td>
                ))}
                <td />
              </tr>
            </tfoot>
          </table>
          <p className="fp-brief-note">{t('cmd.brief.legend')}</p>
        </>
      )}
      <div className="fp-brief-sign">
        <div>{t('app.footer')}</div>
        <div>{formatDateTime(b.generatedAt, lang).slice(0, 10)}</div>
      </div>
      <Typography.Text className="fp-no-print" type="secondary" style={{ fontSize: 12 }}>
        {t('cmd.brief.printHint')}
      </Typography.Text>
    </article>
  );
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
