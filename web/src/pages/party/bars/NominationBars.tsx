import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../api/client';
import { partyLedger } from '../../../api/partyLedger';
import { useMe } from '../../../auth/AuthContext';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { ErrorState } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useToast } from '../../../lib/useToast';

interface Row {
  code: string;
  zh: string;
  en: string;
  active: boolean;
  isNew?: boolean;
}

/**
 * 不得提名的情形: the province's list of disqualifying conditions. A province user adds, rewords, reorders and retires
 * them (retired ones stay: past checks quote their words); everyone below reads the list.
 */
export default function NominationBars() {
  const { t, lang } = useI18n();
  const me = useMe();
  const toast = useToast();
  const bars = useAsync(() => partyLedger.bars(), [lang]);
  const [rows, setRows] = useState<Row[]>([]);
  const [saving, setSaving] = useState(false);
  const editable = me.scope.code.length === 2 && me.permissions.includes('data.write');

  useEffect(() => {
    if (bars.data) setRows(bars.data.items.map((b) => ({ code: b.code, zh: b.zh, en: b.en, active: b.active })));
  }, [bars.data]);

  const patch = (i: number, p: Partial<Row>) => setRows((rs) => rs.map((r, n) => (n === i ? { ...r, ...p } : r)));
  const move = (i: number, d: -1 | 1) =>
    setRows((rs) => {
      const j = i + d;
      if (j < 0 || j >= rs.length) return rs;
      const next = [...rs];
      [next[i], next[j]] = [next[j] as Row, next[i] as Row];
      return next;
    });
  const add = () => setRows((rs) => [...rs, { code: `c${Date.now().toString(36)}`, zh: '', en: '', active: true, isNew: true }]);

  const save = async () => {
    if (!bars.data) return;
    if (rows.some((r) => r.zh.trim().length < 2 || r.en.trim().length < 2)) {
      toast.error(t('pg.bars.incomplete'));
      return;
    }
    setSaving(true);
    try {
      const r = await partyLedger.saveBars({
        provinceCode: bars.data.provinceCode,
        items: rows.map((x) => ({ code: x.code, zh: x.zh.trim(), en: x.en.trim(), active: x.active })),
      });
      toast.success(t('pg.bars.saved', { count: r.count }));
      bars.reload();
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      data-testid="bars-page"
      title={t('pg.bars.title')}
      extra={
        editable && (
          <Space wrap>
            <Button icon={<PlusOutlined />} onClick={add} data-testid="bars-add">
              {t('pg.bars.add')}
            </Button>
            <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={save} data-testid="bars-save">
              {t('pg.bars.save')}
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('pg.bars.caption')}</Typography.Paragraph>
      {!editable && <Alert type="info" showIcon message={t('pg.bars.readOnly')} style={{ marginBottom: 12 }} />}
      {bars.error ? (
        <ErrorState error={bars.error} onRetry={bars.reload} />
      ) : (
        <ResponsiveTable<Row>
          rowKey="code"
          size="small"
          loading={bars.loading}
          dataSource={rows}
          pagination={false}
          data-testid="bars-table"
          columns={[
            { title: '#', key: 'n', width: 44, render: (_: unknown, _r: Row, i: number) => i + 1 },
            {
              title: t('pg.bars.zh'),
              dataIndex: 'zh',
              render: (v: string, r: Row, i: number) =>
                editable ? (
                  <Input.TextArea
                    autoSize
                    maxLength={200}
                    value={v}
                    disabled={!r.active}
                    onChange={(e) => patch(i, { zh: e.target.value })}
                    data-testid={`bar-zh-${i}`}
                  />
                ) : (
                  <Typography.Text delete={!r.active}>{v}</Typography.Text>
                ),
            },
            {
              title: t('pg.bars.en'),
              dataIndex: 'en',
              render: (v: string, r: Row, i: number) =>
                editable ? (
                  <Input.TextArea
                    autoSize
                    maxLength={300}
                    value={v}
                    disabled={!r.active}
                    onChange={(e) => patch(i, { en: e.target.value })}
                    data-testid={`bar-en-${i}`}
                  />
                ) : (
                  <Typography.Text delete={!r.active} type="secondary">
                    {v}
                  </Typography.Text>
                ),
            },
            {
              title: t('pg.bars.active'),
              dataIndex: 'active',
              width: editable ? 190 : 90,
              render: (v: boolean, _r: Row, i: number) =>
                editable ? (
                  <Space size={4}>
                    <Switch checked={v} onChange={(c) => patch(i, { active: c })} data-testid={`bar-active-${i}`} />
                    <Button size="small" icon={<ArrowUpOutlined />} aria-label={t('pg.bars.up')} onClick={() => move(i, -1)} />
                    <Button size="small" icon={<ArrowDownOutlined />} aria-label={t('pg.bars.down')} onClick={() => move(i, 1)} />
                  </Space>
                ) : v ? (
                  <Tag color="green">{t('pg.bars.active')}</Tag>
                ) : (
                  <Tag>{t('pg.bars.retired')}</Tag>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
