// The operator's page: every work order, and a form per order to record the return visit (回访).
import { DateTime } from 'luxon';
import { RETURN_VISIT_RESULT_LABELS } from '../domain/case/return-visit.ts';
import type { WorkOrder } from './work-orders.ts';

const RESULT_LABELS: Record<string, string> = RETURN_VISIT_RESULT_LABELS;

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character,
  );
}

function beijingTime(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'Asia/Shanghai' }).toFormat('yyyy-MM-dd HH:mm');
}

function returnVisitCell(order: WorkOrder): string {
  if (order.withdrawal) {
    return `已撤回，无需回访：${escapeHtml(order.withdrawal.reason)}<br><small>${beijingTime(order.withdrawal.at)}</small>`;
  }
  if (order.returnVisit) {
    const { result, note, delivery } = order.returnVisit;
    return `${escapeHtml(RESULT_LABELS[result] ?? result)}：${escapeHtml(note)}<br><small>${escapeHtml(delivery)}</small>`;
  }
  const options = Object.entries(RESULT_LABELS)
    .map(([value, label]) => `<option value="${value}">${label}</option>`)
    .join('');
  const last = order.lastDelivery ? `<br><small>上次回传：${escapeHtml(order.lastDelivery)}</small>` : '';
  return `<form method="post" action="/work-orders/${encodeURIComponent(order.number)}/return-visit">
      <select name="result">${options}</select>
      <input name="note" placeholder="回访记录" required>
      <button type="submit">记录回访</button>
    </form>${last}`;
}

export function renderWorkOrdersPage(orders: WorkOrder[], callbackUrl: string | undefined): string {
  const rows = orders
    .map(
      (order) => `<tr>
    <td>${escapeHtml(order.number)}<br><small>${beijingTime(order.createdAt)}</small></td>
    <td>${escapeHtml(order.title)}<br><small>${escapeHtml(order.description)}</small></td>
    <td>${escapeHtml(order.responsibleDepartment)}</td>
    <td>${escapeHtml(order.raterRealName ?? '匿名')}${order.raterPhone ? `<br>${escapeHtml(order.raterPhone)}` : ''}</td>
    <td>${returnVisitCell(order)}</td>
  </tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>12345 热线模拟器 · 工单</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.5em;vertical-align:top;text-align:left}small{color:#666}</style></head>
<body>
<h1>12345 热线模拟器</h1>
<p>开发和测试用：接收“好差评”系统转来的营商环境类工单，由话务员记录回访结果并回传${callbackUrl ? `至 ${escapeHtml(callbackUrl)}` : '（尚未设置回传地址）'}。</p>
<table>
<thead><tr><th>工单编号</th><th>标题与内容</th><th>责任单位</th><th>评价人</th><th>回访</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="5">暂无工单</td></tr>'}
</tbody>
</table>
</body>
</html>`;
}
