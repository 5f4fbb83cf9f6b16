// The signed-in screen: the model list, the editor (bpmn-js or dmn-js) and the side panel. Saving makes
// or updates a draft on the server (revision checked); deploying saves first, then deploys the draft.
// One action at a time: while one runs, the toolbar and the model list are disabled (部署 clicked twice
// deploys once); unsaved edits are not thrown away without asking (unsaved-edits.ts).
import { beijingText, escapeHtml } from './html.ts';
import { api, ApiFailure } from './api.ts';
import { errorText } from './error-text.ts';
import { withSignInAgain } from './sign-in-again.ts';
import { guardUnload, mayDiscard } from './unsaved-edits.ts';
import type {
  DraftSummary,
  ModelDiff,
  ModelProblem,
  ModelSummary,
  ModelVersion,
  SessionUser,
} from './api.ts';
import { createBpmnEditor } from './editors/bpmn.ts';
import { createDmnEditor } from './editors/dmn.ts';
import { renderDiff, renderProblems, renderVersions } from './panels.ts';
import type { Editor } from './editors/types.ts';

interface Current {
  kind: 'bpmn' | 'dmn';
  key: string;
  name: string;
  baseVersion: number | null;
  draftId: string | null;
  revision: number;
  dirty: boolean;
}

const KIND_LABEL = { bpmn: '流程', dmn: '时限策略（决策表）' } as const;

/**
 * What a deploy means for cases under way: a process version stays with the instances started on it, but the
 * SLA policy is asked (by its key, the latest version) each time a stage starts.
 */
const RUNNING_CASES_NOTE = {
  bpmn: '新案件使用新版本，进行中的案件仍按原版本办理。',
  dmn: '此后开始的每个环节（包括进行中案件的后续环节）都按新时限计时；已在计时的环节不变。',
} as const;

