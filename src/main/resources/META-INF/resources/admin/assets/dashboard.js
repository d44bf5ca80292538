// Switchboard queue dashboard. Everything it shows comes from the admin API, called with the token the operator
// gives once (kept in sessionStorage: this tab only). No library, no CDN: clusters are often offline.
(function () {
  'use strict';

  var TOKEN_KEY = 'switchboard.adminToken';
  var REFRESH_MS = 3000;
  var SEND_QUEUE = 'whatsapp-send';
  var view = { queue: null, state: 'dead', q: '', cursor: '', nextCursor: null, job: null, selected: {} };
  var timer = null;

  function $(selector) { return document.querySelector(selector); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') { node.textContent = attrs[name]; } else if (name === 'onclick') { node.onclick = attrs[name]; }
      else { node.setAttribute(name, attrs[name]); }
    });
    (children || []).forEach(function (child) { node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child); });
    return node;
  }

  // --- phone numbers: masked unless the operator reveals them ---
  var PHONE = /\+?\d{7,15}/g;
  function revealed() { return $('#reveal').checked; }
  function maskPhone(text) {
    return text.replace(PHONE, function (n) { return n.length <= 6 ? '***' : n.slice(0, 3) + '*'.repeat(n.length - 7) + n.slice(-4); });
  }
  function phones(text) { return text == null ? '' : (revealed() ? String(text) : maskPhone(String(text))); }
  // in JSON only string values look like phones; numbers (timestamps) stay as they are
  function jsonText(raw) {
    var pretty = raw;
    try { pretty = JSON.stringify(JSON.parse(raw), null, 2); } catch (e) { /* not JSON: show as stored */ }
    if (revealed()) { return pretty; }
    return pretty.replace(/"(\+?\d{7,15})"/g, function (all, n) { return '"' + maskPhone(n) + '"'; });
  }

  // --- the admin API ---
  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  function api(method, path, body) {
    var init = { method: method, headers: { Authorization: 'Bearer ' + token() } };
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(path, init).then(function (res) {
      if (res.status === 401) { logout('The token was refused; give it again.'); throw new Error('unauthorized'); }
      if (res.status === 204) { return null; }
      return res.json().then(function (json) {
        if (!res.ok) { throw new Error((json && json.message) || ('HTTP ' + res.status)); }
        return json;
      });
    });
  }

  function q(queue) { return encodeURIComponent(queue); }

  function act(promise, what) {
    return promise.then(function (result) { status(what + ' done'); refresh(); return result; })
      .catch(function (e) { status(what + ' failed: ' + e.message, true); });
  }

  function status(text, bad) {
    var s = $('#status');
    s.textContent = text;
    s.className = bad ? 'error' : 'muted';
  }

  // --- queues ---
  function renderQueues(health) {
    var body = $('#queues tbody');
    body.textContent = '';
    health.queues.forEach(function (c) {
      if (!view.queue) { view.queue = c.queue; }
      var row = el('tr', { 'data-queue': c.queue, class: c.queue === view.queue ? 'selected' : '' }, [
        el('td', { text: c.queue }),
        el('td', { class: 'num count-waiting', text: String(c.waiting) }),
        el('td', { class: 'num count-active', text: String(c.active) }),
        el('td', { class: 'num count-delayed', text: String(c.delayed) }),
        el('td', { class: 'num count-failed', text: String(c.failed) }),
        el('td', { class: 'num count-completed', text: String(c.completed) }),
        el('td', { class: 'num count-dead', text: String(c.dead) }),
        el('td', { class: c.isPaused ? 'paused queue-state' : 'running queue-state', text: c.isPaused ? 'paused' : 'running' }),
        el('td', {}, [
          c.isPaused ? el('button', { class: 'resume', text: 'Resume', onclick: stop(function () { act(api('POST', '/admin/queue/resume/' + q(c.queue)), 'Resume'); }) })
            : el('button', { class: 'pause', text: 'Pause', onclick: stop(function () { act(api('POST', '/admin/queue/pause/' + q(c.queue)), 'Pause'); }) }),
          ' ',
          el('button', { class: 'clean', text: 'Clean completed', onclick: stop(function () {
            act(api('POST', '/admin/queue/clean/' + q(c.queue) + '?status=completed&grace=0'), 'Clean');
          }) }),
          ' ',
          el('button', { class: 'clean-dead', text: 'Clean dead', onclick: stop(function () {
            if (confirm('Delete every dead job of ' + c.queue + '?')) { act(api('POST', '/admin/queue/clean/' + q(c.queue) + '?status=dead&grace=0'), 'Clean dead'); }
          }) })
        ])
      ]);
      row.onclick = function () { selectQueue(c.queue); };
      body.appendChild(row);
    });
  }

  function stop(fn) { return function (event) { event.stopPropagation(); fn(); }; }

  function selectQueue(queue) {
    view.queue = queue; view.cursor = ''; view.nextCursor = null; view.job = null; view.selected = {};
    $('#job-detail').classList.add('hidden');
    refresh();
  }

  // --- throughput chart: hand-drawn on a canvas ---
  function drawThroughput(t) {
    var canvas = $('#throughput');
    var ctx = canvas.getContext('2d');
    var w = canvas.width, h = canvas.height, pad = 28;
    ctx.clearRect(0, 0, w, h);
    var max = 1;
    t.completed.concat(t.failed).forEach(function (v) { if (v > max) { max = v; } });
    ctx.strokeStyle = '#dde1ea'; ctx.fillStyle = '#6b7385'; ctx.font = '11px sans-serif';
    for (var g = 0; g <= 4; g++) {
      var y = h - pad - (h - 2 * pad) * g / 4;
      ctx.beginPath(); ctx.moveTo(pad, y); ctx.lineTo(w - 4, y); ctx.stroke();
      ctx.fillText(String(Math.round(max * g / 4)), 2, y + 4);
    }
    function line(values, color) {
      ctx.strokeStyle = color; ctx.lineWidth = 1.5; ctx.beginPath();
      values.forEach(function (v, i) {
        var x = pad + (w - pad - 4) * i / Math.max(1, values.length - 1);
        var y = h - pad - (h - 2 * pad) * v / max;
        if (i === 0) { ctx.moveTo(x, y); } else { ctx.lineTo(x, y); }
      });
      ctx.stroke();
    }
    line(t.completed, '#2e8b57');
    line(t.failed, '#c0392b');
    ctx.fillStyle = '#6b7385';
    ctx.fillText('-5 min', pad, h - 8); ctx.fillText('now', w - 28, h - 8);
    var sum = function (a) { return a.slice(-60).reduce(function (x, y) { return x + y; }, 0); };
    canvas.setAttribute('data-completed-last-minute', String(sum(t.completed)));
    $('#chart-queue').textContent = t.queue + ': ' + sum(t.completed) + ' completed, ' + sum(t.failed) + ' failed in the last minute';
  }

  // --- jobs ---
  function renderJobs(page) {
    var body = $('#jobs tbody');
    body.textContent = '';
    view.nextCursor = page.nextCursor;
    $('#jobs-queue').textContent = view.queue + ' · ' + view.state + (view.q ? ' · matching "' + phones(view.q) + '"' : '');
    $('#page-info').textContent = page.jobs.length + ' shown' + (view.q ? ', ' + page.scanned + ' looked at' : '') + (page.nextCursor ? '' : ' (end)');
    $('#next-page').disabled = !page.nextCursor;
    if (page.jobs.length === 0) {
      body.appendChild(el('tr', {}, [el('td', { colspan: '8', class: 'muted', text: page.nextCursor ? 'Nothing on this page; try the next one.' : 'No jobs.' })]));
    }
    page.jobs.forEach(function (job) {
      var box = el('input', { type: 'checkbox' });
      box.checked = !!view.selected[job.id];
      box.onclick = function (event) { event.stopPropagation(); if (box.checked) { view.selected[job.id] = true; } else { delete view.selected[job.id]; } };
      var row = el('tr', { 'data-job': job.id, class: view.job === job.id ? 'selected' : '' }, [
        el('td', {}, [box]),
        el('td', { class: 'job-id', text: job.id }),
        el('td', { class: 'job-state', text: job.state }),
        el('td', { text: job.group || '' }),
        el('td', { class: 'num', text: job.attempts + '/' + job.maxAttempts }),
        el('td', { text: when(job.createdAt) }),
        el('td', { text: phones(job.lastError || '') }),
        el('td', {}, jobActions(job))
      ]);
      row.onclick = function () { view.job = job.id; refreshDetail(); };
      body.appendChild(row);
    });
  }

  function jobActions(job) {
    var base = '/admin/queue/';
    var buttons = [];
    if (job.state === 'dead') {
      buttons.push(el('button', { class: 'retry', text: 'Retry', onclick: stop(function () { act(api('POST', base + 'retry/' + q(view.queue) + '/' + q(job.id)), 'Retry'); }) }));
    }
    if (job.state === 'delayed' || job.state === 'failed') {
      buttons.push(el('button', { class: 'promote', text: 'Promote', onclick: stop(function () { act(api('POST', base + q(view.queue) + '/jobs/' + q(job.id) + '/promote'), 'Promote'); }) }));
    }
    if (job.state !== 'active') {
      buttons.push(el('button', { class: 'remove', text: 'Remove', onclick: stop(function () {
        if (confirm('Remove job ' + job.id + '?')) { act(api('DELETE', base + 'jobs/' + q(view.queue) + '/' + q(job.id)), 'Remove'); }
      }) }));
    }
    return buttons;
  }

  function when(iso) { return iso ? new Date(iso).toLocaleString() : ''; }

  function renderDetail(job) {
    var d = $('#job-detail');
    d.classList.remove('hidden');
    d.textContent = '';
    d.setAttribute('data-job', job.id);
    d.setAttribute('data-state', job.state);
    d.appendChild(el('h2', { text: 'Job ' + job.id + ' ' }, [el('span', { class: 'muted detail-state', text: job.state })]));
    d.appendChild(el('p', {}, jobActions(job)));
    var facts = [['queue', job.queue], ['priority', job.priority], ['tenant / group', job.group || '—'], ['attempts', job.attempts + ' of ' + job.maxAttempts],
      ['created', when(job.createdAt)], ['started', when(job.startedAt)], ['finished', when(job.finishedAt)], ['due', when(job.dueAt)],
      ['result (wamid)', job.result || '—']];
    d.appendChild(el('table', {}, facts.map(function (f) { return el('tr', {}, [el('th', { text: f[0] }), el('td', { class: 'fact', text: String(f[1] == null ? '' : f[1]) })]); })));
    d.appendChild(el('h2', { text: 'Data' }));
    d.appendChild(el('pre', { class: 'job-data', text: jsonText(job.data || '') }));
    var attempts = job.failedAttempts || [];
    d.appendChild(el('h2', { text: 'Failed attempts (' + attempts.length + ')' }));
    attempts.forEach(function (a) {
      d.appendChild(el('div', { class: 'attempt' }, [
        el('p', {}, [el('strong', { text: 'Attempt ' + a.attempt }), ' · ' + when(a.at) + ' · ' + a.errorClass + ': ' + phones(a.error)]),
        el('pre', { text: a.stack || '' })
      ]));
    });
  }

  // --- tenants, numbers, audit ---
  function renderTenants(groups) {
    var body = $('#tenants tbody');
    body.textContent = '';
    groups.forEach(function (g) {
      var width = Math.round(60 * Math.min(1, g.limit > 0 ? g.active / g.limit : 0));
      body.appendChild(el('tr', { 'data-group': g.group }, [el('td', { text: g.group }),
        el('td', {}, [el('span', { class: 'bar', style: 'width:' + width + 'px' }), g.active + ' / ' + (g.limit > 0 ? g.limit : '∞')]),
        el('td', { class: 'num', text: String(g.parked) })]));
    });
    if (groups.length === 0) { body.appendChild(el('tr', {}, [el('td', { colspan: '3', class: 'muted', text: 'No tenant has jobs in flight.' })])); }
  }

  function renderNumbers(numbers) {
    var body = $('#numbers tbody');
    body.textContent = '';
    numbers.forEach(function (n) {
      var pause = n.pauseCode != null ? ('error ' + (n.pauseCode || '?') + ' until ' + new Date(n.pausedUntilMillis).toLocaleTimeString()) : '—';
      body.appendChild(el('tr', {}, [el('td', { text: n.displayName || n.tenant }), el('td', { text: phones(n.phoneNumberId) }),
        el('td', { class: 'num', text: String(n.ratePerSecond) }), el('td', { text: n.nextSlotInMillis > 0 ? 'in ' + n.nextSlotInMillis + ' ms' : 'free' }),
        el('td', { class: n.pauseCode != null ? 'paused' : '', text: pause })]));
    });
  }

  // the first page of the tenant registry's listing (configured tenants too): limits and state, never a token
  function renderDirectory(page) {
    var body = $('#directory tbody');
    body.textContent = '';
    page.tenants.forEach(function (t) {
      body.appendChild(el('tr', { 'data-tenant': t.id }, [el('td', { text: t.displayName && t.displayName !== t.id ? t.displayName + ' (' + t.id + ')' : t.id }),
        el('td', { text: t.source }), el('td', { class: t.state === 'active' ? '' : 'paused', text: t.state }),
        el('td', { text: phones(t.phoneNumberId || '') }), el('td', { class: 'num', text: String(t.rateLimit) }),
        el('td', { class: 'num', text: String(t.maxConcurrency) }),
        el('td', { class: 'num', text: t.apiRateLimit == null ? 'default' : String(t.apiRateLimit) })]));
    });
    $('#directory-count').textContent = page.nextCursor ? '(first ' + page.tenants.length + ')' : '(' + page.tenants.length + ')';
  }

  function renderAudit(entries) {
    var body = $('#audit tbody');
    body.textContent = '';
    entries.forEach(function (a) {
      body.appendChild(el('tr', {}, [el('td', { text: when(a.at) }), el('td', { text: a.who + ' (' + a.role + ')' }), el('td', { text: phones(a.action) }),
        el('td', { text: (a.queue || '') + (a.job ? ' / ' + a.job : '') }), el('td', { class: 'num', text: String(a.status) }),
        el('td', { class: 'num', text: a.count == null ? '' : String(a.count) })]));
    });
  }

  // --- refresh loop ---
  function jobsPath() {
    return '/admin/queue/' + q(view.queue) + '/jobs?limit=25&state=' + view.state + '&cursor=' + encodeURIComponent(view.cursor || '')
      + (view.q ? '&q=' + encodeURIComponent(view.q) : '');
  }

  function refreshDetail() {
    if (!view.job) { return Promise.resolve(); }
    return api('GET', '/admin/queue/' + q(view.queue) + '/jobs/' + q(view.job)).then(renderDetail)
      .catch(function () { $('#job-detail').classList.add('hidden'); view.job = null; });
  }

  function refresh() {
    if (!token()) { return; }
    api('GET', '/admin/queue/health').then(function (health) {
      renderQueues(health);
      status('Updated ' + new Date().toLocaleTimeString());
      return Promise.all([
        api('GET', jobsPath()).then(renderJobs),
        api('GET', '/admin/queue/' + q(view.queue) + '/throughput?seconds=300').then(drawThroughput),
        refreshDetail()
      ]);
    }).catch(function (e) { if (e.message !== 'unauthorized') { status('Could not refresh: ' + e.message, true); } });
    // groups are tenants on the send queue; other queues may have groups of their own
    var tenantsOf = view.queue || SEND_QUEUE;
    $('#tenants-queue').textContent = '(' + tenantsOf + ')';
    api('GET', '/admin/queue/' + q(tenantsOf) + '/groups').then(renderTenants).catch(function () { /* queue not declared here */ });
    api('GET', '/admin/send/numbers').then(renderNumbers).catch(function () { /* shown on the next refresh */ });
    api('GET', '/admin/audit?limit=15').then(renderAudit).catch(function () { /* idem */ });
    api('GET', '/admin/tenants?limit=100').then(renderDirectory).catch(function () { /* idem */ });
  }

  function start() {
    $('#login-panel').classList.add('hidden');
    $('#app').classList.remove('hidden');
    $('#logout').classList.remove('hidden');
    refresh();
    if (!timer) { timer = setInterval(refresh, REFRESH_MS); }
  }

  function logout(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    if (timer) { clearInterval(timer); timer = null; }
    $('#app').classList.add('hidden');
    $('#logout').classList.add('hidden');
    $('#login-panel').classList.remove('hidden');
    $('#login-error').textContent = message || '';
  }

  // --- wiring ---
  $('#login-form').onsubmit = function (event) {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('#token').value.trim());
    $('#token').value = '';
    start();
  };
  $('#logout').onclick = function () { logout(); };
  $('#reveal').onchange = refresh;
  Array.prototype.forEach.call(document.querySelectorAll('#states button'), function (button) {
    button.onclick = function () {
      Array.prototype.forEach.call(document.querySelectorAll('#states button'), function (b) { b.classList.remove('selected'); });
      button.classList.add('selected');
      view.state = button.getAttribute('data-state'); view.cursor = ''; view.selected = {};
      refresh();
    };
  });
  $('#search-form').onsubmit = function (event) {
    event.preventDefault();
    view.q = $('#search').value.trim(); view.cursor = '';
    refresh();
  };
  $('#next-page').onclick = function () { if (view.nextCursor) { view.cursor = view.nextCursor; refresh(); } };
  $('#first-page').onclick = function () { view.cursor = ''; refresh(); };
  $('#retry-selected').onclick = function () {
    var ids = Object.keys(view.selected);
    if (ids.length === 0) { status('Select dead jobs first', true); return; }
    view.selected = {};
    act(api('POST', '/admin/queue/retry/' + q(view.queue), { jobIds: ids }), 'Retry of ' + ids.length + ' job(s)');
  };
  $('#retry-all-dead').onclick = function () {
    if (confirm('Retry every dead job of ' + view.queue + '?')) { act(api('POST', '/admin/queue/retry/' + q(view.queue), {}), 'Retry all dead'); }
  };
  $('#test-data').value = '{"test": true}';
  $('#test-form').onsubmit = function (event) {
    event.preventDefault();
    var data;
    try { data = JSON.parse($('#test-data').value); } catch (e) { status('The test job data is not JSON: ' + e.message, true); return; }
    act(api('POST', '/admin/queue/test', { queue: view.queue, data: data }), 'Test job');
  };

  if (token()) { start(); } else { logout(); }
}());
