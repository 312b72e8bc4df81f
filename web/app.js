// The local Web Chat page: asks this server for a Direct Line token bound to the chosen user id,
// renders Bot Framework Web Chat in the chosen language, and tells the bot which language was picked.
// A reload resumes the same conversation (its id and resume key are kept in sessionStorage), with its
// history; "Start a new chat" while a person is on the way or with the customer asks first, and the
// new chat names the one it replaces so the person stays with the customer (docs/HANDOFF.md).
(function () {
  'use strict';
  var labels = {
    'en-US': {
      language: 'Language', userId: 'User id', start: 'Start a new chat', connecting: 'Connecting…', connected: 'Connected as ', resumed: 'Reconnected as ', failed: 'Could not start the chat: ', invalidUser: 'A user id is 1–64 letters, digits or _ . @ : -',
      confirmNew: 'A person from our team is with you or on the way. Start a new chat anyway? They will stay with you in the new chat; the messages on this page will be cleared.',
    },
    'zh-CN': {
      language: '语言', userId: '用户 ID', start: '开始新的对话', connecting: '正在连接…', connected: '已连接，用户 ', resumed: '已重新连接，用户 ', failed: '无法开始对话：', invalidUser: '用户 ID 为 1–64 个字母、数字或 _ . @ : -',
      confirmNew: '人工客服正在为您服务或即将接入。仍要开始新的对话吗？客服会在新对话中继续为您服务，本页面上的消息将被清空。',
    },
  };
  // The conversation of this tab: { userId, conversationId, key } (the key proves the server gave it to this page).
  var chatKey = 'warmline.chat';
  /** The chat on screen, or undefined before the first one. */
  var current;
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

  function savedChat() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(chatKey) || 'null');
      return saved && typeof saved.userId === 'string' && typeof saved.conversationId === 'string' && typeof saved.key === 'string' ? saved : undefined;
    } catch {
      return undefined;
    }
  }
  function requestToken(locale, userId, csrfToken, resume) {
    var headers = { 'Content-Type': 'application/json' };
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    return fetch('/api/webchat/token', {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers,
      body: JSON.stringify({ userId: userId, locale: locale, agentCode: params.get('code') || undefined, resume: resume ? { conversationId: resume.conversationId, key: resume.key } : undefined }),
    });
  }
  // 'waiting' or 'assigned' while a person is on the way or with the customer of `chat`, else null.
  async function withPerson(chat) {
    var response = await fetch('/api/webchat/handoff', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: chat.userId, conversationId: chat.conversationId, key: chat.key }),
    });
    if (!response.ok) throw new Error(response.statusText);
    return (await response.json()).withPerson || null;
  }
  // An agent's user id is given to that agent's account: signed in at /studio/ in this browser, the
  // session (cookie) proves it, with its CSRF token from /api/auth/me.
  async function studioCsrfToken() {
    var me = await fetch('/api/auth/me', { credentials: 'same-origin' }).catch(function () { return undefined; });
    if (!me || !me.ok) return undefined;
    var session = await me.json().catch(function () { return {}; });
    return typeof session.csrfToken === 'string' ? session.csrfToken : undefined;
  }

  // Starts a chat: `how.resume` is the saved chat to resume, `how.continues` the conversation a new chat replaces.
  async function start(locale, userId, how) {
    var text = labels[locale];
    say(text.connecting, false);
    var response = await requestToken(locale, userId, undefined, how.resume);
    if (response.status === 403) {
      var csrfToken = await studioCsrfToken();
      if (csrfToken) response = await requestToken(locale, userId, csrfToken, how.resume);
    }
    var body = await response.json().catch(function () { return {}; });
    if (!response.ok) throw new Error(body.message || response.statusText);
    var resumed = body.resumed === true;
    if (current) current.directLine.end();
    current = { userId: body.userId, conversationId: body.conversationId, key: body.resumeKey };
    if (body.resumeKey) window.sessionStorage.setItem(chatKey, JSON.stringify(current));
    else window.sessionStorage.removeItem(chatKey);
    // A resumed conversation is read again from its first stored activity, so the history shows.
    var directLine = window.WebChat.createDirectLine(
      resumed
        ? { token: body.token, domain: body.domain, webSocket: true, conversationId: body.conversationId, watermark: '0' }
        : { token: body.token, domain: body.domain, webSocket: true },
    );
    current.directLine = directLine;
    var join = { locale: locale };
    if (how.continues) join.continues = how.continues;
    var store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            // The greeting waits for this event, so it arrives in the language picked here.
            setTimeout(function () {
              store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: join } });
            }, 0);
            say((resumed ? text.resumed : text.connected) + body.userId, false);
          }
          return next(action);
        };
      };
    });
    // A fresh element per chat: rendering again into the same one would update the old chat's React tree.
    var mount = document.createElement('div');
    mount.className = 'chat';
    host.innerHTML = '';
    host.appendChild(mount);
    window.WebChat.renderWebChat(
      { directLine: directLine, store: store, userID: body.userId, username: body.userId, locale: locale, nonce: styleNonce, sendTypingIndicator: true, styleOptions: { hideUploadButton: true, rootHeight: '100%' } },
      mount,
    );
  }

  var locale = pickLocale();
  localeSelect.value = locale;
  userInput.value = params.get('user') || localStorage.getItem('warmline.userId') || newUserId();
  translate(locale);
  localeSelect.addEventListener('change', function () { translate(localeSelect.value); });
  var firstStart = true;
  async function submitted(chosen, userId) {
    var how = {};
    if (firstStart) {
      firstStart = false;
      // Opened or reloaded: resume this tab's conversation when it was this user's.
      var saved = savedChat();
      if (saved && saved.userId === userId) how.resume = saved;
    } else if (current && current.key && current.userId === userId) {
      // Asked only while a person is on the way or with them (or when that cannot be checked).
      var state = await withPerson(current).catch(function () { return 'unknown'; });
      if (state) {
        if (!window.confirm(labels[chosen].confirmNew)) return;
        how.continues = current.conversationId;
      }
    }
    await start(chosen, userId, how);
  }
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
    submitted(chosen, userId).catch(function (err) { say(labels[chosen].failed + err.message, true); });
  });
  if (params.get('autostart') !== '0') form.requestSubmit();
})();
