import { Button, Card, Descriptions, Divider, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { hasMessage, useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useToast } from '../../lib/useToast';
import { EmptyState } from '../States';
import { type ProcedureCase, type ProcedureStep, type StepFields, StepModal, type StepValues } from './StepModal';
import './procedure.css';

export type { ProcedureCase, StepFields, StepValues } from './StepModal';

type Label = { zh: string; en: string };

/**
 * A case of any procedure (posting, leave, …) as the server describes it: the state and its deadline, one button per
 * step the reader could take (disabled, with why, when they may not), and the dated history. Taking a step opens a
 * confirmation asking for what it needs; `onStep` sends it (with the case version) and reloads the case.
 */
export function ProcedurePanel({
  case: c,
  onStep,
  fields = {},
  stateColor = () => 'blue',
  tone,
  title,
}: {
  case: ProcedureCase;
  onStep: (action: string, values: StepValues) => Promise<void>;
  /** What each action asks for beyond a reason (a date, a reason code). */
  fields?: Record<string, StepFields>;
  stateColor?: (state: string) => string;
  /** How each action's button looks: the usual next step primary, the ones that end or undo danger (default: the first primary). */
  tone?: Record<string, 'primary' | 'danger'>;
  title?: string;
}) {
  const { t, lang } = useI18n();
  const message = useToast();
  const [taking, setTaking] = useState<ProcedureStep | null>(null);
  const pick = (l: Label) => (lang === 'en' ? l.en : l.zh);

  const why = (s: ProcedureStep): string | null => {
    if (s.allowed) return null;
    if (s.refusal === 'PROCEDURE_LEVEL' && s.level) {
      const key = `proc.level.${s.level}`;
      return t('proc.no.level', { level: hasMessage(key) ? t(key) : s.level });
    }
    if (s.refusal === 'PROCEDURE_TOO_EARLY' && s.notBefore) return t('proc.no.early', { date: s.notBefore });
    return t('proc.no.role');
  };

  const submit = async (v: StepValues) => {
    if (!taking) return;
    const label = pick(taking.label);
    await onStep(taking.action, v);
    setTaking(null);
    message.success(t('proc.done', { action: label }));
  };

  return (
    <Card title={title ?? t('proc.title')} data-testid="procedure-panel" data-state={c.state}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'state',
            label: t('proc.state'),
            children: (
              <Space size={6} wrap>
                <Tag color={stateColor(c.state)} data-testid="procedure-state" data-state={c.state} style={{ marginInlineEnd: 0 }}>
                  {pick(c.stateLabel)}
                </Tag>
                <Typography.Text type="secondary">{t('proc.since', { date: c.stateSince.slice(0, 10) })}</Typography.Text>
              </Space>
            ),
          },
          {
            key: 'due',
            label: t('proc.due'),
            children: c.closed ? (
              <Typography.Text type="secondary">{t('proc.closed')}</Typography.Text>
            ) : c.dueDate ? (
              <Space size={6} wrap data-testid="procedure-due" data-overdue={c.overdue}>
                <Typography.Text type={c.overdue ? 'danger' : undefined} strong={c.overdue}>
                  {c.dueDate}
                </Typography.Text>
                {c.overdue && <Tag color="red">{t('proc.overdue')}</Tag>}
              </Space>
            ) : (
              '—'
            ),
          },
        ]}
      />

      {!c.closed && (
        <div className="fp-proc-actions" data-testid="procedure-actions">
          {c.steps.length === 0 ? (
            <Typography.Text type="secondary">{t('proc.noActions')}</Typography.Text>
          ) : (
            c.steps.map((s, i) => {
              const no = why(s);
              const button = (
                <Button
                  key={s.action}
                  type={(tone ? tone[s.action] === 'primary' : i === 0) ? 'primary' : 'default'}
                  danger={tone?.[s.action] === 'danger'}
                  disabled={!s.allowed}
                  onClick={() => setTaking(s)}
                  data-testid={`step-${s.action}`}
                  data-allowed={s.allowed}
                >
                  {pick(s.label)}
                </Button>
              );
              return no ? (
                <Tooltip key={s.action} title={no}>
                  <span data-testid={`step-${s.action}-why`} data-why={no}>
                    {button}
                  </span>
                </Tooltip>
              ) : (
                <span key={s.action}>{button}</span>
              );
            })
          )}
        </div>
      )}

      <Divider titlePlacement="start" style={{ margin: '16px 0 12px' }}>
        {t('proc.history')}
      </Divider>
      {c.history.length === 0 ? (
        <EmptyState />
      ) : (
        <Timeline
          data-testid="procedure-history"
          items={c.history.map((h, i) => ({
            key: h.seq,
            color: i === c.history.length - 1 ? 'blue' : 'gray',
            content: (
              <div className="fp-proc-step" data-testid="procedure-history-item" data-action={h.action}>
                <div>
                  <Typography.Text strong>{pick(h.actionLabel)}</Typography.Text>
                  <Typography.Text type="secondary" className="fp-proc-fromto">
                    {h.from ? t('proc.h.fromTo', { from: pick(h.from), to: pick(h.to) }) : pick(h.to)}
                  </Typography.Text>
                </div>
                <div className="fp-proc-meta">
                  <span>{t('proc.h.by', { actor: h.actor })}</span>
                  <span>{t('proc.h.effective', { date: h.effectiveDate })}</span>
                  <span>{t('proc.h.at', { time: formatDateTime(h.at, lang) })}</span>
                </div>
                {h.reason && <div className="fp-proc-text">{t('proc.h.reason', { reason: h.reason })}</div>}
                {h.note && <div className="fp-proc-text">{t('proc.h.note', { note: h.note })}</div>}
              </div>
            ),
          }))}
        />
      )}

      <StepModal step={taking} fields={taking ? fields[taking.action] : undefined} onCancel={() => setTaking(null)} onSubmit={submit} />
    </Card>
  );
}
