// The stylesheet and script of the candidate's pages, served from /assets/ (same origin, so the
// Content-Security-Policy can forbid inline code). Kept as strings so the compiled API ships them.

export const CANDIDATE_PAGE_CSS = `
:root { color-scheme: light; --accent: #1f6feb; --muted: #5b6470; --error: #b42318; }
* { box-sizing: border-box; }
/* The pages show and hide their steps with the hidden attribute; a class that sets display (such as
   .tag) would otherwise win over the browser's own [hidden] rule and show what should be hidden. */
[hidden] { display: none !important; }
body { margin: 0; background: #f4f6f8; font: 16px/1.6 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1d2329; }
.card { max-width: 40rem; margin: 0 auto; padding: 1rem 1.1rem 2rem; background: #fff; min-height: 100vh; }
h1 { font-size: 1.3rem; margin: .4rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1rem 0 .6rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.lang { text-align: right; font-size: .9rem; }
.lang a { color: var(--accent); }
.muted { color: var(--muted); font-size: .9rem; }
.status { color: var(--accent); min-height: 1em; margin: 0; }
.right { background: #fff8e6; border-left: 4px solid #f0b429; padding: .5rem .7rem; }
.notes { background: #eef4ff; padding: .5rem .7rem; }
.error { color: var(--error); min-height: 1em; }
.tag { display: inline-block; background: #eef4ff; color: var(--accent); padding: 0 .5rem; border-radius: .3rem; font-size: .85rem; }
button { display: block; width: 100%; margin: .7rem 0; padding: .85rem 1rem; font-size: 1rem; border: 0; border-radius: .5rem; background: var(--accent); color: #fff; }
button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
button:disabled { opacity: .6; }
label { display: block; font-weight: 600; margin-top: .6rem; }
textarea { width: 100%; font: inherit; padding: .6rem; border: 1px solid #c7ccd1; border-radius: .5rem; resize: vertical; }
.bar { height: .4rem; background: #e6e9ec; border-radius: .2rem; overflow: hidden; }
.bar > div { height: 100%; width: 0; background: var(--accent); transition: width .3s; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { text-align: left; vertical-align: top; padding: .35rem .4rem; border-bottom: 1px solid #e6e9ec; }
q { display: block; color: var(--muted); }
.transcript li { margin-bottom: .8rem; }
.transcript .q { font-weight: 600; margin-bottom: .2rem; }
@media print {
  body { background: #fff; }
  .card { max-width: none; min-height: 0; padding: 0; }
  .lang, .no-print, button { display: none !important; }
}
`;

