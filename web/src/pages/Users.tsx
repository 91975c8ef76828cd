import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Input, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { users as usersApi } from '../api/endpoints';
import type { Id, User } from '../api/types';
import { useMe } from '../auth/AuthContext';
import { LoadMore } from '../components/LoadMore';
import { RegionCascader } from '../components/RegionCascader';
import { RegionNotFound } from '../components/RegionNotFound';
import { ResponsiveTable } from '../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../components/States';
import { CreateUserDrawer } from '../components/users/CreateUserDrawer';
import { ResetPasswordModal } from '../components/users/ResetPasswordModal';
import { type Translate, useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useCurrentRegion } from '../lib/useRegion';
import { useToast } from '../lib/useToast';

const PAGE = 50;

function StatusTags({ u, t }: { u: User; t: Translate }) {
  const locked = u.lockedUntil && new Date(u.lockedUntil) > new Date();
  return (
    <Space size={[4, 4]} wrap>
      {u.disabled ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
      {locked && (
        <Tooltip title={u.lockedUntil}>
          <Tag color="volcano">{t('users.locked')}</Tag>
        </Tooltip>
      )}
      {u.mustChangePassword && <Tag color="gold">{t('users.mustChange')}</Tag>}
      {u.isDemo && <Tag color="orange">{t('users.demo')}</Tag>}
    </Space>
  );
}

export default function Users() {
  const { t, lang } = useI18n();
  const me = useMe();
  const message = useToast();
  const { code: region, setCode } = useCurrentRegion();
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<User[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [busyId, setBusyId] = useState<Id | null>(null);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload; lang relabels roles
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    usersApi.list({ region, q: q || undefined, limit: PAGE }).then(
      (p) => {
        if (!live) return;
        setRows(p.items);
        setCursor(p.nextCursor);
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(e);
        setRows([]);
        setCursor(null);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [region, q, lang, tick]);

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const p = await usersApi.list({ region, q: q || undefined, limit: PAGE, cursor });
      setRows((r) => [...r, ...p.items.filter((u) => !r.some((x) => x.id === u.id))]);
      setCursor(p.nextCursor);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  }, [cursor, region, q, message]);

  const replace = (u: User) => setRows((r) => r.map((x) => (x.id === u.id ? u : x)));

  const toggle = async (u: User) => {
    setBusyId(u.id);
    try {
      const next = u.disabled ? await usersApi.enable(u.id) : await usersApi.disable(u.id);
      replace(next);
      message.success(t(u.disabled ? 'users.enabledOk' : 'users.disabledOk', { name: u.displayName || u.username }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  };

  if (error && isApiError(error) && (error.status === 404 || error.status === 400) && region !== me.scope.code) {
    return <RegionNotFound code={region} />;
  }

  return (
    <Card
      title={t('users.title')}
      data-testid="users-page"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-user">
          {t('users.create')}
        </Button>
      }
    >
      <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
        <Space size={6}>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {t('users.region')}
          </Typography.Text>
          {/* On a phone the label and the picker share one line. */}
          <RegionCascader
            value={region}
            onChange={(c) => c && setCode(c)}
            style={{ width: 280, maxWidth: 'calc(100vw - 140px)' }}
            data-testid="users-region"
          />
        </Space>
        <Input
          allowClear
          style={{ width: 220 }}
          placeholder={t('users.q')}
          value={qInput}
          onChange={(e) => {
            setQInput(e.target.value);
            if (!e.target.value) setQ('');
          }}
          onPressEnter={() => setQ(qInput.trim())}
          data-testid="users-q"
        />
        <Button type="primary" icon={<SearchOutlined />} onClick={() => setQ(qInput.trim())}>
          {t('common.search')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setQInput('');
            setQ('');
            setCode(me.scope.code);
            setTick((x) => x + 1);
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>

      {error ? (
        <ErrorState error={error} onRetry={() => setTick((x) => x + 1)} />
      ) : (
        <>
          <ResponsiveTable<User>
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 1300 }}
            data-testid="users-table"
            locale={{ emptyText: loading ? ' ' : <EmptyState description={t('users.empty')} /> }}
            columns={[
              {
                title: t('users.username'),
                dataIndex: 'username',
                width: 150,
                render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
              },
              { title: t('users.displayName'), dataIndex: 'displayName', width: 210 },
              { title: t('users.role'), dataIndex: 'roleLabel', width: 200 },
              {
                title: t('users.scope'),
                dataIndex: 'scopeName',
                width: 220,
                render: (v: string, u) => (
                  <span>
                    {v}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {u.scopeCode}
                    </Typography.Text>
                  </span>
                ),
              },
              { title: t('users.status'), key: 'status', width: 180, render: (_, u) => <StatusTags u={u} t={t} /> },
              {
                title: t('users.lastLogin'),
                dataIndex: 'lastLoginAt',
                width: 170,
                render: (v: string | null) =>
                  v ? formatDateTime(v, lang) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>,
              },
              {
                title: t('common.actions'),
                key: 'actions',
                fixed: 'right',
                width: lang === 'en' ? 220 : 170,
                render: (_, u) => (
                  <Space size={0}>
                    <Popconfirm
                      title={t(u.disabled ? 'users.enableConfirm' : 'users.disableConfirm', { name: u.displayName || u.username })}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => toggle(u)}
                      disabled={u.id === me.id}
                    >
                      <Button type="link" size="small" danger={!u.disabled} loading={busyId === u.id} disabled={u.id === me.id}>
                        {u.disabled ? t('users.enable') : t('users.disable')}
                      </Button>
                    </Popconfirm>
                    <Button type="link" size="small" onClick={() => setResetting(u)} disabled={u.id === me.id}>
                      {t('users.resetPassword')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore count={rows.length} hasMore={Boolean(cursor)} loading={loadingMore} onMore={loadMore} testId="users-load-more" />
          </div>
        </>
      )}

      <CreateUserDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          setCreating(false);
          setRows((r) => [u, ...r]);
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(u) => {
          setResetting(null);
          replace(u);
        }}
      />
    </Card>
  );
}
