import { Navigate, Outlet, useLocation } from 'react-router';
import { ForbiddenPage } from '../pages/errors/ErrorPages';
import { HOME_BY_ROLE } from '../layout/navigation';
import { useSession, type Role } from '../session/session';

/** Pages behind the sign-in: someone not signed in goes to it, and comes back here afterwards. */
export function RequireSignIn() {
  const { user } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to={`/connexion?retour=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}

/** A page for some roles only: the others see the "not allowed" page (the API refuses them anyway). */
export function RequireRole({ roles }: { roles: Role[] }) {
  const { user } = useSession();
  if (!user || !roles.includes(user.role)) return <ForbiddenPage />;
  return <Outlet />;
}

export function HomeRedirect() {
  const { user } = useSession();
  return <Navigate to={user ? HOME_BY_ROLE[user.role] : '/connexion'} replace />;
}
