// The rating page's script, inlined. Plain ES2017 for old phone browsers: no optional chaining, no build, no
// NodeList.forEach (old WebViews lack it). The submit button is enabled here: without the script the form
// cannot be sent, and the page says so (<noscript>).
// It shows the tags of the chosen level (the level buttons carry their tag codes), posts the rating to
// POST /api/evaluations with channel qr-code (and, for a 办件 of a theme, the scope the rater chose), and
// shows the API's Chinese messages as they come; after a 差评 it links to the page of its answers
// (/rate/answer?id=<rating id>). A 差评 with neither a tag nor text is told so at once (art. 8; the server's
// message, from the form), the text box focused; the server still judges what text counts. An attempt whose
// answer was lost may be sent again: the server answers a resend with the rating it stored.
export const RATING_PAGE_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('rating');
  if (!form) return;
  var $ = function (id) { return document.getElementById(id); };
  var each = function (list, visit) { Array.prototype.forEach.call(list, visit); };
  var submit = form.querySelector('.submit');
  submit.disabled = false;
  var levels = form.querySelectorAll('.level');
  var chips = form.querySelectorAll('.chip');
  var groups = form.querySelectorAll('.dim');
  var chosen = null;
  var chosenBad = false;

  function showError(text) {
    $('error').textContent = text;
    $('error').hidden = !text;
  }

  function choose(button) {
    chosen = button.getAttribute('data-level');
    chosenBad = button.getAttribute('data-bad') === 'true';
    var codes = (button.getAttribute('data-tags') || '').split(' ');
    each(levels, function (other) { other.setAttribute('aria-pressed', String(other === button)); });
    each(chips, function (chip) {
      var shown = codes.indexOf(chip.getAttribute('data-code')) >= 0;
      chip.hidden = !shown;
      // A tag of another level never travels with this one.
      if (!shown) chip.querySelector('input').checked = false;
    });
    each(groups, function (group) {
      group.hidden = !group.querySelector('.chip:not([hidden])');
    });
    $('tags').hidden = false;
    $('tags-hint').textContent = chosenBad ? '差评请勾选评价内容或填写文字评价' : '选填';
    $('text-hint').textContent = chosenBad ? '未勾选评价内容时必填' : '选填';
    showError('');
  }

  each(levels, function (button) {
    button.addEventListener('click', function () { choose(button); });
  });

  // A message about an earlier attempt goes once the rater changes anything: as they type, not only when the
  // text box loses focus, which is when they tap 提交评价 (the message going then would move the button away
  // from under their finger).
  form.addEventListener('input', function () { showError(''); });
  form.addEventListener('change', function () { showError(''); });

  $('real-name').addEventListener('change', function () {
    $('contact').hidden = !$('real-name').checked;
  });

  function body() {
    var tags = [];
    each(form.querySelectorAll('input[name=tag]:checked'), function (box) { tags.push(box.value); });
    var dimensions = {};
    each(form.querySelectorAll('select'), function (select) {
      if (select.value) dimensions[select.name] = select.value;
    });
    var request = {
      serviceRecordId: form.getAttribute('data-sr'),
      ratingCode: form.getAttribute('data-code'),
      channel: 'qr-code',
      level: chosen,
      dimensions: dimensions,
      tags: tags,
      text: $('text').value,
      realName: $('real-name').checked
    };
    var scope = form.querySelector('input[name=scope]:checked');
    if (scope) request.scope = scope.value;
    if (request.realName) {
      var rater = {};
      if ($('name').value.trim()) rater.name = $('name').value.trim();
      if ($('phone').value.trim()) rater.phone = $('phone').value.trim();
      request.rater = rater;
    }
    return request;
  }

  function messageOf(answer) {
    var error = answer && answer.error;
    if (!error || !error.message) return '提交失败，请稍后重试。';
    var problems = Array.isArray(error.details) ? error.details.map(function (detail) {
      return detail && /[\\u4e00-\\u9fff]/.test(detail.problem || '') ? detail.problem : '';
    }).filter(Boolean) : [];
    // A field's own problem says it in the rater's words; the generic "请求参数不正确" would only confuse.
    if (problems.length && error.id === 'request.invalid') return problems.join('；');
    return problems.length ? error.message + '（' + problems.join('；') + '）' : error.message;
  }

  function thank(answer) {
    form.hidden = true;
    var overall = form.querySelector('input[name=scope][value=theme]:checked');
    var batch = $('batch-note');
    $('thanks-text').textContent = (overall
      ? '您的总体评价适用于本次“一件事”的全部 ' + overall.getAttribute('data-items') + ' 个关联事项。'
      : '') + (batch
      ? '您的评价适用于本批次的全部 ' + batch.getAttribute('data-items') + ' 件办件。'
      : '') + (chosenBad
      ? '您的意见已转交责任单位核实整改，处理结果将反馈给您。'
      : '您的评价已记录，我们将持续改进政务服务。');
    // A 差评 opened a case: the rater keeps the link to its answers (the rating's id is theirs alone).
    if (answer && answer.caseId) {
      $('answer-href').setAttribute('href', '/rate/answer?id=' + encodeURIComponent(answer.id));
      $('answer-link').hidden = false;
    }
    $('thanks').hidden = false;
    window.scrollTo(0, 0);
  }

  // On a stalled connection the rater is not left waiting without a word: after this long the attempt is
  // given up, and the page says how to find out whether it arrived.
  var SUBMIT_TIMEOUT_MS = 20000;
  var UNKNOWN = '网络较慢，未能确认评价是否提交成功。请稍后再次点击“提交评价”：已提交的评价不会重复记录。';
  var LOST = '网络异常，未能确认评价是否提交成功。请检查网络后再次点击“提交评价”：已提交的评价不会重复记录。';

  function lacksContent() {
    return chosenBad && !form.querySelector('input[name=tag]:checked') && !$('text').value.trim();
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!chosen) { showError('请先选择总体评价（非常满意至非常不满意）。'); return; }
    if (lacksContent()) { showError(form.getAttribute('data-needs-content')); $('text').focus(); return; }
    submit.disabled = true;
    submit.textContent = '正在提交…';
    showError('');
    var needsContent = false;
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var settled = false;
    var timer = setTimeout(function () {
      if (settled) return;
      settled = true;
      if (controller) controller.abort();
      showError(UNKNOWN);
      submit.disabled = false;
      submit.textContent = '提交评价';
    }, SUBMIT_TIMEOUT_MS);
    fetch('/api/evaluations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body()),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (settled) return;
        if (response.ok) thank(answer);
        else {
          showError(messageOf(answer));
          needsContent = Boolean(answer && answer.error && answer.error.id === 'evaluation.bad_review_needs_content');
        }
      });
    }).catch(function () {
      if (!settled) showError(LOST);
    }).then(function () {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      submit.disabled = false;
      submit.textContent = '提交评价';
      // The button had the focus and was disabled: the rater is taken to what to mend.
      if (needsContent) $('text').focus();
    });
  });
})();
`;
