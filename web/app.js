// The local Web Chat page: asks this server for a Direct Line token bound to the chosen user id,
// renders Bot Framework Web Chat in the chosen language, and tells the bot which language was picked.
(function () {
  'use strict';
  var labels = {
    'en-US': { language: 'Language', userId: 'User id', start: 'Start a new chat', connecting: 'Connecting…', connected: 'Connected as ', failed: 'Could not start the chat: ', invalidUser: 'A user id is 1–64 letters, digits or _ . @ : -' },
    'zh-CN': { language: '语言', userId: '用户 ID', start: '开始新的对话', connecting: '正在连接…', connected: '已连接，用户 ', failed: '无法开始对话：', invalidUser: '用户 ID 为 1–64 个字母、数字或 _ . @ : -' },
  };
  var form = document.getElementById('start-form');
  var localeSelect = document.getElementById('locale');
  var userInput = document.getElementById('user-id');
  var status = document.getElementById('status');
  var host = document.getElementById('webchat');
  var params = new URLSearchParams(window.location.search);
  // The page's Content-Security-Policy admits only styles with this nonce; Web Chat adds it to the styles it injects.
  var styleNonce = document.currentScript ? document.currentScript.nonce : undefined;

  function pickLocale() {
    var wanted = params.get('locale') || localStorage.getItem('warmline.locale') || (navigator.language || 'en-US');
    return /^zh/i.test(wanted) ? 'zh-CN' : 'en-US';
  }
  function newUserId() {
    return 'dl_' + Math.random().toString(36).slice(2, 12);
  }
  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }
  function translate(locale) {
    document.documentElement.lang = locale === 'zh-CN' ? 'zh-Hans' : 'en';
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (el) {
      el.textContent = labels[locale][el.getAttribute('data-i18n')];
    });
  }

  function requestToken(locale, userId, csrfToken) {
    var headers = { 'Content-Type': 'application/json' };
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    return fetch('/api/webchat/token', {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers,
      body: JSON.stringify({ userId: userId, locale: locale, agentCode: params.get('code') || undefined }),
    });
  }
  // An agent's user id is given to that agent's account: signed in at /studio/ in this browser, the
  // session (cookie) proves it, with its CSRF token from /api/auth/me.
  async function studioCsrfToken() {
    var me = await fetch('/api/auth/me', { credentials: 'same-origin' }).catch(function () { return undefined; });
    if (!me || !me.ok) return undefined;
    var session = await me.json().catch(function () { return {}; });
    return typeof session.csrfToken === 'string' ? session.csrfToken : undefined;
  }

  async function start(locale, userId) {
    var text = labels[locale];
    say(text.connecting, false);
    var response = await requestToken(locale, userId);
    if (response.status === 403) {
      var csrfToken = await studioCsrfToken();
      if (csrfToken) response = await requestToken(locale, userId, csrfToken);
    }
    var body = await response.json().catch(function () { return {}; });
    if (!response.ok) throw new Error(body.message || response.statusText);
    var directLine = window.WebChat.createDirectLine({ token: body.token, domain: body.domain, webSocket: true });
    var store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            // The greeting waits for this event, so it arrives in the language picked here.
            setTimeout(function () {
              store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { locale: locale } } });
            }, 0);
            say(text.connected + body.userId, false);
          }
          return next(action);
        };
      };
    });
    host.innerHTML = '';
    window.WebChat.renderWebChat(
      { directLine: directLine, store: store, userID: body.userId, username: body.userId, locale: locale, nonce: styleNonce, sendTypingIndicator: true, styleOptions: { hideUploadButton: true, rootHeight: '100%' } },
      host,
    );
  }

  var locale = pickLocale();
  localeSelect.value = locale;
  userInput.value = params.get('user') || localStorage.getItem('warmline.userId') || newUserId();
  translate(locale);
  localeSelect.addEventListener('change', function () { translate(localeSelect.value); });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var chosen = localeSelect.value === 'zh-CN' ? 'zh-CN' : 'en-US';
    var userId = userInput.value.trim();
    if (!/^[A-Za-z0-9_.@:-]{1,64}$/.test(userId)) {
      say(labels[chosen].invalidUser, true);
      return;
    }
    localStorage.setItem('warmline.locale', chosen);
    localStorage.setItem('warmline.userId', userId);
    start(chosen, userId).catch(function (err) { say(labels[chosen].failed + err.message, true); });
  });
  if (params.get('autostart') !== '0') form.requestSubmit();
})();
