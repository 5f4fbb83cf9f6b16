// The side panel's three views: problems (lint), changes (diff against the deployed version), versions.
import { beijingText, escapeHtml as escape } from './html.ts';
import type { ModelDiff, ModelProblem, ModelVersion } from './api.ts';

const CATEGORY = { error: '错误', warn: '警告', info: '提示' } as const;

export function renderProblems(host: HTMLElement, problems: ModelProblem[]): void {
  const errors = problems.filter((problem) => problem.category === 'error').length;
  const summary =
    errors === 0
      ? `<p class="ok" data-testid="lint-summary">检查通过：没有错误${problems.length ? `（${problems.length} 条提示）` : ''}，可以部署。</p>`
      : `<p class="bad" data-testid="lint-summary">发现 ${errors} 个错误，修改后才能部署（已在图上标出）。</p>`;
  host.innerHTML =
    summary +
    `<ul class="problems">${problems
      .map(
        (problem) =>
          `<li class="${problem.category}" data-element="${escape(problem.elementId ?? '')}"><b>${CATEGORY[problem.category]}</b> ${
            problem.elementId ? `<code>${escape(problem.elementName ?? problem.elementId)}</code> ` : ''
          }${escape(problem.message)}</li>`,
      )
      .join('')}</ul>`;
}

export function renderDiff(host: HTMLElement, diff: ModelDiff): void {
  const base = diff.base
    ? diff.base.origin === 'deployed'
      ? `与已部署的第 ${diff.base.version} 版相比`
      : '与 processes/ 中的文件相比（尚未部署）'
    : '新模型（没有可比较的版本）';
  const list = (title: string, className: string, items: ModelDiff['added']) =>
    `<h4 class="${className}">${title}（${items.length}）</h4><ul>${items
      .map(
        (item) =>
          `<li><code>${escape(item.id)}</code> ${escape(item.name ?? '')}${
            item.previousName !== undefined ? `（原名：${escape(item.previousName ?? '无')}）` : ''
          } <small>${escape(item.type)}</small></li>`,
      )
      .join('')}</ul>`;
  const none = !diff.added.length && !diff.removed.length && !diff.changed.length;
  host.innerHTML =
    `<p data-testid="diff-summary">${base}${none ? '：没有变化。' : '：'}</p>` +
    (none
      ? ''
      : list('新增', 'added', diff.added) +
        list('删除', 'removed', diff.removed) +
        list('修改', 'changed', diff.changed));
}

export function renderVersions(
  host: HTMLElement,
  versions: ModelVersion[],
  onRollback: (version: number) => void,
): void {
  const latest = versions[0]?.version;
  host.innerHTML = `<table class="versions"><thead><tr><th>版本</th><th>部署人</th><th>部署时间</th><th>来源</th><th></th></tr></thead><tbody>${versions
    .map(
      (version) => `<tr>
        <td>第 ${version.version} 版${version.version === latest ? '（当前）' : ''}</td>
        <td>${escape(version.deployedBy.name ?? version.deployedBy.id ?? '')}</td>
        <td>${version.deployedAt ? beijingText(version.deployedAt) : ''}</td>
        <td>${version.rollbackOfVersion ? `回滚到第 ${version.rollbackOfVersion} 版` : version.sourceDraftId ? `草稿 #${version.sourceDraftId}` : ''}</td>
        <td>${version.version === latest ? '' : `<button type="button" data-rollback="${version.version}">回滚到第 ${version.version} 版</button>`}</td>
      </tr>`,
    )
    .join('')}</tbody></table>`;
  for (const button of host.querySelectorAll<HTMLButtonElement>('button[data-rollback]')) {
    button.addEventListener('click', () => onRollback(Number(button.dataset.rollback)));
  }
}
