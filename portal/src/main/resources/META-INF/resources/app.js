'use strict';
// The subscriber app: talks only to the portal's /bff endpoints; the session lives in an HttpOnly cookie.
const STRINGS = {
  vi: {
    'login.title': 'Đăng nhập', 'login.identifier': 'Số CCCD / Hộ chiếu / MST', 'login.password': 'Mật khẩu',
    'login.submit': 'Đăng nhập', 'login.failed': 'Sai số định danh hoặc mật khẩu.',
    'home.title': 'Tài khoản', 'home.signedIn': 'Bạn đã đăng nhập.', 'home.logout': 'Đăng xuất',
    'error.network': 'Không kết nối được máy chủ. Vui lòng thử lại.', 'lang.other': 'English'
  },
  en: {
    'login.title': 'Sign in', 'login.identifier': 'Citizen ID / Passport / Tax code', 'login.password': 'Password',
    'login.submit': 'Sign in', 'login.failed': 'Wrong identifier or password.',
    'home.title': 'Account', 'home.signedIn': 'You are signed in.', 'home.logout': 'Sign out',
    'error.network': 'The server cannot be reached. Please try again.', 'lang.other': 'Tiếng Việt'
  }
};
let lang = localStorage.getItem('kyso.lang') === 'en' ? 'en' : 'vi';
let csrf = null;

function t(key) { return STRINGS[lang][key] || key; }

function translate() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  document.getElementById('lang').textContent = t('lang.other');
}

async function bff(method, path, body) {
  const response = await fetch('/bff/' + path, {
    method, credentials: 'same-origin',
    headers: Object.assign({ 'Accept': 'application/json' },
      body === undefined ? {} : { 'Content-Type': 'application/json' },
      method === 'GET' ? {} : { 'X-CSRF-Token': csrf }),
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function show(id) {
  document.querySelectorAll('main > section').forEach(s => { s.hidden = s.id !== id; });
  const heading = document.querySelector('#' + id + ' h1');
  if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
}

async function start() {
  translate();
  const session = await bff('GET', 'session');
  csrf = session.body.csrfToken;
  show(session.body.authenticated ? 'home' : 'login');
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem('kyso.lang', lang);
  translate();
});

document.getElementById('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.hidden = true;
  try {
    const answer = await bff('POST', 'login', {
      identifier: document.getElementById('identifier').value.trim(),
      password: document.getElementById('password').value
    });
    if (answer.status === 200) {
      document.getElementById('password').value = '';
      show('home');
      return;
    }
    error.textContent = answer.status === 401 ? t('login.failed') : (answer.body && answer.body.detail) || t('login.failed');
  } catch (e) {
    error.textContent = t('error.network');
  }
  error.hidden = false;
});

document.getElementById('logout').addEventListener('click', async () => {
  await bff('POST', 'logout');
  show('login');
});

start();
