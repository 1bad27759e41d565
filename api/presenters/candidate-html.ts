// The candidate's pages as plain HTML (no front-end build): the interview shell (its script fills
// in the live state from the JSON endpoints under the token), the printable result with the
// candidate's view of their assessment, and a clear page for an invalid or expired link. Every
// value is HTML-escaped.
import { PAGE_TEXT, fill, type PageLang, type PageText } from './candidate-page-text';
import type { CandidateReport } from './candidate-report';
import type { InterviewPage } from './interview-page';
import type { ResultPage } from './result-page';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** JSON inside <script type="application/json">: `<` escaped so no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function formatTime(iso: string | null | undefined, lang: PageLang): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }) + (lang === 'zh' ? '（北京时间）' : ' (Beijing time)');
}

export function formatSpan(span: { amount: number; unit: string }, t: PageText): string {
  const template = (t as unknown as Record<string, string>)[span.unit] ?? t.calendarDays;
  return fill(template, { n: span.amount });
}

/** The shell every candidate page shares: mobile viewport, one stylesheet, the language switch. */
function layout(lang: PageLang, title: string, body: string, opts: { script?: boolean; data?: unknown } = {}): string {
  const t = PAGE_TEXT[lang];
  const other = lang === 'zh' ? 'en' : 'zh';
  return `<!doctype html>
<html lang="${t.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="../assets/candidate-page.css">
</head>
<body>
<main class="card">
<nav class="lang"><a id="lang-switch" href="?lang=${other}" hreflang="${other}">${escapeHtml(t.switchTo)}</a></nav>
${body}
</main>
${opts.data !== undefined ? `<script type="application/json" id="page-data">${scriptJson(opts.data)}</script>` : ''}
${opts.script ? '<script src="../assets/candidate-page.js"></script>' : ''}
</body>
</html>
`;
}

export function renderInterviewHtml(page: InterviewPage, lang: PageLang): string {
  const t = PAGE_TEXT[lang];
  const p = (text: string) => `<p>${escapeHtml(text)}</p>`;
  const doneNext = page.answerBy ? fill(t.doneNextBy, { time: formatTime(page.answerBy, lang) }) : fill(t.doneNext, { within: formatSpan(page.hearBackWithin, t) });
  const body = `
<h1 id="job-title">${escapeHtml(page.jobTitle ?? t.interviewTitle)}</h1>
<p id="status" class="status" role="status" aria-live="polite"></p>
<section id="loading"><p>${escapeHtml(t.loading)}</p></section>
<section id="consent" hidden>
  <h2>${escapeHtml(t.consentTitle)}</h2>
  ${p(t.consentWhat)}
  ${p(fill(t.consentWho, { tenant: page.tenantName ?? '' }))}
  ${p(page.scoring === 'llm' ? t.consentHowLlm : t.consentHowRules)}
  ${p(fill(t.consentRetention, { days: page.retentionDays }))}
  <p class="right">${escapeHtml(t.consentRight)}</p>
  ${page.notes ? `<p class="notes"><strong>${escapeHtml(t.notes)}</strong> ${escapeHtml(page.notes)}</p>` : ''}
  ${page.expiresAt ? p(fill(t.expiresAt, { time: formatTime(page.expiresAt, lang) })) : ''}
  <button type="button" id="agree">${escapeHtml(t.consentAgree)}</button>
  <button type="button" id="decline" class="secondary">${escapeHtml(t.consentDecline)}</button>
</section>
<section id="question" hidden>
  <p id="q-progress" class="muted"></p>
  <div class="bar" aria-hidden="true"><div id="q-bar"></div></div>
  <p id="q-followup" class="tag" hidden>${escapeHtml(t.followUp)}</p>
  <h2 id="q-text"></h2>
  <label for="answer">${escapeHtml(t.answerLabel)}</label>
  <textarea id="answer" rows="7" autocomplete="off"></textarea>
  <p id="counter" class="muted" aria-live="polite"></p>
  <p id="q-error" class="error" role="alert"></p>
  <button type="button" id="submit">${escapeHtml(t.submit)}</button>
</section>
<section id="done" hidden>
  <h2>${escapeHtml(t.doneTitle)}</h2>
  <p id="done-next">${escapeHtml(doneNext)}</p>
  <p id="done-human" hidden>${escapeHtml(t.doneHuman)}</p>
  ${p(t.doneLookup)}
</section>
<section id="expired" hidden><h2>${escapeHtml(t.expiredTitle)}</h2>${p(t.expiredBody)}</section>
<section id="closed" hidden><h2>${escapeHtml(t.closedTitle)}</h2>${p(t.closedBody)}</section>
<noscript><p class="error">${escapeHtml(t.noScript)}</p></noscript>`;
  const text = { lang, ...pick(t, ['questionOf', 'counter', 'tooLong', 'empty', 'submit', 'submitting', 'resumed', 'errorGeneric', 'errorNetwork']) };
  return layout(lang, page.jobTitle ?? t.interviewTitle, body, { script: true, data: { text, page } });
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}