export const CANDIDATE_PAGE_JS = `
(function () {
  'use strict';
  var printButton = document.getElementById('print');
  if (printButton) printButton.addEventListener('click', function () { window.print(); });
  var dataNode = document.getElementById('page-data');
  if (!dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var T = data.text;
  var base = location.pathname.replace(/\\/$/, '');
  var sections = ['loading', 'consent', 'question', 'done', 'expired', 'closed'];
  var current = null;
  var busy = false;
  var declined = Boolean(data.page.aiScoringDeclined);
  function $(id) { return document.getElementById(id); }
  function fill(t, v) { return t.replace(/\\{(\\w+)\\}/g, function (m, k) { return k in v ? String(v[k]) : m; }); }
  function show(id) { sections.forEach(function (s) { $(s).hidden = s !== id; }); }
  function chars(text) { return Array.from(text.trim()).length; }
  function draftKey() { return current ? 'hirebridge-draft:' + base + ':' + current.id : null; }
  function status(text) { $('status').textContent = text || ''; }

  function call(method, path, body) {
    return fetch(base + path, {
      method: method,
      headers: body ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit',
      cache: 'no-store',
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) { return { status: res.status, body: json }; });
    });
  }

  function showQuestion(progress) {
    current = progress.nextQuestion;
    $('q-progress').textContent = fill(T.questionOf, { n: progress.answered + 1, total: progress.total });
    $('q-bar').style.width = Math.round((progress.answered / Math.max(1, progress.total)) * 100) + '%';
    $('q-followup').hidden = !current.followUpOf;
    $('q-text').textContent = current.text;
    var box = $('answer');
    box.value = localStorage.getItem(draftKey()) || '';
    $('q-error').textContent = '';
    updateCounter();
    show('question');
    box.focus();
  }

  function updateCounter() {
    if (!current) return;
    var n = chars($('answer').value);
    $('counter').textContent = fill(T.counter, { count: n, max: current.maxChars });
    $('counter').className = n > current.maxChars ? 'error' : 'muted';
    try { localStorage.setItem(draftKey(), $('answer').value); } catch (e) { /* private mode */ }
  }

  function showProgress(progress) {
    if (progress.nextQuestion) return showQuestion(progress);
    if (progress.preparingFollowUp) { setTimeout(load, 1000); return; }
    $('done-human').hidden = !declined;
    show('done');
  }

  function render(page) {
    if (page.stage === 'INTERVIEW_EXPIRED') return show('expired');
    declined = Boolean(page.aiScoringDeclined);
    if (page.finished) { $('done-human').hidden = !declined; return show('done'); }
    if (page.stage !== 'INTERVIEW_INVITED' && page.stage !== 'INTERVIEWING') return show('closed');
    if (!page.started) return show('consent');
    if (page.progress.answered > 0) status(T.resumed);
    showProgress(page.progress);
  }

  function load() {
    return call('GET', '').then(function (r) {
      if (r.status !== 200) { status(T.errorGeneric); return; }
      render(r.body);
    }, function () { status(T.errorNetwork); });
  }

  function onRejected(r) {
    var code = r.body && r.body.error ? r.body.error.code : '';
    if (code === 'InterviewExpired' || code === 'LinkExpired') return show('expired');
    if (code === 'WrongQuestion' || code === 'InterviewComplete' || code === 'FollowUpPending') return load();
    if (code === 'InterviewNotOpen' || code === 'CandidateClosed') return load();
    if (code === 'AnswerTooLong' && current) { $('q-error').textContent = fill(T.tooLong, { max: current.maxChars }); return; }
    if (code === 'EmptyAnswer') { $('q-error').textContent = T.empty; return; }
    $('q-error').textContent = T.errorGeneric;
    status(T.errorGeneric);
  }

  function start(consent) {
    if (busy) return;
    busy = true;
    $('agree').disabled = $('decline').disabled = true;
    call('POST', '/start', { consentToAiScoring: consent }).then(function (r) {
      busy = false;
      $('agree').disabled = $('decline').disabled = false;
      if (r.status === 200) { declined = !consent; return showProgress(r.body); }
      onRejected(r);
    }, function () { busy = false; $('agree').disabled = $('decline').disabled = false; status(T.errorNetwork); });
  }

  function submit() {
    if (busy || !current) return;
    var text = $('answer').value.trim();
    if (!text) { $('q-error').textContent = T.empty; return; }
    if (chars(text) > current.maxChars) { $('q-error').textContent = fill(T.tooLong, { max: current.maxChars }); return; }
    busy = true;
    var button = $('submit');
    button.disabled = true;
    button.textContent = T.submitting;
    var key = draftKey();
    call('POST', '/answers', { questionId: current.id, answer: text }).then(function (r) {
      busy = false;
      button.disabled = false;
      button.textContent = T.submit;
      if (r.status === 200) {
        try { localStorage.removeItem(key); } catch (e) { /* private mode */ }
        status('');
        return showProgress(r.body);
      }
      onRejected(r);
    }, function () {
      // The answer stays in the box (and the draft): nothing the candidate typed is lost.
      busy = false;
      button.disabled = false;
      button.textContent = T.submit;
      $('q-error').textContent = T.errorNetwork;
    });
  }

  $('agree').addEventListener('click', function () { start(true); });
  $('decline').addEventListener('click', function () { start(false); });
  $('submit').addEventListener('click', submit);
  $('answer').addEventListener('input', updateCounter);
  render(data.page);
})();
`;
