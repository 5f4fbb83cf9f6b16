// The modeler page: sign in, pick a model, edit it, check, save drafts, compare, deploy, roll back.
import { escapeHtml } from './html.ts';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import './style.css';
import { api, setCsrfToken, signIn, type SessionUser } from './api.ts';
import { errorText } from './error-text.ts';
import { startWorkspace } from './workspace.ts';

const app = document.querySelector<HTMLDivElement>('#app')!;
const OWNER_ROLES = ['process-owner', 'admin'];

function showLogin(message = ''): void {
  app.innerHTML = `
    <form class="login" id="login">
      <h1>好差评 · 流程建模</h1>
      <p>流程负责人登录后可编辑、检查并部署流程模型和时限策略。</p>
      <label>用户名 <input id="login-user" name="userId" autocomplete="username" required /></label>
      <label>密码 <input id="login-password" name="password" type="password" autocomplete="current-password" required /></label>
      <p class="bad" role="alert">${escapeHtml(message)}</p>
      <button type="submit">登录</button>
    </form>`;
  app.querySelector('#login')!.addEventListener('submit', (event) => {
    event.preventDefault();
    const userId = app.querySelector<HTMLInputElement>('#login-user')!.value.trim();
    const password = app.querySelector<HTMLInputElement>('#login-password')!.value;
    signIn(userId, password)
      .then(enter)
      .catch((error: unknown) => showLogin(errorText(error)));
  });
}

function enter(user: SessionUser): void {
  startWorkspace(app, {
    user,
    canDeploy: OWNER_ROLES.includes(user.role),
    signOut: () => {
      void api('POST', '/auth/logout').finally(() => showLogin());
    },
  });
}

api<{ user: SessionUser; csrfToken: string }>('GET', '/auth/me')
  .then(({ user, csrfToken }) => {
    setCsrfToken(csrfToken);
    enter(user);
  })
  .catch(() => showLogin());
