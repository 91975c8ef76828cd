import { CheckOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Collapse, Input, List, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { type AlertItem, type AlertLink, type AlertState, type AlertSummary, command } from '../../api/command';
import { useAuth } from '../../auth/AuthContext';
import { EmptyState, ErrorState } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useToast } from '../../lib/useToast';
import { monthLabel, SEVERITY_COLOR } from './format';

const PAGE = 20;

export function alertHref(link: AlertLink): string {
  if (link.kind === 'household') return `/registry/households/${encodeURIComponent(String(link.id))}`;
  if (link.kind === 'security') return '/security';
  if (link.kind === 'page') return link.path;
  return `/registry/villages/${encodeURIComponent(link.code)}`;
}

function RuleList({ region, rule, state, onAcked }: { region: string; rule: string; state: AlertState; onAcked: () => void }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const message = useToast();
  const [items, setItems] = useState<AlertItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [acking, setAcking] = useState<AlertItem | null>(null);
  const [note, setNote] = useState('');
  const [month, setMonth] = useState('');
  const [saving, setSaving] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the API client sends the current language, so a switch must refetch (the texts come from the server)
  const load = useCallback(
    async (after: string | null, signal?: AbortSignal) => {
      setLoading(true);
      setError(null);
      try {
        const page = await command.alerts({ region, rule, state, cursor: after, limit: PAGE }, signal);
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setMonth(page.month);
      } catch (e) {
        if ((e as Error)?.name !== 'AbortError') setError(e);
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [region, rule, state, lang],
  );

  useEffect(() => {
    const ac = new AbortController();
    setItems([]);
    setCursor(null);
    void load(null, ac.signal);
    return () => ac.abort();
  }, [load]);

  const ack = async () => {
    if (!acking) return;
    setSaving(true);
    try {
      const trimmed = note.trim();
      await command.ack({ rule: acking.rule, key: acking.key, ...(trimmed ? { note: trimmed } : {}) });
      message.success(t('cmd.alert.acked'));
      const done = acking;
      setItems((prev) =>
        state === 'open'
          ? prev.filter((i) => i.key !== done.key)
          : prev.map((i) =>
              i.key === done.key
                ? { ...i, acknowledged: { by: t('cmd.alert.you'), at: new Date().toISOString(), note: trimmed || null } }
                : i,
            ),
      );
      setAcking(null);
      setNote('');
      onAcked();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  if (error && !items.length) return <ErrorState error={error} onRetry={() => void load(null)} />;
  return (
    <>
      <List<AlertItem>
        size="small"
        loading={loading && !items.length}
        dataSource={items}
        locale={{ emptyText: <EmptyState description={t('cmd.alert.none')} /> }}
        data-testid={`alert-list-${rule}`}
        renderItem={(a) => (
          <List.Item data-testid="alert-item" className="fp-cmd-alert">
            <div style={{ width: '100%' }}>
              <div className="fp-cmd-alert-what">
                <span className={`fp-cmd-sev fp-cmd-sev-${a.severity}`} />
                {a.what}
              </div>
              <div className="fp-cmd-alert-meta">
                {a.region.path || a.region.name} ·{' '}
                {t('cmd.alert.since', {
                  date: a.since.length > 10 ? formatDateTime(a.since, lang) : a.since,
                  month: month ? monthLabel(month, lang) : '',
                })}
                {a.acknowledged?.note ? ` · ${t('cmd.alert.note')}：${a.acknowledged.note}` : ''}
              </div>
              <div className="fp-cmd-alert-actions">
                {a.acknowledged && (
                  <Tag color="green" title={a.acknowledged.note ?? undefined}>
                    {t('cmd.alert.ackedBy', { by: a.acknowledged.by })}
                  </Tag>
                )}
                {can('data.write') && !a.acknowledged && (
                  <Button size="small" type="text" icon={<CheckOutlined />} onClick={() => setAcking(a)} data-testid="alert-ack">
                    {t('cmd.alert.ack')}
                  </Button>
                )}
                <Link to={alertHref(a.link)} data-testid="alert-go">
                  <Button size="small" type="link">
                    {t('cmd.alert.go')} <RightOutlined />
                  </Button>
                </Link>
              </div>
            </div>
          </List.Item>
        )}
      />
      {cursor && (
        <div style={{ textAlign: 'center', marginTop: 8 }}>
          <Button onClick={() => void load(cursor)} loading={loading} data-testid={`alert-more-${rule}`}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
      {error && items.length > 0 && <Typography.Text type="danger">{errorMessage(error)}</Typography.Text>}
      <Modal
        open={Boolean(acking)}
        title={t('cmd.alert.ackTitle')}
        okText={t('cmd.alert.ack')}
        confirmLoading={saving}
        onOk={() => void ack()}
        onCancel={() => setAcking(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{acking?.what}</Typography.Paragraph>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={200}
          showCount
          rows={3}
          placeholder={t('cmd.alert.notePlaceholder')}
          data-testid="alert-ack-note"
        />
      </Modal>
    </>
  );
}

/** What needs action now: one panel per alert rule with its count; opening a panel lists its alerts. */
export default function AlertFeed({ region, summaries, onAcked }: { region: string; summaries: AlertSummary[]; onAcked: () => void }) {
  const { t } = useI18n();
  const [state, setState] = useState<AlertState>('open');
  const order = { high: 0, medium: 1, low: 2 } as const;
  const sorted = [...summaries].sort((a, b) => order[a.severity] - order[b.severity] || b.count - a.count);
  // The most urgent rule with alerts starts open, so the feed shows what to do without a click.
  const [open, setOpen] = useState<string[]>(() => {
    const first = sorted.find((s) => s.count - s.acknowledged > 0);
    return first ? [first.rule] : [];
  });
  // `count` includes the acknowledged ones: what is still open is the difference.
  const total = summaries.reduce((n, s) => n + s.count - s.acknowledged, 0);
  return (
    <div data-testid="command-alerts">
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text type="secondary">{t('cmd.alert.total', { count: total })}</Typography.Text>
        <Segmented<AlertState>
          size="small"
          value={state}
          onChange={setState}
          options={(['open', 'acknowledged', 'all'] as const).map((s) => ({ value: s, label: t(`cmd.alert.state.${s}`) }))}
        />
      </Space>
      {sorted.length === 0 ? (
        <EmptyState description={t('cmd.alert.noneAtAll')} />
      ) : (
        <Collapse
          size="small"
          activeKey={open}
          onChange={(k) => setOpen(Array.isArray(k) ? k : [k])}
          items={sorted.map((s) => ({
            key: s.rule,
            label: (
              <Space size={8} data-testid={`alert-rule-${s.rule}`}>
                <Tag color={SEVERITY_COLOR[s.severity]} style={{ marginInlineEnd: 0 }}>
                  {t(`cmd.sev.${s.severity}`)}
                </Tag>
                <span>{s.name}</span>
              </Space>
            ),
            extra: (
              <Space size={6}>
                <Badge
                  count={s.count - s.acknowledged}
                  overflowCount={99999}
                  showZero
                  color={s.count - s.acknowledged ? (s.severity === 'high' ? '#cf1322' : '#d48806') : '#bfbfbf'}
                />
                {s.acknowledged > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('cmd.alert.ackCount', { count: s.acknowledged })}
                  </Typography.Text>
                )}
              </Space>
            ),
            children: open.includes(s.rule) ? <RuleList region={region} rule={s.rule} state={state} onAcked={onAcked} /> : null,
          }))}
        />
      )}
    </div>
  );
}