export function startWorkspace(
  app: HTMLElement,
  session: { user: SessionUser; canDeploy: boolean; signOut: () => void },
): void {
  app.innerHTML = `
    <header class="top">
      <h1>好差评 · 流程建模</h1>
      <span class="who">${escapeHtml(session.user.name)}（${session.canDeploy ? '流程负责人' : '只读'}）</span>
      <button type="button" id="sign-out">退出</button>
    </header>
    <div class="layout">
      <nav class="models"><h2>模型</h2><ul id="model-list"></ul><h3>草稿</h3><ul id="draft-list"></ul></nav>
      <main class="work">
        <div class="toolbar">
          <span id="current">请从左侧选择一个模型</span>
          <button type="button" id="do-lint">检查</button>
          <button type="button" id="do-save" data-owner-only ${session.canDeploy ? '' : 'disabled'}>保存草稿</button>
          <button type="button" id="do-diff">与已部署版本比较</button>
          <button type="button" id="do-deploy" data-owner-only ${session.canDeploy ? '' : 'disabled'}>部署</button>
          <button type="button" id="do-versions">版本与回滚</button>
        </div>
        <p id="status" role="status"></p>
        <p id="message" role="alert" class="bad"></p>
        <div class="editor"><div id="canvas"></div><div id="properties"></div></div>
      </main>
      <aside class="side"><section id="problems"></section><section id="diff"></section><section id="versions"></section></aside>
    </div>`;
  const $ = <T extends HTMLElement>(selector: string) => app.querySelector<T>(selector)!;
  let editor: Editor | undefined;
  let current: Current | undefined;
  let running = false;

  const status = (text: string) => ($('#status').textContent = text);
  const fail = (error: unknown) => {
    $('#message').textContent = errorText(error);
    if (error instanceof ApiFailure && Array.isArray(error.error.details?.problems)) {
      showProblems(error.error.details.problems as ModelProblem[]);
    }
  };
  const clearMessage = () => ($('#message').textContent = '');

  function describe(): void {
    if (!current) return;
    const source = current.draftId
      ? `草稿 #${current.draftId}（修订 ${current.revision}）`
      : current.baseVersion
        ? `已部署第 ${current.baseVersion} 版`
        : 'processes/ 文件';
    $('#current').textContent =
      `${KIND_LABEL[current.kind]}：${current.name}（${current.key}）· ${source}${current.dirty ? ' · 有未保存的修改' : ''}`;
  }

  function showProblems(problems: ModelProblem[]): void {
    renderProblems($('#problems'), problems);
    editor?.mark(
      problems
        .filter((problem) => problem.elementId)
        .map((problem) => ({
          id: problem.elementId!,
          className:
            problem.category === 'error'
              ? 'hcp-error'
              : problem.category === 'warn'
                ? 'hcp-warn'
                : 'hcp-info',
          title: problem.message,
        })),
    );
  }

  async function openEditor(kind: 'bpmn' | 'dmn', xml: string): Promise<void> {
    editor?.destroy();
    $('#canvas').innerHTML = '';
    $('#properties').innerHTML = '';
    $('#properties').hidden = kind === 'dmn';
    editor =
      kind === 'bpmn' ? createBpmnEditor($('#canvas'), $('#properties')) : createDmnEditor($('#canvas'));
    const warnings = await editor.load(xml);
    editor.onChange(() => {
      if (current && !current.dirty) {
        current.dirty = true;
        describe();
      }
    });
    for (const section of ['#problems', '#diff', '#versions']) $(section).innerHTML = '';
    if (warnings.length) $('#message').textContent = `导入警告：${warnings.join('；')}`;
  }

  async function openModel(model: ModelSummary): Promise<void> {
    clearMessage();
    const source = await api<{ xml: string; version: number | null }>(
      'GET',
      `/models/${model.kind}/${encodeURIComponent(model.key)}`,
    );
    current = {
      kind: model.kind,
      key: model.key,
      name: model.name ?? model.key,
      baseVersion: source.version,
      draftId: null,
      revision: 0,
      dirty: false,
    };
    await openEditor(model.kind, source.xml);
    describe();
    status(
      `已打开${source.version ? `已部署的第 ${source.version} 版` : ' processes/ 中的文件'}。${
        model.kind === 'bpmn'
          ? '各环节办理时限（工作日）在“各环节办理时限”决策表（sla-policy）中设置，任务的到期时间由它计算。'
          : ''
      }`,
    );
    await refreshDrafts();
  }

  async function openDraft(draft: DraftSummary): Promise<void> {
    clearMessage();
    const full = await api<DraftSummary & { xml: string; basedOnVersion: number | null }>(
      'GET',
      `/model-drafts/${draft.id}`,
    );
    current = {
      kind: full.kind,
      key: full.key,
      name: full.key,
      baseVersion: full.basedOnVersion,
      draftId: full.id,
      revision: full.revision,
      dirty: false,
    };
    await openEditor(full.kind, full.xml);
    describe();
    status(
      `已打开草稿 #${full.id}（${full.updatedBy.name ?? full.updatedBy.id} 保存于 ${beijingText(full.updatedAt)}）。`,
    );
  }

  async function refreshModels(): Promise<void> {
    const { models } = await api<{ models: ModelSummary[] }>('GET', '/models');
    const list = $('#model-list');
    list.innerHTML = '';
    for (const model of models) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.model = `${model.kind}:${model.key}`;
      button.disabled = running;
      button.innerHTML = `<span>${escapeHtml(model.name ?? model.key)}</span><small>${escapeHtml(model.key)} · ${model.kind === 'bpmn' ? '流程' : '决策'}${model.deployedVersion ? ` · 第 ${model.deployedVersion} 版` : ' · 未部署'}</small>`;
      button.addEventListener('click', () => void run(() => openModel(model), { discardsEdits: true }));
      item.append(button);
      list.append(item);
    }
  }

  async function refreshDrafts(): Promise<void> {
    if (!current) return;
    const { drafts } = await api<{ drafts: DraftSummary[] }>(
      'GET',
      `/model-drafts?kind=${current.kind}&key=${encodeURIComponent(current.key)}`,
    );
    const list = $('#draft-list');
    list.innerHTML = '';
    for (const draft of drafts.slice(0, 20)) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.disabled = running;
      button.textContent = `#${draft.id} ${draft.updatedBy.name ?? draft.updatedBy.id} ${beijingText(draft.updatedAt)}${draft.conflictOf ? `（与 #${draft.conflictOf} 冲突时另存）` : ''}`;
      button.addEventListener('click', () => void run(() => openDraft(draft), { discardsEdits: true }));
      item.append(button);
      list.append(item);
    }
  }

  async function lint(): Promise<ModelProblem[]> {
    if (!editor || !current) throw new Error('请先选择模型');
    const { problems } = await api<{ problems: ModelProblem[] }>('POST', '/models/lint', {
      kind: current.kind,
      xml: await editor.xml(),
    });
    showProblems(problems);
    return problems;
  }

  /** Saves the editor's XML as a draft; a lost race keeps our XML as a new draft (the server says which). */
  async function save(): Promise<ModelProblem[]> {
    if (!editor || !current) throw new Error('请先选择模型');
    const xml = await editor.xml();
    try {
      const answer = current.draftId
        ? await api<{ draft: DraftSummary; problems: ModelProblem[] }>(
            'PUT',
            `/model-drafts/${current.draftId}`,
            { xml, revision: current.revision },
          )
        : await api<{ draft: DraftSummary; problems: ModelProblem[] }>('POST', '/model-drafts', {
            kind: current.kind,
            xml,
            basedOnVersion: current.baseVersion,
          });
      current.draftId = answer.draft.id;
      current.revision = answer.draft.revision;
      current.dirty = false;
      describe();
      showProblems(answer.problems);
      status(`已保存为草稿 #${answer.draft.id}（修订 ${answer.draft.revision}）。`);
      await refreshDrafts();
      return answer.problems;
    } catch (error: unknown) {
      if (error instanceof ApiFailure && error.error.id === 'model.draft_conflict') {
        current.draftId = String(error.error.details?.savedAsDraftId);
        current.revision = 1;
        current.dirty = false;
        describe();
        await refreshDrafts();
      }
      throw error;
    }
  }

  async function deploy(): Promise<void> {
    if (!current) throw new Error('请先选择模型');
    const problems = await save();
    if (problems.some((problem) => problem.category === 'error')) {
      $('#message').textContent = '模型有错误，未部署：请先修改图上标出的问题。';
      return;
    }
    const { deploy: done } = await api<{ deploy: { version: number; engineDeploymentId: string } }>(
      'POST',
      `/model-drafts/${current.draftId}/deploy`,
      { revision: current.revision },
    );
    current.baseVersion = done.version;
    status(
      `已部署：${current.key} 第 ${done.version} 版（引擎部署 ${done.engineDeploymentId}）。${RUNNING_CASES_NOTE[current.kind]}`,
    );
    await Promise.all([refreshModels(), showVersions()]);
  }

  async function showVersions(): Promise<void> {
    if (!current) throw new Error('请先选择模型');
    const model = current;
    const { versions } = await api<{ versions: ModelVersion[] }>(
      'GET',
      `/models/${model.kind}/${encodeURIComponent(model.key)}/versions`,
    );
    renderVersions($('#versions'), versions, (version) => {
      if (running) return;
      if (!window.confirm(`回滚：把第 ${version} 版重新部署为新版本？${RUNNING_CASES_NOTE[model.kind]}`))
        return;
      void run(async () => {
        const { deploy: done } = await api<{ deploy: { version: number } }>(
          'POST',
          `/models/${model.kind}/${encodeURIComponent(model.key)}/rollback`,
          { version },
        );
        status(`已回滚：第 ${version} 版的内容已部署为第 ${done.version} 版。`);
        await Promise.all([refreshModels(), showVersions()]);
      });
    });
  }

  async function diff(): Promise<void> {
    if (!editor || !current) throw new Error('请先选择模型');
    const answer = await api<ModelDiff>(
      'POST',
      `/models/${current.kind}/${encodeURIComponent(current.key)}/diff`,
      { xml: await editor.xml() },
    );
    renderDiff($('#diff'), answer);
    editor.mark([
      ...answer.added.map((item) => ({ id: item.id, className: 'hcp-added', title: '新增' })),
      ...answer.changed.map((item) => ({ id: item.id, className: 'hcp-changed', title: '已修改' })),
    ]);
  }

  /** While an action runs the toolbar and the lists are disabled; afterwards as before (save, deploy: owners). */
  function setRunning(value: boolean): void {
    running = value;
    for (const button of app.querySelectorAll<HTMLButtonElement>('.toolbar button, .models button')) {
      button.disabled = value || (button.dataset.ownerOnly !== undefined && !session.canDeploy);
    }
  }

  /**
   * Runs one action at a time (a second click while one runs does nothing). A session that ended meanwhile
   * is renewed in place and the action runs again; the diagram is never re-rendered for it.
   */
  async function run(action: () => Promise<unknown>, options: { discardsEdits?: boolean } = {}) {
    if (running) return;
    if (options.discardsEdits && !mayDiscard(current?.dirty === true)) return;
    setRunning(true);
    clearMessage();
    try {
      await withSignInAgain(app, session.user, action);
    } catch (error: unknown) {
      fail(error);
    } finally {
      setRunning(false);
    }
  }

  const act = (selector: string, action: () => Promise<unknown>) =>
    $(selector).addEventListener('click', () => void run(action));
  act('#do-lint', lint);
  act('#do-save', save);
  act('#do-diff', diff);
  act('#do-deploy', deploy);
  act('#do-versions', showVersions);
  const stopUnloadGuard = guardUnload(() => current?.dirty === true);
  $('#sign-out').addEventListener('click', () => {
    if (!mayDiscard(current?.dirty === true)) return;
    stopUnloadGuard();
    session.signOut();
  });
  void refreshModels().catch(fail);
}