export function renderResultHtml(result: ResultPage, report: CandidateReport | undefined, lang: PageLang): string {
  const t = PAGE_TEXT[lang];
  const row = (label: string, value: string) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
  const materials = result.onboarding?.missingMaterials.map((m) => t.materials[m] ?? m).join(lang === 'zh' ? '、' : ', ');
  const facts = [
    row(t.resultStatus, result.result),
    result.answerBy ? row(t.resultAnswerBy, formatTime(result.answerBy, lang)) : '',
    result.onboarding?.deadline ? row(t.resultDeadline, formatTime(result.onboarding.deadline, lang)) : '',
    materials ? row(t.resultMissing, materials) : '',
  ].join('');
  const body = `
<h1>${escapeHtml(result.jobTitle ?? t.resultTitle)}</h1>
<table class="facts">${facts}</table>
<section id="report">
  <h2>${escapeHtml(t.reportTitle)}</h2>
  ${report ? reportHtml(report, t) : `<p class="muted">${escapeHtml(t.reportNone)}</p>`}
</section>
${report ? `<button type="button" id="print" class="no-print">${escapeHtml(t.print)}</button>` : ''}`;
  return layout(lang, `${t.resultTitle} · ${result.jobTitle ?? ''}`, body, { script: Boolean(report) });
}

/** Only what the report view holds is rendered: it already left out what the candidate may not see. */
function reportHtml(r: CandidateReport, t: PageText): string {
  const list = (id: string, title: string, items: string[]) =>
    items.length ? `<h3>${escapeHtml(title)}</h3><ul id="${id}">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : '';
  const notice =
    r.disclosure === 'withheld' ? (r.awaitingDecision ? t.reportWithheld : null) : r.disclosure === 'none' && !r.aiScoringDeclined ? t.reportOnlyAnswers : t.reportNotice;
  const scorer = r.aiScoringDeclined
    ? t.reportHuman
    : !r.scorer
      ? null
      : r.scorer.kind === 'none'
        ? t.reportScorerNone
        : r.scorer.kind === 'llm'
          ? fill(t.reportScorerLlm, { model: r.scorer.model })
          : t.reportScorerRules;
  const dims = r.dimensions.length
    ? `<h3>${escapeHtml(t.reportDimensions)}</h3><table class="scores" id="scores">${r.dimensions
        .map((d) => `<tr><th>${escapeHtml(d.label)}</th><td>${escapeHtml(d.score)}</td><td>${d.evidence.map((e) => `<q>${escapeHtml(e)}</q>`).join(' ')}</td></tr>`)
        .join('')}</table>`
    : '';
  const transcript = r.transcript
    .map((item) => `<li><p class="q">${escapeHtml(item.question)}</p><p>${escapeHtml(item.answer)}</p><p class="muted">${escapeHtml(fill(t.reportSeconds, { n: item.secondsTaken }))}</p></li>`)
    .join('');
  return `${notice ? `<p class="muted" id="report-notice">${escapeHtml(notice)}</p>` : ''}
  ${scorer ? `<p id="scorer">${escapeHtml(scorer)}</p>` : ''}
  ${dims}
  ${list('strengths', t.reportStrengths, r.strengths)}${list('weaknesses', t.reportWeaknesses, r.weaknesses)}
  ${r.summary ? `<h3>${escapeHtml(t.reportSummary)}</h3><p id="summary">${escapeHtml(r.summary)}</p>` : ''}
  <h3>${escapeHtml(t.reportTranscript)}</h3><ol class="transcript">${transcript}</ol>`;
}

export function renderLinkErrorHtml(kind: 'invalid' | 'expired' | 'error', lang: PageLang): string {
  const t = PAGE_TEXT[lang];
  const [title, body] = kind === 'expired' ? [t.linkExpiredTitle, t.linkExpiredBody] : kind === 'invalid' ? [t.linkInvalidTitle, t.linkInvalidBody] : [t.errorGeneric, ''];
  return layout(lang, title, `<h1>${escapeHtml(title)}</h1>${body ? `<p>${escapeHtml(body)}</p>` : ''}`);
}
