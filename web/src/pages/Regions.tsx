import { SearchOutlined } from '@ant-design/icons';
import type { GetRef, TreeDataNode } from 'antd';
import { AutoComplete, Button, Card, Col, Descriptions, Input, Row, Space, Tag, Tree, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../api/client';
import { regions } from '../api/endpoints';
import type { Region, RegionWithPath } from '../api/types';
import { useMe } from '../auth/AuthContext';
import { RegionNotFound } from '../components/RegionNotFound';
import { ResponsiveTable } from '../components/ResponsiveTable';
import { EmptyState, ErrorState, PageLoading } from '../components/States';
import { useI18n } from '../i18n';
import { formatNumber } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { useCurrentRegion } from '../lib/useRegion';

/** The lazy region tree, rooted at the user's scope. */
function RegionTree({ selected, onSelect }: { selected: string; onSelect: (code: string) => void }) {
  const me = useMe();
  const { t, lang } = useI18n();
  const [kids, setKids] = useState<Record<string, Region[]>>({});
  const [expanded, setExpanded] = useState<string[]>([me.scope.code]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const kidsRef = useRef(kids);
  kidsRef.current = kids;
  const treeRef = useRef<GetRef<typeof Tree>>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: labels are reloaded when the language changes
  useEffect(() => {
    setKids({});
    setExpanded([me.scope.code]);
  }, [me.scope.code, lang]);

  const load = useCallback(async (code: string) => {
    if (kidsRef.current[code]) return;
    try {
      const items = await regions.children(code);
      setKids((k) => ({ ...k, [code]: items }));
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
      throw e;
    }
  }, []);

  // The root's children: at start, and again after a reset (language change, retry) empties `kids`.
  // biome-ignore lint/correctness/useExhaustiveDependencies: kids emptied means load again
  useEffect(() => {
    void load(me.scope.code).catch(() => undefined);
  }, [load, me.scope.code, kids]);

  // Open the tree down to the selected region (from the URL, a search hit or the children table).
  useEffect(() => {
    let live = true;
    regions.get(selected).then(
      async (r) => {
        const ancestors = r.path.slice(0, -1).map((p) => p.code);
        for (const a of ancestors) await load(a);
        if (!live) return;
        setExpanded((e) => Array.from(new Set([...e, ...ancestors])));
        // Bring the selected node into the (virtual) list's view once it is rendered.
        setTimeout(() => treeRef.current?.scrollTo({ key: selected, align: 'auto' }), 50);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [selected, load]);

  const treeData = useMemo(() => {
    const build = (r: Pick<Region, 'code' | 'name' | 'level' | 'childCount' | 'isPovertyCounty'>): TreeDataNode => ({
      key: r.code,
      title: (
        <span data-code={r.code}>
          {r.name}
          {r.isPovertyCounty && (
            <Tag color="red" style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px' }}>
              {t('regions.poverty')}
            </Tag>
          )}
        </span>
      ),
      isLeaf: r.level >= 5 || r.childCount === 0,
      children: kids[r.code]?.map(build),
    });
    return [build(me.scope)];
  }, [kids, me.scope, t]);

  if (loadError && !kids[me.scope.code]) {
    return <ErrorState error={loadError} onRetry={() => setKids({})} />;
  }
  return (
    <Tree
      ref={treeRef}
      data-testid="region-tree"
      treeData={treeData}
      height={560}
      blockNode
      showLine
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys as string[])}
      selectedKeys={[selected]}
      onSelect={(keys) => keys[0] && onSelect(String(keys[0]))}
      loadData={(node) => load(String(node.key))}
      loadedKeys={Object.keys(kids)}
    />
  );
}

function RegionSearch({ onPick }: { onPick: (code: string) => void }) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<RegionWithPath[] | null>(null);
  const [busy, setBusy] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: lang changes the level labels
  useEffect(() => {
    const query = q.trim();
    if (!query) {
      setHits(null);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      setBusy(true);
      regions
        .search(query, 20, ctl.signal)
        .then(setHits, () => setHits([]))
        .finally(() => setBusy(false));
    }, 250);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [q, lang]);

  return (
    <AutoComplete
      style={{ width: '100%' }}
      value={q}
      onChange={setQ}
      onSelect={(code: string) => {
        onPick(code);
        setQ('');
        setHits(null);
      }}
      data-testid="region-search"
      notFoundContent={hits && !busy ? t('regions.searchEmpty') : null}
      options={(hits ?? []).map((h) => ({
        value: h.code,
        label: (
          <div data-testid="region-search-hit">
            <div>
              <Typography.Text strong>{h.name}</Typography.Text> <Tag style={{ marginInlineStart: 4 }}>{h.levelLabel}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.code}
              </Typography.Text>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {h.path.map((p) => p.name).join(' / ')}
            </Typography.Text>
          </div>
        ),
      }))}
    >
      <Input allowClear prefix={<SearchOutlined />} placeholder={t('regions.searchPlaceholder')} data-testid="region-search-input" />
    </AutoComplete>
  );
}

function RegionDetail({ code, onPick }: { code: string; onPick: (code: string) => void }) {
  const { t, lang } = useI18n();
  const detail = useAsync(() => regions.get(code), [code, lang]);
  const children = useAsync(() => regions.children(code), [code, lang]);

  if (detail.error) {
    if (isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 400)) {
      return <RegionNotFound code={code} />;
    }
    return <ErrorState error={detail.error} onRetry={detail.reload} />;
  }
  const r = detail.data;
  if (!r || r.code !== code) return <PageLoading rows={8} />;
  const parent = r.path.length > 1 ? r.path[r.path.length - 2] : null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <span data-testid="region-detail-name">
            {r.name} <Tag style={{ marginInlineStart: 4 }}>{r.levelLabel}</Tag>
            {r.isPovertyCounty && <Tag color="red">{t('home.isPovertyCounty')}</Tag>}
          </span>
        }
        data-testid="region-detail"
        extra={
          r.level === 5 && (
            <Link to={`/villages/${r.code}`} data-testid="region-village-profile">
              <Button>{t('vil.title')}</Button>
            </Link>
          )
        }
      >
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          bordered
          items={[
            { key: 'code', label: t('regions.code'), children: <Typography.Text copyable>{r.code}</Typography.Text> },
            { key: 'level', label: t('regions.level'), children: r.levelLabel },
            {
              key: 'parent',
              label: t('regions.parent'),
              children: parent ? (
                <Typography.Link onClick={() => onPick(parent.code)}>{parent.name}</Typography.Link>
              ) : (
                <Typography.Text type="secondary">{r.parentCode ?? t('common.none')}</Typography.Text>
              ),
            },
            {
              key: 'poverty',
              label: t('regions.poverty'),
              children: r.isPovertyCounty ? <Tag color="red">{t('common.yes')}</Tag> : t('common.no'),
            },
            { key: 'children', label: t('regions.childCount'), children: formatNumber(r.childCount, lang) },
            {
              key: 'path',
              label: t('regions.path'),
              children: r.path.map((p, i) => (
                <span key={p.code}>
                  {i > 0 && ' / '}
                  {p.code === r.code ? p.name : <Typography.Link onClick={() => onPick(p.code)}>{p.name}</Typography.Link>}
                </span>
              )),
            },
          ]}
        />
      </Card>
      <Card title={t('regions.children')} data-testid="region-children">
        {children.error ? (
          <ErrorState error={children.error} onRetry={children.reload} />
        ) : (
          <ResponsiveTable<Region>
            size="small"
            rowKey="code"
            loading={children.loading}
            dataSource={children.data ?? []}
            pagination={(children.data?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            locale={{ emptyText: <EmptyState description={t('regions.noChildren')} /> }}
            columns={[
              {
                title: t('regions.name'),
                dataIndex: 'name',
                render: (name: string, row) => (
                  <Typography.Link onClick={() => onPick(row.code)}>
                    {name}
                    {row.isPovertyCounty && (
                      <Tag color="red" style={{ marginInlineStart: 6 }}>
                        {t('regions.poverty')}
                      </Tag>
                    )}
                  </Typography.Link>
                ),
              },
              { title: t('regions.code'), dataIndex: 'code', width: 160 },
              {
                title: t('regions.level'),
                dataIndex: 'levelLabel',
                width: 150,
                render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
              },
              {
                title: t('regions.childCount'),
                dataIndex: 'childCount',
                width: 110,
                align: 'right',
                render: (n: number) => formatNumber(n, lang),
              },
              {
                title: t('common.actions'),
                key: 'a',
                width: 100,
                render: (_, row) => (
                  <Button type="link" size="small" onClick={() => onPick(row.code)}>
                    {t('regions.view')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}

export default function Regions() {
  const { t } = useI18n();
  const { code, setCode } = useCurrentRegion();
  return (
    <Row gutter={[16, 16]} data-testid="regions-page">
      <Col xs={24} lg={8} xxl={6}>
        <Card title={t('regions.tree')} styles={{ body: { paddingTop: 12 } }}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <RegionSearch onPick={setCode} />
            <RegionTree selected={code} onSelect={setCode} />
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={16} xxl={18}>
        <RegionDetail code={code} onPick={setCode} />
      </Col>
    </Row>
  );
}
