// Hash routes (the server serves one index.html at /tasklist/). Every screen but the login needs a session.
import { createRouter, createWebHashHistory } from 'vue-router';
import { hasRole, loadSession } from './session.ts';
import { reloadOnStaleBuild } from './stale-build.ts';
import type { Role } from './types.ts';

// Screens for some roles only: another user who follows a link lands on their own work instead.
const SUPERVISING: Role[] = ['supervisor', 'admin'];

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/tasks' },
    {
      path: '/login',
      name: 'login',
      component: () => import('./views/LoginView.vue'),
      meta: { public: true },
    },
    { path: '/tasks', name: 'tasks', component: () => import('./views/TaskListView.vue') },
    { path: '/tasks/:id', name: 'task', component: () => import('./views/TaskView.vue'), props: true },
    { path: '/cases/:id', name: 'case', component: () => import('./views/CaseView.vue'), props: true },
    {
      path: '/sla',
      name: 'sla',
      component: () => import('./views/SlaOverview.vue'),
      meta: { roles: SUPERVISING },
    },
    {
      path: '/fraud-flags',
      name: 'fraud-flags',
      component: () => import('./views/FraudFlagsView.vue'),
      meta: { roles: SUPERVISING },
    },
    {
      path: '/imports',
      name: 'imports',
      component: () => import('./views/ImportView.vue'),
      meta: { roles: SUPERVISING },
    },
    { path: '/:rest(.*)*', redirect: '/tasks' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const user = await loadSession();
  if (!user) return { name: 'login', query: { redirect: to.fullPath } };
  const roles = to.meta.roles as Role[] | undefined;
  if (roles && !hasRole(...roles)) return { name: 'tasks' };
  return true;
});

// A screen of an older build that is no longer on the server: reload once into the new one.
reloadOnStaleBuild(router);
