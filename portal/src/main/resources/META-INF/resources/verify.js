'use strict';
// "Kiểm tra chữ ký": a recipient drops a signed file; the portal relays it to signing-service's public validation and
// shows each signature's ETSI EN 319 102-1 outcome in Vietnamese or English. Nothing is stored; no sign-in needed.

const STRINGS = {
  vi: {
    'lang.other': 'English', title: 'Kiểm tra chữ ký',
    intro: 'Chọn hoặc thả một tệp đã ký (PDF, XML, chữ ký CMS .p7s). Tệp chỉ được dùng để kiểm tra, không được lưu.',
    document: 'Tệp đã ký', detached: 'Nội dung được ký (chỉ với chữ ký tách rời)', submit: 'Kiểm tra',
    checking: 'Đang kiểm tra…', 'report.simple': 'Báo cáo tóm tắt', 'report.detailed': 'Báo cáo chi tiết',
    'report.etsi': 'Báo cáo ETSI', 'need.file': 'Hãy chọn một tệp đã ký.', 'too.large': 'Tệp lớn hơn 8 MiB.',
    summary: '{valid}/{count} chữ ký hợp lệ', signature: 'Chữ ký {n}',
    TOTAL_PASSED: 'Hợp lệ', INDETERMINATE: 'Chưa xác định được', TOTAL_FAILED: 'Không hợp lệ',
    'f.signedBy': 'Người ký', 'f.format': 'Định dạng', 'f.claimed': 'Thời điểm ký (theo người ký)',
    'f.proven': 'Thời điểm ký (được chứng minh)', 'f.anchor': 'Chứng thư gốc tin cậy', 'f.reason': 'Lý do',
    'f.none': 'Không có', 'f.errors': 'Lỗi', 'f.warnings': 'Cảnh báo',
    HASH_FAILURE: 'Nội dung đã bị thay đổi sau khi ký', SIG_CRYPTO_FAILURE: 'Chữ ký không khớp với chứng thư',
    REVOKED: 'Chứng thư đã bị thu hồi trước khi ký', REVOKED_NO_POE: 'Chứng thư đã bị thu hồi và không có bằng chứng chữ ký có trước đó',
    NO_CERTIFICATE_CHAIN_FOUND: 'Chứng thư không thuộc một tổ chức chứng thực tin cậy',
    NO_SIGNING_CERTIFICATE_FOUND: 'Không tìm thấy chứng thư của người ký',
    CERTIFICATE_CHAIN_GENERAL_FAILURE: 'Không kiểm tra được trạng thái chứng thư (thiếu dữ liệu thu hồi)',
    TRY_LATER: 'Chưa có dữ liệu thu hồi, hãy thử lại sau', OUT_OF_BOUNDS_NO_POE: 'Chứng thư đã hết hạn hoặc chưa có hiệu lực',
    FORMAT_FAILURE: 'Định dạng chữ ký không đúng', EXPIRED: 'Chứng thư đã hết hạn khi ký'
  },
  en: {
    'lang.other': 'Tiếng Việt', title: 'Check a signature',
    intro: 'Choose or drop a signed file (PDF, XML, CMS signature .p7s). It is used for the check only and not kept.',
    document: 'Signed file', detached: 'Signed content (detached signatures only)', submit: 'Check',
    checking: 'Checking…', 'report.simple': 'Simple report', 'report.detailed': 'Detailed report',
    'report.etsi': 'ETSI report', 'need.file': 'Choose a signed file.', 'too.large': 'The file is larger than 8 MiB.',
    summary: '{valid} of {count} signatures valid', signature: 'Signature {n}',
    TOTAL_PASSED: 'Valid', INDETERMINATE: 'Indeterminate', TOTAL_FAILED: 'Not valid',
    'f.signedBy': 'Signed by', 'f.format': 'Format', 'f.claimed': 'Signing time (as claimed)',
    'f.proven': 'Signing time (proven)', 'f.anchor': 'Trust anchor', 'f.reason': 'Reason',
    'f.none': 'None', 'f.errors': 'Errors', 'f.warnings': 'Warnings',
    HASH_FAILURE: 'The content was changed after signing', SIG_CRYPTO_FAILURE: 'The signature does not match the certificate',
    REVOKED: 'The certificate was revoked before signing', REVOKED_NO_POE: 'The certificate is revoked and nothing proves the signature came first',
    NO_CERTIFICATE_CHAIN_FOUND: 'The certificate is not from a trusted certification authority',
    NO_SIGNING_CERTIFICATE_FOUND: 'The signer\'s certificate was not found',
    CERTIFICATE_CHAIN_GENERAL_FAILURE: 'The certificate\'s status cannot be checked (no revocation data)',
    TRY_LATER: 'No revocation data yet; try again later', OUT_OF_BOUNDS_NO_POE: 'The certificate is expired or not yet valid',
    FORMAT_FAILURE: 'The signature\'s format is wrong', EXPIRED: 'The certificate had expired when signing'
  }
};
const MAX_BYTES = 8 * 1024 * 1024;
let lang = localStorage.getItem('kyso.lang') === 'en' ? 'en' : 'vi';
let csrf = null;
let last = null;
const $ = (id) => document.getElementById(id);

