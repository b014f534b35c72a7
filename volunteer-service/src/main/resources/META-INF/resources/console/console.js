// The county dashboard: reads the bearer token from the URL fragment (never a query string, so it reaches no server
// and no log), keeps it in sessionStorage, and draws the JSON API's figures as tables and SVG bar charts.
'use strict';
(() => {
  const KEY = 'yimeng.console.token';
  const ROLES = { CITY_ADMIN: '市级管理员', COUNTY_ADMIN: '县区管理员' };
  const STATES = { MEETS_TARGET: '已达标', BELOW_TARGET: '未达标', NO_COMMUNITIES: '无村（社区）' };
  const $ = id => document.getElementById(id);
  const state = { token: null, claims: null, city: null, view: null, coverage: null, county: '' };

  // --- the token: fragment first (then gone from the address bar), else this tab's session --------------------
  function readToken() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const fromHash = params.get('token');
    if (location.hash) {
      history.replaceState(null, '', location.pathname + location.search);
    }
    if (fromHash) {
      sessionStorage.setItem(KEY, fromHash);
    }
    state.county = params.get('county') || '';
    return fromHash || sessionStorage.getItem(KEY);
  }

  function decode(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(part + '='.repeat((4 - part.length % 4) % 4)), c => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return null;
    }
  }

  function signIn(reason) {
    sessionStorage.removeItem(KEY);
    $('status').textContent = '';
    $('content').hidden = true;
    $('actions').hidden = true;
    $('signin-reason').textContent = reason;
    $('signin').hidden = false;
  }

  class HttpError extends Error {
    constructor(status, detail) {
      super(detail || ('HTTP ' + status));
      this.status = status;
    }
  }

  async function api(path, accept) {
    const r = await fetch(path, { headers: { Authorization: 'Bearer ' + state.token, Accept: accept || 'application/json' },
      cache: 'no-store', referrerPolicy: 'no-referrer' });
    if (!r.ok) {
      let detail = '';
      try { detail = (await r.json()).detail || ''; } catch (e) { /* not a problem document */ }
      throw new HttpError(r.status, detail);
    }
    return accept === 'text/csv' ? r.blob() : r.json();
  }

  // --- formatting ---------------------------------------------------------------------------------------------
  const pct = ratio => (Number(ratio) * 100).toFixed(2) + '%';
  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const svgEl = (tag, attrs, text) => {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  };

  // A cell with its figure as data-field / data-value (what the tests and the sorting read) and the text people read.
  function cell(field, value, text, cls) {
    const td = el('td', { 'data-field': field, 'data-value': String(value) }, text === undefined ? String(value) : text);
    if (cls) td.className = cls;
    return td;
  }

  // --- SVG bar charts: one group per row (label above, one bar per series, the figure after the bar) -------------
  // rows: [{label, key, bars: [{value, text, cls, name}], marker: {value, text}}]; max: the scale's end.
  const charts = new Map(); // drawn again at the new width when the window is resized
  function barChart(container, title, rows, max, legend) {
    charts.set(container.id, () => barChart(container, title, rows, max, legend));
    container.replaceChildren();
    const width = Math.max(280, Math.floor(container.clientWidth || 600));
    const labelW = width >= 640 ? 140 : 0; // wide: labels beside the bars; phone: above them
    const numberW = 132; // room for "12 / 目标 34" or "33.33%（123/369）"
    const barH = 14;
    const barArea = width - labelW - numberW - 8;
    const perRow = (labelW ? 0 : 18) + rows.reduce((m, r) => Math.max(m, r.bars.length), 1) * (barH + 3) + 10;
    const height = rows.length * perRow + 4;
    const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, width: String(width), height: String(height),
      role: 'img', 'aria-label': title });
    svg.appendChild(svgEl('title', {}, title));
    const scale = v => (max > 0 ? Math.max(0, Math.min(1, v / max)) * barArea : 0);
    rows.forEach((r, i) => {
      const g = svgEl('g', { 'data-row': r.key });
      let y = i * perRow + 2;
      if (labelW) {
        g.appendChild(svgEl('text', { x: 0, y: y + barH - 2 }, r.label.length > 10 ? r.label.slice(0, 10) + '…' : r.label));
      } else {
        g.appendChild(svgEl('text', { x: 0, y: y + 13 }, r.label));
        y += 18;
      }
      r.bars.forEach((b, j) => {
        const by = y + j * (barH + 3);
        const w = scale(b.value);
        g.appendChild(svgEl('rect', { x: labelW, y: by, width: barArea, height: barH, class: 'track' }));
        const rect = svgEl('rect', { x: labelW, y: by, width: w.toFixed(1), height: barH, class: b.cls,
          'data-series': b.name, 'data-value': String(b.value) });
        rect.appendChild(svgEl('title', {}, `${r.label} ${b.name}：${b.text}`));
        g.appendChild(rect);
        g.appendChild(svgEl('text', { x: labelW + barArea + 6, y: by + barH - 2 }, b.text)); // after the track
      });
      if (r.marker) {
        const mx = labelW + scale(r.marker.value);
        const m = svgEl('rect', { x: Math.max(labelW, mx - 1).toFixed(1), y: y - 2, width: 2,
          height: r.bars.length * (barH + 3) + 1, class: 'marker', 'data-series': 'target',
          'data-value': String(r.marker.value) });
        m.appendChild(svgEl('title', {}, `${r.label} ${r.marker.text}`));
        g.appendChild(m);
      }
      svg.appendChild(g);
    });
    container.appendChild(svg);
    if (legend) {
      const ul = el('ul', { class: 'legend' });
      legend.forEach(([cls, name]) => {
        const li = el('li');
        li.appendChild(el('span', { class: 'swatch ' + cls, 'aria-hidden': 'true' }));
        li.appendChild(document.createTextNode(name));
        ul.appendChild(li);
      });
      container.appendChild(ul);
    }
  }

  // --- sortable tables: a button in each header; numbers sort as numbers, text in Chinese collation --------------
  function makeSortable(table) {
    table.querySelectorAll('thead th').forEach((th, index) => {
      if (th.dataset.type === 'none') return;
      const b = el('button', { type: 'button' }, th.textContent);
      th.replaceChildren(b);
      th.classList.toggle('text', th.dataset.type === 'text');
      b.addEventListener('click', () => {
        const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        table.querySelectorAll('thead th').forEach(h => h.removeAttribute('aria-sort'));
        th.setAttribute('aria-sort', dir);
        sortBy(table, index, th.dataset.type === 'text', dir === 'ascending' ? 1 : -1);
      });
    });
  }

  function sortBy(table, index, text, sign) {
    const body = table.tBodies[0];
    const collator = new Intl.Collator('zh-CN');
    const rows = [...body.rows];
    rows.sort((a, b) => {
      const x = a.cells[index].dataset.value;
      const y = b.cells[index].dataset.value;
      return sign * (text ? collator.compare(x, y) : Number(x) - Number(y));
    });
    body.replaceChildren(...rows);
  }

  // --- the sections ---------------------------------------------------------------------------------------------
  function countyRow(r, tag) {
    const tr = el('tr', { 'data-county': r.countyCode });
    const name = el(tag || 'td', { 'data-field': 'countyName', 'data-value': r.countyName || '' }, r.countyName || '');
    if (tag === 'th') name.setAttribute('scope', 'row');
    tr.append(name, cell('communities', r.communities), cell('pilots', r.pilots), cell('targetPilots', r.targetPilots),
      cell('pilotState', r.pilotState, STATES[r.pilotState] || '',
        'text ' + (r.pilotState === 'BELOW_TARGET' ? 'below' : r.pilotState === 'MEETS_TARGET' ? 'meets' : '')),
      cell('households', r.households), cell('surveyed', r.surveyed), cell('paired', r.paired),
      cell('archivesComplete', r.archivesComplete), cell('weeklyGoalRatio', r.weeklyGoalRatio, pct(r.weeklyGoalRatio)));
    return tr;
  }

  function renderCounties() {
    const p = state.city;
    $('target-pct').textContent = Math.round(Number(p.pilotTargetRatio) * 100) + '%';
    $('goal-minutes').textContent = String(p.weeklyGoalMinutes);
    $('week-start').textContent = p.weekStart;
    const body = $('county-table').tBodies[0];
    body.replaceChildren(...p.rows.map(r => countyRow(r)));
    $('county-table').tFoot.replaceChildren(countyRow(p.total));
    const max = Math.max(1, ...p.rows.map(r => Math.max(r.pilots, r.targetPilots)));
    barChart($('pilot-chart'), '各县区试点数与目标数', p.rows.map(r => ({
      label: r.countyName, key: r.countyCode,
      bars: [{ value: r.pilots, text: `${r.pilots} / 目标 ${r.targetPilots}`, cls: 'bar-a', name: 'pilots' }],
      marker: { value: r.targetPilots, text: `目标 ${r.targetPilots}` }
    })), max, [['bar-a', '试点数'], ['marker', `目标（村（社区）数的 ${$('target-pct').textContent}）`]]);
    barChart($('weekly-chart'), '各县区每周目标达成率', p.rows.map(r => ({
      label: r.countyName, key: r.countyCode,
      bars: [{ value: Number(r.weeklyGoalRatio), text: `${pct(r.weeklyGoalRatio)}（${r.volunteersMeetingWeeklyGoal}/${r.volunteers}）`,
        cls: 'bar-b', name: 'weeklyGoalRatio' }]
    })), 1, [['bar-b', '达到每周目标的志愿者占比']]);
  }

  function renderWishes() {
    const v = state.view;
    const t = v.total;
    const scope = state.county ? (v.rows[0] || {}).countyName || state.county : (state.claims.county ? (v.rows[0] || {}).countyName : '全市');
    $('wish-scope').textContent = scope;
    const statuses = [['wishesOpen', '待认领', 'bar-c'], ['wishesClaimed', '已认领', 'bar-a'],
      ['wishesFulfilled', '已实现', 'bar-b'], ['wishesCancelled', '已取消', 'bar-d']];
    const max = Math.max(1, ...statuses.map(([k]) => t[k]));
    barChart($('wish-chart'), `${scope}微心愿按状态`, statuses.map(([k, name, cls]) => ({
      label: name, key: k, bars: [{ value: t[k], text: String(t[k]), cls, name: k }]
    })), max);
    const rate = $('wish-rate');
    rate.dataset.value = String(t.wishFulfilmentRate);
    rate.textContent = `心愿实现率（已实现 ÷ 未取消）：${pct(t.wishFulfilmentRate)}`;
  }

  function renderCommunities() {
    const v = state.view;
    const show = v.communities.length > 0 || Boolean(state.county) || Boolean(state.claims.county);
    $('communities').hidden = !show;
    if (!show) return;
    $('community-scope').textContent = (v.rows[0] || {}).countyName || '';
    const body = $('community-table').tBodies[0];
    body.replaceChildren(...v.communities.map(c => {
      const tr = el('tr', { 'data-community': c.communityId });
      const name = el('th', { scope: 'row', 'data-field': 'communityName', 'data-value': c.communityName }, c.communityName);
      tr.append(name, cell('pilot', c.pilot ? '是' : '否', undefined, 'text'), cell('households', c.households),
        cell('surveyed', c.surveyed), cell('paired', c.paired), cell('archivesComplete', c.archivesComplete),
        cell('coverageRatio', c.coverageRatio, pct(c.coverageRatio)), cell('wishesOpen', c.wishesOpen),
        cell('wishesClaimed', c.wishesClaimed), cell('wishesFulfilled', c.wishesFulfilled),
        cell('weeklyGoalRatio', c.weeklyGoalRatio, pct(c.weeklyGoalRatio)));
      return tr;
    }));
    if (!v.communities.length) {
      body.appendChild(el('tr')).appendChild(el('td', { colspan: '11', class: 'text' }, '该县区还没有村（社区）。'));
    }
    const max = Math.max(1, ...v.communities.map(c => c.households));
    barChart($('community-chart'), '各村（社区）困难家庭的摸底、结对与档案', v.communities.map(c => ({
      label: c.communityName, key: c.communityId,
      bars: [{ value: c.surveyed, text: `${c.surveyed} / ${c.households}`, cls: 'bar-a', name: 'surveyed' },
        { value: c.paired, text: `${c.paired} / ${c.households}`, cls: 'bar-b', name: 'paired' },
        { value: c.archivesComplete, text: `${c.archivesComplete} / ${c.households}`, cls: 'bar-c', name: 'archivesComplete' }]
    })), max, [['bar-a', '已摸底'], ['bar-b', '已结对'], ['bar-c', '档案完整']]);
  }

  function renderGrids() {
    const c = state.coverage;
    $('grids').hidden = !c;
    $('unpaired').hidden = true;
    if (!c) return;
    const names = new Map(state.view.communities.map(x => [x.communityId, x.communityName]));
    const body = $('grid-table').tBodies[0];
    body.replaceChildren(...c.grids.map(g => {
      const tr = el('tr', { 'data-grid': g.gridId || 'none' });
      const name = g.name || '未分网格';
      const community = names.get(g.communityId) || '';
      tr.append(el('th', { scope: 'row', 'data-field': 'name', 'data-value': name }, name),
        cell('community', community, community, 'text'), cell('households', g.households), cell('paired', g.paired),
        cell('unpaired', g.unpaired));
      const list = el('td', { class: 'list' });
      if (g.gridId && g.unpaired > 0) {
        const b = el('button', { type: 'button', 'aria-label': `查看${name}的未结对家庭` }, '查看');
        b.addEventListener('click', () => showUnpaired(g.gridId, name));
        list.appendChild(b);
      }
      tr.appendChild(list);
      return tr;
    }));
  }

  async function showUnpaired(gridId, name) {
    try {
      const page = await api(`/api/v1/households?gridId=${encodeURIComponent(gridId)}&paired=false&limit=100`);
      $('unpaired-title').textContent = `${name}的未结对家庭`;
      $('unpaired-table').tBodies[0].replaceChildren(...page.items.map(h => {
        const tr = el('tr', { 'data-household': h.id });
        tr.append(el('td', {}, h.headName), el('td', {}, h.phone || '—'), el('td', { class: 'text' }, h.address),
          el('td', { class: 'text' }, h.surveyed ? '是' : '否'));
        return tr;
      }));
      $('unpaired-more').hidden = !page.nextCursor;
      $('unpaired').hidden = false;
      $('unpaired').scrollIntoView({ block: 'nearest' });
    } catch (e) {
      failed(e);
    }
  }

  // The scope's headline figures (the city, or the chosen county) above the charts.
  function renderSummary() {
    const t = state.view.total;
    const items = [
      ['pilots', '试点数 / 目标', `${t.pilots} / ${t.targetPilots}`, t.pilots],
      ['households', '困难家庭', String(t.households), t.households],
      ['surveyed', '已摸底', String(t.surveyed), t.surveyed],
      ['paired', '已结对', String(t.paired), t.paired],
      ['archivesComplete', '档案完整', String(t.archivesComplete), t.archivesComplete],
      ['coverageRatio', '结对覆盖率', pct(t.coverageRatio), t.coverageRatio],
      ['weeklyGoalRatio', '每周目标达成率', pct(t.weeklyGoalRatio), t.weeklyGoalRatio]
    ];
    $('summary-scope').textContent = state.view === state.city && !state.claims.county ? '全市'
      : (state.view.rows[0] || {}).countyName || '';
    $('summary').replaceChildren(...items.map(([field, name, text, value]) => {
      const div = el('div');
      div.append(el('dt', {}, name), el('dd', { 'data-field': field, 'data-value': String(value) }, text));
      return div;
    }));
  }

  function renderAll() {
    renderSummary();
    renderCounties();
    renderWishes();
    renderCommunities();
    renderGrids();
    $('as-of').textContent = `数据截至 ${state.view.asOf}（北京时间）。`;
  }

  function failed(e) {
    if (e instanceof HttpError && e.status === 401) {
      signIn('登录令牌无效或已过期，请重新登录。');
    } else if (e instanceof HttpError && e.status === 403) {
      $('status').textContent = '您的账号无权查看这个范围的数据。';
    } else {
      $('status').textContent = '加载失败：' + (e.message || e) + '。请稍后刷新重试。';
    }
  }

  // --- loading ----------------------------------------------------------------------------------------------------
  async function load() {
    $('status').textContent = '正在加载…';
    document.body.removeAttribute('data-loaded');
    try {
      if (!state.city) {
        state.city = await api('/api/v1/progress');
      }
      const county = state.county || (state.claims.county && state.city.rows.length === 1 ? state.city.rows[0].countyCode : '');
      state.view = state.county ? await api('/api/v1/progress?countyCode=' + encodeURIComponent(state.county)) : state.city;
      state.coverage = county ? await api('/api/v1/coverage?countyCode=' + encodeURIComponent(county)) : null;
      $('content').hidden = false;
      renderAll();
      $('status').textContent = '';
      document.body.setAttribute('data-loaded', state.county || 'city');
    } catch (e) {
      failed(e);
    }
  }

  async function downloadCsv() {
    const county = state.county;
    try {
      const blob = await api('/api/v1/progress' + (county ? '?countyCode=' + encodeURIComponent(county) : ''), 'text/csv');
      const url = URL.createObjectURL(blob);
      const a = el('a', { href: url, download: `推进情况-${county || (state.claims.county || '全市')}-${state.view.asOf}.csv` });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      failed(e);
    }
  }

  function start() {
    state.token = readToken();
    if (!state.token) {
      signIn('没有登录令牌。');
      return;
    }
    state.claims = decode(state.token);
    if (!state.claims) {
      signIn('登录令牌无法识别，请重新登录。');
      return;
    }
    if (state.claims.exp && state.claims.exp * 1000 < Date.now()) {
      signIn('登录令牌已过期，请重新登录。');
      return;
    }
    const groups = state.claims.groups || [];
    const role = groups.find(g => ROLES[g]);
    if (!role) {
      $('status').textContent = '本看板供县区管理员和市级管理员使用；您的账号没有这两种角色。';
      return;
    }
    $('who').textContent = `${ROLES[role]}${state.claims.county ? '（县区代码 ' + state.claims.county + '）' : ''}` +
      ` · ${state.claims.upn || state.claims.sub || ''}`;
    if (role === 'COUNTY_ADMIN') {
      state.county = ''; // a county admin's review is their own county; the API decides
    }
    $('actions').hidden = false;
    $('csv').addEventListener('click', downloadCsv);
    $('print').addEventListener('click', () => window.print());
    $('signout').addEventListener('click', () => signIn('您已退出。'));
    document.querySelectorAll('table.sortable').forEach(makeSortable);
    load().then(() => {
      if (role === 'CITY_ADMIN' && state.city) {
        const select = $('county');
        state.city.rows.forEach(r => select.appendChild(el('option', { value: r.countyCode }, r.countyName)));
        select.value = state.county;
        $('county-picker').hidden = false;
        select.addEventListener('change', () => {
          state.county = select.value;
          load();
        });
      }
    });
    let resize;
    window.addEventListener('resize', () => {
      clearTimeout(resize);
      resize = setTimeout(() => charts.forEach(draw => draw()), 200);
    });
  }

  start();
})();
