import { Alert, Button, Spin } from 'antd';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, setApiHandlers } from './api/client';
import { useAuth } from './auth/AuthContext';
import { markSessionExpired } from './auth/session';
import { useI18n } from './i18n';

// Every page is its own chunk; the login page loads neither the layout nor echarts.
const Login = lazy(() => import('./pages/Login'));
const ChangePassword = lazy(() => import('./pages/ChangePassword'));
const AppLayout = lazy(() => import('./layout/AppLayout'));
const Home = lazy(() => import('./pages/Home'));
const Regions = lazy(() => import('./pages/Regions'));
const Users = lazy(() => import('./pages/Users'));
const Audit = lazy(() => import('./pages/Audit'));
const Households = lazy(() => import('./pages/registry/Households'));
const HouseholdDetail = lazy(() => import('./pages/registry/HouseholdDetail'));
const HouseholdEdit = lazy(() => import('./pages/registry/HouseholdEdit'));
const Import = lazy(() => import('./pages/registry/Import'));
const Villages = lazy(() => import('./pages/registry/Villages'));
const VillageDetail = lazy(() => import('./pages/registry/VillageDetail'));
const CommandDashboard = lazy(() => import('./pages/command/Dashboard'));
const CommandWall = lazy(() => import('./pages/command/Wall'));
const CommandBriefing = lazy(() => import('./pages/command/Briefing'));
const NotFound = lazy(() => import('./pages/NotFound'));
const Forbidden = lazy(() => import('./pages/Forbidden'));

function FullPageSpin() {
  const { t } = useI18n();
  return (
    <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}

function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** Only signed-in users; and while a password change is pending, nothing but the change-password page. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (user.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return children;
}

/** The front page: the command centre for users who may read the register, the regions overview otherwise. */
function FrontPage() {
  const { can } = useAuth();
  return can('data.read') ? <CommandDashboard /> : <Home />;
}

function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <Forbidden />;
}

/** Voluntary change: inside the layout; forced change: on its own, with no way into the rest of the app. */
function ChangePasswordRoute() {
  const { user } = useAuth();
  if (user?.mustChangePassword) return <ChangePassword forced />;
  return (
    <AppLayout>
      <ChangePassword forced={false} />
    </AppLayout>
  );
}

function LoginRoute() {
  const { user } = useAuth();
  const location = useLocation();
  if (user) {
    if (user.mustChangePassword) return <Navigate to="/change-password" replace />;
    return <Navigate to={safeNext(new URLSearchParams(location.search).get('next'))} replace />;
  }
  return <Login />;
}

export function App() {
  const { t } = useI18n();
  const { user, bootError, retryBoot, refresh, setUser } = useAuth();
  const navigate = useNavigate();

  useEffect(() => {
    setApiHandlers({
      // The session ended under our feet: forget the user; RequireAuth then sends us to /login?next=…,
      // and the login page says why.
      unauthenticated: () => {
        markSessionExpired();
        setUser(null);
      },
      passwordChangeRequired: () => {
        void refresh().then(() => navigate('/change-password', { replace: true }));
      },
    });
  }, [navigate, refresh, setUser]);

  if (user === undefined) {
    if (bootError) {
      return (
        <div style={{ maxWidth: 480, margin: '20vh auto', padding: '0 16px' }} data-testid="boot-error">
          <Alert
            type="error"
            showIcon
            title={t('state.error')}
            description={errorMessage(bootError)}
            action={
              <Button type="primary" onClick={() => void retryBoot()}>
                {t('common.retry')}
              </Button>
            }
          />
        </div>
      );
    }
    return <FullPageSpin />;
  }

  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/login" element={<LoginRoute />} />
        <Route
          path="/command/wall"
          element={
            <RequireAuth>
              <RequirePermission permission="data.read">
                <CommandWall />
              </RequirePermission>
            </RequireAuth>
          }
        />
        <Route
          path="/change-password"
          element={
            <RequireAuth>
              <ChangePasswordRoute />
            </RequireAuth>
          }
        />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<FrontPage />} />
          <Route path="home" element={<Home />} />
          <Route path="command">
            <Route
              index
              element={
                <RequirePermission permission="data.read">
                  <CommandDashboard />
                </RequirePermission>
              }
            />
            <Route
              path="briefing"
              element={
                <RequirePermission permission="data.read">
                  <CommandBriefing />
                </RequirePermission>
              }
            />
          </Route>
          <Route path="regions" element={<Regions />} />
          <Route
            path="users"
            element={
              <RequirePermission permission="users.manage">
                <Users />
              </RequirePermission>
            }
          />
          <Route
            path="audit"
            element={
              <RequirePermission permission="audit.read">
                <Audit />
              </RequirePermission>
            }
          />
          <Route path="registry">
            <Route index element={<Navigate to="households" replace />} />
            <Route
              path="households"
              element={
                <RequirePermission permission="data.read">
                  <Households />
                </RequirePermission>
              }
            />
            <Route
              path="households/new"
              element={
                <RequirePermission permission="data.write">
                  <HouseholdEdit key="new" />
                </RequirePermission>
              }
            />
            <Route
              path="households/:id"
              element={
                <RequirePermission permission="data.read">
                  <HouseholdDetail />
                </RequirePermission>
              }
            />
            <Route
              path="households/:id/edit"
              element={
                <RequirePermission permission="data.write">
                  <HouseholdEdit key="edit" />
                </RequirePermission>
              }
            />
            <Route
              path="import"
              element={
                <RequirePermission permission="data.write">
                  <Import />
                </RequirePermission>
              }
            />
            <Route
              path="villages"
              element={
                <RequirePermission permission="data.read">
                  <Villages />
                </RequirePermission>
              }
            />
            <Route
              path="villages/:code"
              element={
                <RequirePermission permission="data.read">
                  <VillageDetail />
                </RequirePermission>
              }
            />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
