import { Alert, Segmented, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { type HelperResolution, helpers } from '../../api/helpers';
import { type MessageKey, useI18n } from '../../i18n';
import { LoadMore } from '../LoadMore';
import { ResponsiveTable } from '../ResponsiveTable';
import { EmptyState } from '../States';

type Kind = HelperResolution['resolution'];
const KINDS: Kind[] = ['ambiguous', 'new', 'existing'];
const COLOR: Record<Kind, string> = { existing: 'green', new: 'blue', ambiguous: 'orange' };

/** The preview's 帮扶责任人 resolution: 现有 / 新建 / 有歧义 counts, then the households of one kind, row by row. */
export function ImportHelpers({
  batchId,
  counts,
}: {
  batchId: number;
  counts: { existing: number; new: number; ambiguous: number; created: number };
}) {
  const { t } = useI18n();
  const first = KINDS.find((k) => counts[k] > 0) ?? 'existing';
  const [kind, setKind] = useState<Kind>(first);
  const [rows, setRows] = useState<HelperResolution[]>([]);
  const [after, setAfter] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    helpers.importResolutions(batchId, kind).then(
      (p) => {
        if (!live) return;
        setRows(p.items);
        setAfter(p.nextAfter);
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [batchId, kind]);

  const more = async () => {
    if (after === null) return;
    const p = await helpers.importResolutions(batchId, kind, after);
    setRows((r) => [...r, ...p.items]);
    setAfter(p.nextAfter);
  };

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="import-helpers">
      <Typography.Text>{t('hlp.res.caption', counts)}</Typography.Text>
      {counts.ambiguous > 0 && <Alert type="warning" showIcon title={t('hlp.res.ambiguousRule')} />}
      <Segmented<Kind>
        value={kind}
        onChange={setKind}
        options={KINDS.map((k) => ({ value: k, label: `${t(`hlp.res.${k}` as MessageKey)} ${counts[k]}` }))}
        data-testid="import-helpers-kind"
      />
      {error ? <Alert type="error" showIcon title={errorMessage(error)} /> : null}
      <ResponsiveTable<HelperResolution>
        rowKey="row"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: loading ? ' ' : <EmptyState description="—" /> }}
        columns={[
          { title: t('hlp.res.row'), dataIndex: 'row', width: 80 },
          { title: t('hlp.householdNo'), dataIndex: 'householdNo' },
          { title: t('hlp.res.helper'), dataIndex: 'helperName' },
          {
            title: t('hlp.res.title'),
            dataIndex: 'resolution',
            render: (v: Kind) => <Tag color={COLOR[v]}>{t(`hlp.res.${v}` as MessageKey)}</Tag>,
          },
          { title: t('hlp.res.candidates'), dataIndex: 'candidates', width: 100, align: 'right' },
        ]}
      />
      <div style={{ textAlign: 'center' }}>
        <LoadMore count={rows.length} hasMore={after !== null} loading={false} onMore={more} testId="import-helpers-more" />
      </div>
    </Space>
  );
}
