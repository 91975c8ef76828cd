import { Alert, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { roles as rolesApi, users as usersApi } from '../../api/endpoints';
import { type RegionRef, ROLE_LEVEL_NUM, type Role, type User } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { PasswordRules } from '../../components/PasswordRules';
import { RegionCascader } from '../../components/RegionCascader';
import { ErrorState } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useToast } from '../../lib/useToast';

import { applyFieldErrors, passwordRule, USERNAME } from './forms';

interface CreateForm {
  username: string;
  displayName: string;
  role: string;
  scopeCode: string;
  password: string;
}

export function CreateUserDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (u: User) => void }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const message = useToast();
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
