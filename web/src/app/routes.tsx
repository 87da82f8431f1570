import { createBrowserRouter } from 'react-router';
import { Shell } from '../layout/Shell';
import { NotFoundPage } from '../pages/errors/ErrorPages';
import { HomeRedirect, RequireRole, RequireSignIn } from './guards';

/**
 * Every page of the application. Each page is its own chunk, loaded when first opened, so the first
 * page costs only what it uses. Addresses are French: people read and share them.
 */
export const router = createBrowserRouter([
  { path: '/connexion', lazy: () => import('../pages/SignInPage').then((m) => ({ Component: m.SignInPage })) },
  { path: '/invitation', lazy: () => import('../pages/AcceptInvitationPage').then((m) => ({ Component: m.AcceptInvitationPage })) },
  {
    element: <RequireSignIn />,
    hydrateFallbackElement: null,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, element: <HomeRedirect /> },
          {
            path: 'facilitateur',
            element: <RequireRole roles={['facilitator']} />,
            children: [{ index: true, lazy: () => import('../pages/facilitator/FacilitatorHome').then((m) => ({ Component: m.FacilitatorHome })) }],
          },
          {
            path: 'entreprise',
            element: <RequireRole roles={['company']} />,
            children: [{ index: true, lazy: () => import('../pages/company/CompanyHome').then((m) => ({ Component: m.CompanyHome })) }],
          },
          { path: 'bienvenue', lazy: () => import('../pages/WelcomePage').then((m) => ({ Component: m.WelcomePage })) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
