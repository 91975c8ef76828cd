import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Form,
  type FormInstance,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorMessage, isApiError } from '../api/client';
import { roles as rolesApi, users as usersApi } from '../api/endpoints';
import { type Id, type RegionRef, ROLE_LEVEL_NUM, type Role, type User } from '../api/types';
import { useMe } from '../auth/AuthContext';
import { LoadMore } from '../components/LoadMore';
import { PasswordRules } from '../components/PasswordRules';
import { RegionCascader } from '../components/RegionCascader';
import { RegionNotFound } from '../components/RegionNotFound';
import { EmptyState, ErrorState } from '../components/States';
import { type MessageKey, type Translate, useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { isStrongPassword } from '../lib/password';
import { useAsync } from '../lib/useAsync';
import { useCurrentRegion } from '../lib/useRegion';

const PAGE = 50;
/** The server's username rule: 2–32 lower-case letters, digits, underscore, dot or hyphen. */
const USERNAME = /^[a-z0-9_.-]{2,32}$/;

function passwordRule(t: Translate) {
  return {
    validator: (_: unknown, v: string) => (!v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t('pwd.weak')))),
  };
}

/** Put VALIDATION_FAILED details next to the form's fields; answer whether any landed. */
function applyFieldErrors(form: FormInstance, e: unknown, fields: string[]): boolean {
  if (!(e instanceof ApiError)) return false;
  const fe = e.fieldErrors();
  const hits = Object.entries(fe)
    .map(([k, m]) => [k.replace(/^(body[./])/, '').split('.')[0] ?? k, m] as const)
    .filter(([k]) => fields.includes(k));
  if (hits.length) form.setFields(hits.map(([k, m]) => ({ name: k, errors: [m] })));
  if (!hits.length && e.code === 'WEAK_PASSWORD' && fields.includes('password')) {
    form.setFields([{ name: 'password', errors: [e.message] }]);
    return true;
  }
  return hits.length > 0;
}

interface CreateForm {
  username: string;
  displayName: string;
  role: string;
  scopeCode: string;
  password: string;
}

function CreateUserDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (u: User) => void }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const password = Form.useWatch('password', form) ?? '';
  const roleId = Form.useWatch('role', form);
  const roleList = useAsync(() => (open ? rolesApi.list() : Promise.resolve(null)), [open, lang]);
  const [scopeRef, setScopeRef] = useState<RegionRef | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const assignable: Role[] = roleList.data ? roleList.data.items.filter((r) => roleList.data?.assignable.includes(r.id)) : [];
  const role = assignable.find((r) => r.id === roleId);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
      setScopeRef(undefined);
    }
  }, [open, form]);

  const submit = async (v: CreateForm) => {
    setBusy(true);
    setError(null);
    try {
      const u = await usersApi.create({ ...v, username: v.username.trim(), displayName: v.displayName.trim() });
      message.success(t('users.createOk', { name: u.displayName || u.username }));
      onCreated(u);
    } catch (e) {
      if (!applyFieldErrors(form, e, ['username', 'displayName', 'role', 'scopeCode', 'password'])) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      title={t('users.createTitle')}
      open={open}
      onClose={onClose}
      size={480}
      destroyOnHidden
      data-testid="create-user-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="create-user-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} /> : null}
      {roleList.error ? <ErrorState error={roleList.error} onRetry={roleList.reload} /> : null}
      <Form<CreateForm> form={form} layout="vertical" requiredMark onFinish={submit} initialValues={{ scopeCode: me.scope.code }}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameRule')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { pattern: USERNAME, message: t('users.usernameRule') },
          ]}
        >
          <Input autoComplete="off" data-testid="create-username" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input autoComplete="off" data-testid="create-display-name" maxLength={64} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select
            data-testid="create-role"
            loading={roleList.loading}
            options={assignable.map((r) => ({ value: r.id, label: r.label }))}
            onChange={() => form.validateFields(['scopeCode']).catch(() => undefined)}
          />
        </Form.Item>
        <Form.Item
          name="scopeCode"
          label={t('users.scope')}
          dependencies={['role']}
          rules={[
            { required: true, message: t('users.scopeRequired') },
            {
              validator: () => {
                const need = role ? ROLE_LEVEL_NUM[role.level] : null;
                const level = scopeRef?.level ?? (form.getFieldValue('scopeCode') === me.scope.code ? me.scope.level : null);
                if (need && level && level !== need) {
                  return Promise.reject(new Error(t('users.scopeLevelMismatch', { level: t(`level.${need}` as MessageKey) })));
                }
                return Promise.resolve();
              },
            },
          ]}
        >
          <ScopeField onRef={setScopeRef} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.initialPassword')}
          extra={
            <Space orientation="vertical" size={2}>
              <PasswordRules value={password} />
              <span>{t('users.initialPasswordHint')}</span>
            </Space>
          }
          rules={[{ required: true, message: t('pwd.newRequired') }, passwordRule(t)]}
        >
          <Input.Password autoComplete="new-password" data-testid="create-password" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** Form adapter: the region cascader inside a Form.Item (value/onChange are injected by the form). */
function ScopeField({
  value,
  onChange,
  onRef,
  id,
}: {
  value?: string;
  onChange?: (v?: string) => void;
  onRef: (r?: RegionRef) => void;
  id?: string;
}) {
  return (
    <RegionCascader
      id={id}
      value={value}
      data-testid="create-scope"
      style={{ width: '100%' }}
      onChange={(code, ref) => {
        onRef(ref);
        onChange?.(code);
      }}
    />
  );
}

function ResetPasswordModal({ user, onClose, onDone }: { user: User | null; onClose: () => void; onDone: (u: User) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const password = Form.useWatch('password', form) ?? '';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (user) {
      form.resetFields();
      setError(null);
    }
  }, [user, form]);

  const submit = async ({ password: p }: { password: string }) => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      const u = await usersApi.resetPassword(user.id, p);
      message.success(t('users.resetOk', { name: user.displayName || user.username }));
      onDone(u);
    } catch (e) {
      if (!applyFieldErrors(form, e, ['password'])) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={user ? t('users.resetTitle', { name: `${user.displayName}（${user.username}）` }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      data-testid="reset-password-modal"
    >
      <Typography.Paragraph type="secondary">{t('users.resetHint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="password"
          label={t('users.tempPassword')}
          extra={<PasswordRules value={password} />}
          rules={[{ required: true, message: t('pwd.newRequired') }, passwordRule(t)]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

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
  const { message } = App.useApp();
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
          <Typography.Text type="secondary">{t('users.region')}</Typography.Text>
          <RegionCascader value={region} onChange={(c) => c && setCode(c)} style={{ width: 280 }} data-testid="users-region" />
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
          <Table<User>
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