function t(key, values) {
  let text = STRINGS[lang][key] || STRINGS.vi[key] || key;
  Object.entries(values || {}).forEach(([k, v]) => { text = text.replace('{' + k + '}', v); });
  return text;
}

function translate() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
  $('lang').textContent = t('lang.other');
  // Its name is what it shows (WCAG 2.5.3), spoken in the language it names.
  $('lang').lang = lang === 'vi' ? 'en' : 'vi';
  if (last) {
    show(last);
  }
}

function base64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') : t('f.none');
}

function show(outcome) {
  $('summary').textContent = t('summary', { valid: outcome.validSignaturesCount, count: outcome.signaturesCount });
  const list = $('signatures');
  list.replaceChildren();
  outcome.signatures.forEach((s, i) => {
    const card = document.createElement('div');
    card.className = 'transaction signature ' + s.indication.toLowerCase();
    const head = document.createElement('h2');
    head.textContent = t('signature', { n: i + 1 }) + ': ' + t(s.indication);
    head.className = 'indication';
    head.dataset.indication = s.indication;
    card.append(head);
    if (s.subIndication) {
      const why = document.createElement('p');
      why.className = 'why';
      why.dataset.subIndication = s.subIndication;
      why.textContent = t(s.subIndication) + ' (' + s.subIndication + ')';
      card.append(why);
    }
    const facts = document.createElement('dl');
    facts.className = 'facts';
    [['f.signedBy', s.signedBy || t('f.none')], ['f.format', (s.format || '') + ' ' + (s.level || '')],
      ['f.claimed', when(s.claimedSigningTime)], ['f.proven', when(s.provenSigningTime)],
      ['f.anchor', s.trustAnchor || t('f.none')],
      ['f.errors', (s.errors || []).join('; ') || t('f.none')]].forEach(([k, v]) => {
      const dt = document.createElement('dt');
      dt.textContent = t(k);
      const dd = document.createElement('dd');
      dd.textContent = v;
      facts.append(dt, dd);
    });
    card.append(facts);
    list.append(card);
  });
  $('result').hidden = false;
}

function download(kind) {
  if (!last || !last.reports) {
    return;
  }
  const blob = new Blob([last.reports[kind]], { type: 'application/xml' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'kyso-' + kind + '-report.xml';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function verify(event) {
  event.preventDefault();
  const error = $('verify-error');
  error.hidden = true;
  const file = $('document').files[0];
  const detached = $('detached').files[0];
  if (!file) {
    error.textContent = t('need.file');
    error.hidden = false;
    return;
  }
  if (file.size > MAX_BYTES || (detached && detached.size > MAX_BYTES)) {
    error.textContent = t('too.large');
    error.hidden = false;
    return;
  }
  const submit = $('verify-submit');
  submit.disabled = true;
  submit.textContent = t('checking');
  try {
    const body = { document: await base64(file), name: file.name, reports: true };
    if (detached) {
      body.detachedContents = [{ content: await base64(detached), name: detached.name }];
    }
    const response = await fetch('/bff/validations', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body)
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      error.textContent = answer.detail || answer.title || ('HTTP ' + response.status);
      error.hidden = false;
      $('result').hidden = true;
      return;
    }
    last = answer;
    show(answer);
  } finally {
    submit.disabled = false;
    submit.textContent = t('submit');
  }
}

async function start() {
  const session = await fetch('/bff/session', { credentials: 'same-origin' }).then((r) => r.json());
  csrf = session.csrfToken;
  $('lang').addEventListener('click', () => {
    lang = lang === 'vi' ? 'en' : 'vi';
    localStorage.setItem('kyso.lang', lang);
    translate();
  });
  $('verify-form').addEventListener('submit', verify);
  ['simple', 'detailed', 'etsi'].forEach((k) => $('report-' + k).addEventListener('click', () => download(k)));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) {
      $('document').files = e.dataTransfer.files;
    }
  });
  translate();
}

start();
