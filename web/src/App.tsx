import { Alert, Button, Spin } from 'antd';
import { type ComponentType, lazy, type ReactNode, Suspense, useEffect } from 'react';
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
const SecurityEvents = lazy(() => import('./pages/SecurityEvents'));
const Households = lazy(() => import('./pages/registry/Households'));
const HouseholdDetail = lazy(() => import('./pages/registry/HouseholdDetail'));
const HouseholdEdit = lazy(() => import('./pages/registry/HouseholdEdit'));
const HouseholdFilePrint = lazy(() => import('./pages/registry/HouseholdFilePrint'));
const Import = lazy(() => import('./pages/registry/Import'));
const Villages = lazy(() => import('./pages/registry/Villages'));
const VillageDetail = lazy(() => import('./pages/registry/VillageDetail'));
const Helpers = lazy(() => import('./pages/registry/Helpers'));
const HelperDetail = lazy(() => import('./pages/registry/HelperDetail'));
const CommandDashboard = lazy(() => import('./pages/command/Dashboard'));
const CommandWall = lazy(() => import('./pages/command/Wall'));
const CommandBriefing = lazy(() => import('./pages/command/Briefing'));
const Postings = lazy(() => import('./pages/cadres/Postings'));
const PostingDetail = lazy(() => import('./pages/cadres/PostingDetail'));
const Leave = lazy(() => import('./pages/cadres/Leave'));
const LeaveDetail = lazy(() => import('./pages/cadres/LeaveDetail'));
const Units = lazy(() => import('./pages/cadres/Units'));
const Points = lazy(() => import('./pages/cadres/Points'));
const Attendance = lazy(() => import('./pages/cadres/Attendance'));
const AttendanceDetail = lazy(() => import('./pages/cadres/AttendanceDetail'));
const NotFound = lazy(() => import('./pages/NotFound'));
const Forbidden = lazy(() => import('./pages/Forbidden'));
const Monitoring = lazy(() => import('./pages/monitoring/Monitoring'));
const MonitoringDetail = lazy(() => import('./pages/monitoring/MonitoringDetail'));
const Comparison = lazy(() => import('./pages/comparison/Comparison'));
const ComparisonHit = lazy(() => import('./pages/comparison/HitDetail'));
const PartyLedger = lazy(() => import('./pages/party/ledger/Ledger'));
const ExitHouseholds = lazy(() => import('./pages/exit/Households'));
const ExitBatchDetail = lazy(() => import('./pages/exit/BatchDetail'));
const ExitDetail = lazy(() => import('./pages/exit/ExitDetail'));
const ExitComplaints = lazy(() => import('./pages/exit/Complaints'));
const ExitVillages = lazy(() => import('./pages/exit/areas/Villages'));
const ExitVillageDetail = lazy(() => import('./pages/exit/areas/VillageExitDetail'));
const ExitCounties = lazy(() => import('./pages/exit/areas/Counties'));
const ExitCountyDetail = lazy(() => import('./pages/exit/areas/CountyExitDetail'));
const PartyLedgerDetail = lazy(() => import('./pages/party/ledger/LedgerDetail'));
const PartyScreening = lazy(() => import('./pages/party/ledger/Screening'));
const PartyScreeningDetail = lazy(() => import('./pages/party/ledger/ScreeningDetail'));
const PartyNominations = lazy(() => import('./pages/party/ledger/Nominations'));
const PartyNominationBars = lazy(() => import('./pages/party/bars/NominationBars'));
const Decisions = lazy(() => import('./pages/party/decisions/Decisions'));
const DecisionDetail = lazy(() => import('./pages/party/decisions/DecisionDetail'));
const PartyFunds = lazy(() => import('./pages/party/funds/Funds'));
const PartyPay = lazy(() => import('./pages/party/funds/Pay'));
const PartyIncome = lazy(() => import('./pages/party/funds/Income'));
const PartyCommitments = lazy(() => import('./pages/party/commitments/Commitments'));
const PartyReserve = lazy(() => import('./pages/party/reserve/Reserve'));
const PartyOrgs = lazy(() => import('./pages/party/Orgs'));
const PartyOrgDetail = lazy(() => import('./pages/party/OrgDetail'));
const PartyMembers = lazy(() => import('./pages/party/Members'));
const PartyMemberDetail = lazy(() => import('./pages/party/MemberDetail'));
const PartyImport = lazy(() => import('./pages/party/Import'));
const VillageProfile = lazy(() => import('./pages/villages/VillageProfile'));

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
/** A page behind a permission: most routes are one page each, read as a table. */
function guarded(permission: string, Page: ComponentType) {
  return (
    <RequirePermission permission={permission}>
      <Page />
    </RequirePermission>
  );
}

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
            <Route path="briefing" element={guarded('data.read', CommandBriefing)} />
          </Route>
          <Route path="regions" element={<Regions />} />
          <Route path="users" element={guarded('users.manage', Users)} />
          <Route path="audit" element={guarded('audit.read', Audit)} />
          <Route path="security" element={guarded('security.read', SecurityEvents)} />
          <Route path="registry">
            <Route index element={<Navigate to="households" replace />} />
            <Route path="complaints" element={guarded('data.read', ExitComplaints)} />
            <Route path="households" element={guarded('data.read', Households)} />
            <Route
              path="households/new"
              element={
                <RequirePermission permission="data.write">
                  <HouseholdEdit key="new" />
                </RequirePermission>
              }
            />
            <Route path="households/:id" element={guarded('data.read', HouseholdDetail)} />
            <Route
              path="households/:id/print"
              element={
                <RequirePermission permission="data.read">
                  <HouseholdFilePrint key="household" />
                </RequirePermission>
              }
            />
            <Route
              path="files/:village"
              element={
                <RequirePermission permission="data.read">
                  <HouseholdFilePrint key="village" />
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
            <Route path="import" element={guarded('data.write', Import)} />
            <Route path="villages" element={guarded('data.read', Villages)} />
            <Route path="villages/:code" element={guarded('data.read', VillageDetail)} />
            <Route path="helpers" element={guarded('data.read', Helpers)} />
            <Route path="helpers/:id" element={guarded('data.read', HelperDetail)} />
          </Route>
          <Route path="cadres">
            <Route index element={<Navigate to="postings" replace />} />
            <Route path="attendance" element={guarded('data.read', Attendance)} />
            <Route path="attendance/:id" element={guarded('data.read', AttendanceDetail)} />
            <Route path="postings" element={guarded('data.read', Postings)} />
            <Route path="postings/:id" element={guarded('data.read', PostingDetail)} />
            <Route path="leave" element={guarded('data.read', Leave)} />
            <Route path="leave/:id" element={guarded('data.read', LeaveDetail)} />
            <Route path="units" element={guarded('data.read', Units)} />
            <Route path="points" element={guarded('data.read', Points)} />
          </Route>
          <Route path="monitoring" element={guarded('data.read', Monitoring)} />
          <Route path="monitoring/:id" element={guarded('data.read', MonitoringDetail)} />
          <Route path="comparison" element={guarded('data.read', Comparison)} />
          <Route path="comparison/hits/:id" element={guarded('data.read', ComparisonHit)} />
          <Route path="exit">
            <Route index element={<Navigate to="households" replace />} />
            <Route path="complaints" element={guarded('data.read', ExitComplaints)} />
            <Route path="households" element={guarded('data.read', ExitHouseholds)} />
            <Route path="households/:id" element={guarded('data.read', ExitDetail)} />
            <Route path="batches/:id" element={guarded('data.read', ExitBatchDetail)} />
            <Route path="villages" element={guarded('data.read', ExitVillages)} />
            <Route path="villages/:id" element={guarded('data.read', ExitVillageDetail)} />
            <Route path="counties" element={guarded('data.read', ExitCounties)} />
            <Route path="counties/:id" element={guarded('data.read', ExitCountyDetail)} />
          </Route>
          <Route path="party">
            <Route index element={<Navigate to="orgs" replace />} />
            <Route path="funds" element={guarded('data.read', PartyFunds)} />
            <Route path="funds/pay" element={guarded('data.read', PartyPay)} />
            <Route path="funds/income" element={guarded('data.read', PartyIncome)} />
            <Route path="commitments" element={guarded('data.read', PartyCommitments)} />
            <Route path="reserve" element={guarded('data.read', PartyReserve)} />
            <Route path="decisions" element={guarded('data.read', Decisions)} />
            <Route path="decisions/:id" element={guarded('data.read', DecisionDetail)} />
            <Route path="ledger" element={guarded('data.read', PartyLedger)} />
            <Route path="ledger/:id" element={guarded('data.read', PartyLedgerDetail)} />
            <Route path="screening" element={guarded('data.read', PartyScreening)} />
            <Route path="screening/secretary/:id" element={guarded('data.read', PartyScreeningDetail)} />
            <Route path="nominations" element={guarded('data.read', PartyNominations)} />
            <Route path="nomination-bars" element={guarded('data.read', PartyNominationBars)} />
            <Route path="orgs" element={guarded('data.read', PartyOrgs)} />
            <Route path="orgs/:id" element={guarded('data.read', PartyOrgDetail)} />
            <Route path="members" element={guarded('data.read', PartyMembers)} />
            <Route path="members/:id" element={guarded('data.read', PartyMemberDetail)} />
            <Route path="import" element={guarded('data.write', PartyImport)} />
          </Route>
          <Route path="villages">
            <Route path=":code" element={guarded('data.read', VillageProfile)} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
