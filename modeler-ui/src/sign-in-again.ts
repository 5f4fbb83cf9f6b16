// A session ends after 30 idle minutes (server/auth/policy.ts) while the diagram may hold an hour's work. The
// owner signs in again in a dialog over the workspace, which stays as it is, and the refused action runs again.
import { ApiFailure, signIn, type SessionUser } from './api.ts';
import { errorText } from './error-text.ts';
import { escapeHtml } from './html.ts';

/** The server's 401: no session (auth.required) or one that has ended (auth.session_expired). */
const isSessionEnded = (error: unknown) => error instanceof ApiFailure && error.status === 401;

/**
 * Asks the same person to sign in again; true once signed in (new session, new CSRF token), false when they
 * cancel. Another person signs in through 退出, not here: the workspace and its header are this user's.
 */
function signInAgain(host: HTMLElement, user: SessionUser): Promise<boolean> {
  const dialog = document.createElement('dialog');
  dialog.className = 'sign-in-again';
  dialog.setAttribute('aria-labelledby', 'sign-in-again-title');
  dialog.innerHTML = `
    <form>
      <h2 id="sign-in-again-title">登录已超时</h2>
      <p>您的修改仍在编辑器中，没有丢失。请重新输入密码，登录后将继续刚才的操作。</p>
      <label>用户名 <input name="userId" value="${escapeHtml(user.id)}" readonly /></label>
      <label>密码 <input name="password" type="password" autocomplete="current-password" required /></label>
      <p class="bad" role="alert"></p>
      <div class="actions">
        <button type="submit">重新登录</button>
        <button type="button" data-cancel>取消</button>
      </div>
    </form>`;
  host.append(dialog);
  const form = dialog.querySelector('form')!;
  const submit = dialog.querySelector<HTMLButtonElement>('button[type=submit]')!;
  return new Promise((resolve) => {
    const close = (signedIn: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(signedIn);
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit.disabled = true;
      signIn(user.id, form.querySelector<HTMLInputElement>('[name=password]')!.value)
        .then(() => close(true))
        .catch((error: unknown) => {
          dialog.querySelector('[role=alert]')!.textContent = errorText(error);
          submit.disabled = false;
        });
    });
    dialog.querySelector('[data-cancel]')!.addEventListener('click', () => close(false));
    // Escape closes a modal dialog: the same as 取消.
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    dialog.showModal();
  });
}

/** Runs the action; when it finds the session ended, asks to sign in again and, once signed in, runs it again. */
export async function withSignInAgain(
  host: HTMLElement,
  user: SessionUser,
  action: () => Promise<unknown>,
): Promise<void> {
  try {
    await action();
  } catch (error: unknown) {
    if (!isSessionEnded(error) || !(await signInAgain(host, user))) throw error;
    await action();
  }
}
