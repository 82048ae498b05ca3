/* The researcher's explorer (policykg explore).
   Every text from the documents is set with textContent; nothing is parsed as HTML.
   State (view, search, filters, sort, page, selection) lives in the URL's hash. */
(function () {
  'use strict';

  var D = JSON.parse(document.getElementById('explore-data').textContent);
  var PAGE = 100;
  var FACET_SHOWN = 8;
  var TODAY = D.today || localDate(new Date());
  var NONE = '(none)';

  function localDate(d) {
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function $(id) { return document.getElementById(id); }

  // ------------------------------------------------------------------ derived data

  var bodyName = function (i) { return D.bodies[i].name; };
  var docTitle = function (i) { return i >= 0 && D.docs[i] ? D.docs[i].title : ''; };
  var inquiryName = function (i) { return i >= 0 ? D.inquiries[i] : NONE; };
  var statusRank = {};
  D.statusOrder.forEach(function (s, i) { statusRank[s] = i; });

  D.cs.forEach(function (c, i) {
    c.i = i;
    c.lead = c.lead || []; c.inv = c.inv || []; c.via = c.via || []; c.rec = c.rec || [];
    c.state = '';
    if (c.e) {
      if (c.from) { c.due = c.s || c.e; c.state = c.due <= TODAY ? 'started' : 'starts'; }
      else { c.due = c.e; c.state = c.e < TODAY ? 'past due' : 'due'; }
    }
  });

  function recLabel(r) { return r.n !== null && r.n !== undefined ? 'Recommendation ' + r.n : 'Recommendation'; }
  function recShort(r) { return (r.n !== null && r.n !== undefined ? 'Rec. ' + r.n : 'Rec.') + (D.inquiries.length > 1 && r.inq >= 0 ? ' (' + D.inquiries[r.inq] + ')' : ''); }

  D.recs.forEach(function (r, i) {
    r.i = i;
    r.inquiry = inquiryName(r.inq);
    r.themeNames = r.themes.map(function (t) { return D.themes[t]; });
    var leadCount = {};
    r.overdue = 0; r.next = '';
    r.cs.forEach(function (ci) {
      var c = D.cs[ci];
      c.lead.forEach(function (b) { leadCount[b] = (leadCount[b] || 0) + 1; });
      if (c.state === 'past due') r.overdue += 1;
      if (c.state === 'due' && (!r.next || c.e < r.next)) r.next = c.e;
    });
    r.leads = Object.keys(leadCount).map(Number).sort(function (a, b) { return leadCount[b] - leadCount[a] || (bodyName(a) < bodyName(b) ? -1 : 1); });
    r.leadNames = r.leads.map(bodyName);
  });

  D.bodies.forEach(function (b, i) {
    b.i = i; b.led = []; b.involved = [];
  });
  D.cs.forEach(function (c) {
    c.lead.forEach(function (b) { D.bodies[b].led.push(c.i); });
    c.inv.forEach(function (b) { D.bodies[b].involved.push(c.i); });
  });
  D.bodies.forEach(function (b) {
    var recs = {};
    b.overdue = 0;
    b.led.concat(b.involved).forEach(function (ci) {
      var c = D.cs[ci];
      c.rec.forEach(function (r) { recs[r] = 1; });
      if (c.state === 'past due') b.overdue += 1;
    });
    b.total = b.led.length + b.involved.length;
    b.nrecs = Object.keys(recs).length;
  });
  var bodyRanking = D.bodies.slice().sort(function (a, b) {
    return b.total - a.total || b.led.length - a.led.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
  bodyRanking.forEach(function (b, i) { b.rank = i + 1; });

  function commitmentBucket(n) {
    if (n === 0) return 'no commitment';
    if (n < 5) return '1–4';
    if (n < 10) return '5–9';
    return '10 or more';
  }

  // ------------------------------------------------------------------ views

  function chipCell(cls, text, colour) {
    var chip = el('span', 'chip ' + (cls || ''), text);
    if (colour) chip.style.background = colour;
    return chip;
  }

  var VIEWS = {
    tracker: {
      title: 'Recommendations',
      noun: ['recommendation', 'recommendations'],
      rows: function () { return D.recs; },
      id: function (r) { return r.key; },
      select: function (r) { return {kind: 'rec', key: r.key}; },
      defaultSort: 'n',
      columns: [
        {key: 'n', label: 'No.', num: true, value: function (r) { return r.n === null || r.n === undefined ? '' : r.n; },
         sort: function (r) { return r.n === null || r.n === undefined ? 1e12 : r.n; }},
        {key: 'title', label: 'Recommendation', cls: 'wide', value: function (r) { return r.title; }},
        {key: 'inquiry', label: 'Inquiry', cls: 'short minor', value: function (r) { return r.inquiry; }},
        {key: 'status', label: 'Status', value: function (r) { return r.status; },
         sort: function (r) { return statusRank[r.status]; },
         cell: function (r) { return chipCell('', r.status, D.statusColours[r.status]); }},
        {key: 'lead', label: 'Lead bodies', cls: 'clip minor', value: function (r) { return r.leadNames.join('; '); }},
        {key: 'next', label: 'Next deadline', cls: 'date', value: function (r) { return r.next; }, sort: function (r) { return r.next || '9999'; }},
        {key: 'overdue', label: 'Past due', num: true, cls: 'minor', value: function (r) { return r.overdue; }},
        {key: 'commitments', label: 'Commitments', num: true, value: function (r) { return r.cs.length; }}
      ],
      facets: [
        {key: 'inquiry', label: 'Inquiry', values: function (r) { return [r.inquiry]; }},
        {key: 'status', label: 'Status', values: function (r) { return [r.status]; },
         order: function (v) { return statusRank[v] === undefined ? 99 : statusRank[v]; }},
        {key: 'commitments', label: 'Commitments', values: function (r) { return [commitmentBucket(r.cs.length)]; },
         order: function (v) { return ['no commitment', '1–4', '5–9', '10 or more'].indexOf(v); }},
        {key: 'overdue', label: 'Overdue', values: function (r) { return [r.overdue ? 'has past-due commitments' : 'nothing past due']; }},
        {key: 'next', label: 'Next deadline', values: function (r) { return [r.next ? r.next.slice(0, 4) : 'no date ahead']; },
         order: function (v) { return v; }},
        {key: 'lead', label: 'Lead body', values: function (r) { return r.leadNames.length ? r.leadNames : [NONE]; }},
        {key: 'theme', label: 'Theme', values: function (r) { return r.themeNames.length ? r.themeNames : [NONE]; }}
      ],
      search: function (r) { return [r.n, r.title, r.inquiry, r.status, r.themeNames.join(' '), r.leadNames.join(' ')].join(' '); }
    },

    bodies: {
      title: 'Bodies',
      noun: ['body', 'bodies'],
      rows: function () { return bodyRanking; },
      id: function (b) { return b.name; },
      select: function (b) { return {kind: 'body', key: b.name}; },
      defaultSort: 'rank',
      columns: [
        {key: 'rank', label: 'Rank', num: true, value: function (b) { return b.rank; }},
        {key: 'name', label: 'Body', cls: 'wide', value: function (b) { return b.name; }},
        {key: 'type', label: 'Type', cls: 'minor', value: function (b) { return b.type; }},
        {key: 'led', label: 'Leads', num: true, value: function (b) { return b.led.length; }},
        {key: 'involved', label: 'Involved in', num: true, value: function (b) { return b.involved.length; }},
        {key: 'total', label: 'Commitments', num: true, value: function (b) { return b.total; }},
        {key: 'recs', label: 'Recommendations', num: true, cls: 'minor', value: function (b) { return b.nrecs; }},
        {key: 'overdue', label: 'Past due', num: true, value: function (b) { return b.overdue; }}
      ],
      facets: [
        {key: 'type', label: 'Type', values: function (b) { return [b.type]; }},
        {key: 'role', label: 'Role', values: function (b) {
          var roles = [];
          if (b.led.length) roles.push('leads commitments');
          if (b.involved.length) roles.push('involved in commitments');
          return roles;
        }},
        {key: 'overdue', label: 'Overdue', values: function (b) { return [b.overdue ? 'has past-due commitments' : 'nothing past due']; }}
      ],
      search: function (b) { return b.name + ' ' + b.type; }
    },

    timeline: {
      title: 'Timeline',
      noun: ['dated commitment', 'dated commitments'],
      rows: function () { return D.cs.filter(function (c) { return c.due; }); },
      id: function (c) { return String(c.i); },
      select: function (c) { return {kind: 'c', key: String(c.i)}; },
      defaultSort: 'due',
      today: true,
      columns: [
        {key: 'due', label: 'Due', cls: 'date', value: function (c) { return c.due; },
         sort: function (c) { return c.due + (c.s || ''); }},
        {key: 'state', label: 'State', value: function (c) { return c.state; },
         cell: function (c) { return chipCell(c.state.replace(' ', '-'), c.state); }},
        {key: 'deadline', label: 'As written', cls: 'minor', value: function (c) { return c.dl; }},
        {key: 'text', label: 'Commitment', cls: 'text', value: function (c) { return c.t; }},
        {key: 'rec', label: 'Recommendation', value: function (c) { return c.rec.map(function (r) { return recShort(D.recs[r]); }).join('; '); },
         cell: function (c) { // the inquiry has its own column
           return document.createTextNode(c.rec.map(function (r) { return 'Rec. ' + (D.recs[r].n === null ? '?' : D.recs[r].n); }).join('; '));
         }},
        {key: 'lead', label: 'Lead', cls: 'clip', value: function (c) { return c.lead.map(bodyName).join('; '); }},
        {key: 'document', label: 'Document', cls: 'clip minor', value: function (c) { return docTitle(c.d) + (c.w ? ' · ' + c.w.split(' · ')[0] : ''); }},
        {key: 'inquiry', label: 'Inquiry', cls: 'short minor', value: function (c) { return inquiriesOf(c).join('; '); }}
      ],
      facets: [
        {key: 'state', label: 'State', values: function (c) { return [c.state]; },
         order: function (v) { return ['past due', 'due', 'started', 'starts'].indexOf(v); }},
        {key: 'year', label: 'Year due', values: function (c) { return [c.due.slice(0, 4)]; }, order: function (v) { return v; }},
        {key: 'inquiry', label: 'Inquiry', values: function (c) { var found = inquiriesOf(c); return found.length ? found : [NONE]; }},
        {key: 'lead', label: 'Lead body', values: function (c) { return c.lead.length ? c.lead.map(bodyName) : [NONE]; }},
        {key: 'document', label: 'Document', values: function (c) { return [docTitle(c.d) || NONE]; }},
        {key: 'kind', label: 'Kind', values: function (c) { return [c.k]; }}
      ],
      search: function (c) {
        return [c.t, c.q || '', c.dl, c.state, c.lead.map(bodyName).join(' '), c.inv.map(bodyName).join(' '), docTitle(c.d),
          inquiriesOf(c).join(' '), c.rec.map(function (r) { return recLabel(D.recs[r]); }).join(' ')].join(' ');
      }
    }
  };

  function inquiriesOf(c) {
    var seen = {};
    var out = [];
    c.rec.forEach(function (r) {
      var name = D.recs[r].inquiry;
      if (!seen[name]) { seen[name] = 1; out.push(name); }
    });
    return out;
  }

  // Rows, facet values and search text are prepared once per view, when first shown.
  function prepare(view) {
    if (view.prepared) return;
    view.all = view.rows();
    view.all.forEach(function (row, position) {
      row['_' + view.name] = {
        position: position,
        search: view.search(row).toLowerCase(),
        facets: view.facets.map(function (f) { return f.values(row); })
      };
    });
    view.prepared = true;
  }
  // a column whose every row would say the same (one inquiry, one document) is not shown; the CSV keeps it
  ['tracker', 'timeline'].forEach(function (name) {
    VIEWS[name].columns.forEach(function (c) {
      if ((c.key === 'inquiry' && D.inquiries.length < 2) || (c.key === 'document' && D.docs.length < 2)) c.cls += ' same';
    });
  });
  Object.keys(VIEWS).forEach(function (name) {
    VIEWS[name].name = name;
    VIEWS[name].state = {q: '', f: {}, sort: VIEWS[name].defaultSort, desc: false, page: 0};
  });

  // ------------------------------------------------------------------ state and hash

  var current = 'tracker';
  var selection = null; // {kind: 'rec'|'body'|'c', key}
  var focusedId = null;

  function stateToHash() {
    var view = VIEWS[current];
    var s = view.state;
    var params = new URLSearchParams();
    params.set('view', current);
    if (s.q) params.set('q', s.q);
    if (s.sort !== view.defaultSort || s.desc) { params.set('sort', s.sort); if (s.desc) params.set('desc', '1'); }
    if (s.page) params.set('page', String(s.page + 1));
    Object.keys(s.f).sort().forEach(function (key) {
      s.f[key].forEach(function (value) { params.append('f.' + key, value); });
    });
    if (selection) params.set(selection.kind, selection.key);
    return '#' + params.toString();
  }

  function writeHash() {
    var hash = stateToHash();
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }

  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    var name = params.get('view');
    current = VIEWS[name] ? name : 'tracker';
    var view = VIEWS[current];
    var s = {q: params.get('q') || '', f: {}, sort: view.defaultSort, desc: params.get('desc') === '1', page: 0};
    var sort = params.get('sort');
    if (sort && view.columns.some(function (c) { return c.key === sort; })) s.sort = sort;
    var page = parseInt(params.get('page') || '1', 10);
    s.page = isFinite(page) && page > 1 ? page - 1 : 0;
    view.facets.forEach(function (f) {
      var values = params.getAll('f.' + f.key);
      if (values.length) s.f[f.key] = values;
    });
    view.state = s;
    selection = null;
    ['rec', 'body', 'c'].forEach(function (kind) {
      var key = params.get(kind);
      if (key !== null && !selection) selection = {kind: kind, key: key};
    });
  }

  // ------------------------------------------------------------------ filtering and sorting

  function compute(view) {
    prepare(view);
    var s = view.state;
    var words = s.q.toLowerCase().split(/\s+/).filter(Boolean);
    var chosen = view.facets.map(function (f) {
      var values = s.f[f.key];
      if (!values || !values.length) return null;
      var set = {};
      values.forEach(function (v) { set[v] = 1; });
      return set;
    });
    var counts = view.facets.map(function () { return {}; });
    var rows = [];
    var tag = '_' + view.name;
    view.all.forEach(function (row) {
      var info = row[tag];
      for (var w = 0; w < words.length; w++) if (info.search.indexOf(words[w]) < 0) return;
      var failed = -1;
      var failures = 0;
      for (var i = 0; i < chosen.length; i++) {
        if (!chosen[i]) continue;
        var values = info.facets[i];
        var hit = false;
        for (var j = 0; j < values.length; j++) if (chosen[i][values[j]]) { hit = true; break; }
        if (!hit) { failures += 1; failed = i; if (failures > 1) return; }
      }
      // A facet's counts ignore that facet's own choice: they say what choosing a value would give.
      for (var k = 0; k < counts.length; k++) {
        if (failures === 1 && k !== failed) continue;
        info.facets[k].forEach(function (v) { counts[k][v] = (counts[k][v] || 0) + 1; });
      }
      if (failures === 0) rows.push(row);
    });
    var column = view.columns.filter(function (c) { return c.key === s.sort; })[0] || view.columns[0];
    var key = column.sort || column.value;
    var direction = s.desc ? -1 : 1;
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x < y) return -direction;
      if (x > y) return direction;
      return a[tag].position - b[tag].position;
    });
    return {rows: rows, counts: counts, column: column};
  }

  // ------------------------------------------------------------------ rendering

  var result = null;

  function render() {
    var view = VIEWS[current];
    var s = view.state;
    result = compute(view);
    var pages = Math.max(1, Math.ceil(result.rows.length / PAGE));
    if (s.page >= pages) s.page = pages - 1;
    document.querySelectorAll('#ex-tabs button').forEach(function (button) {
      var on = button.dataset.view === current;
      button.setAttribute('aria-selected', on ? 'true' : 'false');
      button.tabIndex = on ? 0 : -1;
    });
    var search = $('ex-search');
    if (search.value !== s.q) search.value = s.q;
    renderFacets(view);
    renderTable(view, pages);
    renderCard();
    writeHash();
  }

  function renderFacets(view) {
    var box = $('ex-facets');
    box.textContent = '';
    var s = view.state;
    view.facets.forEach(function (facet, i) {
      var counts = result.counts[i];
      var chosen = s.f[facet.key] || [];
      var values = Object.keys(counts);
      chosen.forEach(function (v) { if (values.indexOf(v) < 0) values.push(v); });
      if (!values.length) return;
      values.sort(function (a, b) {
        if (facet.order) {
          var x = facet.order(a), y = facet.order(b);
          if (x !== y) return x < y ? -1 : 1;
        }
        return (counts[b] || 0) - (counts[a] || 0) || (a < b ? -1 : a > b ? 1 : 0);
      });
      var section = el('section', 'facet');
      section.dataset.facet = facet.key;
      var heading = el('h2', '', facet.label);
      section.appendChild(heading);
      var list = el('ul');
      var expanded = view.expanded && view.expanded[facet.key];
      var hidden = 0;
      values.forEach(function (value, position) {
        var on = chosen.indexOf(value) >= 0;
        if (!expanded && position >= FACET_SHOWN && !on) { hidden += 1; return; }
        var item = el('li', counts[value] ? '' : 'zero');
        var label = el('label');
        var input = el('input');
        input.type = 'checkbox';
        input.checked = on;
        input.dataset.facet = facet.key;
        input.dataset.value = value;
        label.appendChild(input);
        label.appendChild(el('span', 'name', value));
        label.appendChild(el('span', 'n', counts[value] || 0));
        item.appendChild(label);
        list.appendChild(item);
      });
      section.appendChild(list);
      if (hidden || expanded) {
        var more = el('button', 'more', expanded ? 'show fewer' : 'show all ' + values.length);
        more.type = 'button';
        more.addEventListener('click', function () {
          view.expanded = view.expanded || {};
          view.expanded[facet.key] = !expanded;
          renderFacets(view);
        });
        section.appendChild(more);
      }
      box.appendChild(section);
    });
  }

  function renderTable(view, pages) {
    var s = view.state;
    var head = document.querySelector('#ex-table thead');
    var body = document.querySelector('#ex-table tbody');
    head.textContent = '';
    body.textContent = '';
    var tr = el('tr');
    view.columns.forEach(function (column) {
      var th = el('th', (column.num ? 'num ' : '') + (column.cls || ''));
      th.scope = 'col';
      th.dataset.key = column.key;
      if (column.key === s.sort) th.setAttribute('aria-sort', s.desc ? 'descending' : 'ascending');
      var button = el('button', '', column.label);
      button.type = 'button';
      button.title = 'Sort by ' + column.label.toLowerCase();
      th.appendChild(button);
      tr.appendChild(th);
    });
    head.appendChild(tr);

    var rows = result.rows;
    var first = s.page * PAGE;
    var shown = rows.slice(first, first + PAGE);
    var noun = view.noun[rows.length === 1 ? 0 : 1];
    $('ex-count').textContent = rows.length.toLocaleString('en-GB') + ' of ' + view.all.length.toLocaleString('en-GB') + ' ' + view.noun[1];
    $('ex-pageinfo').textContent = rows.length ? (first + 1) + '–' + (first + shown.length) + ' of ' + rows.length.toLocaleString('en-GB') : '';
    $('ex-prev').disabled = s.page === 0;
    $('ex-next').disabled = s.page >= pages - 1;
    $('ex-pager').hidden = pages <= 1;
    if (!shown.length) {
      var empty = el('tr');
      var cell = el('td', 'empty', 'No ' + noun + ' matches these filters.');
      cell.colSpan = view.columns.length;
      empty.appendChild(cell);
      body.appendChild(empty);
      return;
    }
    var selectedId = selection && view.select(shown[0]).kind === selection.kind ? selection.key : null;
    var pastToday = function (row) { return s.desc ? row.due < TODAY : row.due >= TODAY; };
    // today is marked once, before the first row past it (on an earlier page if that row is there)
    var todayDone = !(view.today && s.sort === 'due') || (first > 0 && pastToday(rows[first - 1]));
    var fragment = document.createDocumentFragment();
    var focusable = false;
    shown.forEach(function (row) {
      if (!todayDone && pastToday(row)) {
        fragment.appendChild(todayRow(view.columns.length, s.desc));
        todayDone = true;
      }
      var id = view.id(row);
      var line = el('tr', row.state === 'past due' || (current === 'tracker' && row.overdue) ? 'past-due' : '');
      line.dataset.id = id;
      line.tabIndex = -1;
      if (id === selectedId) line.setAttribute('aria-selected', 'true');
      if (id === focusedId || (focusedId === null && id === selectedId)) { line.tabIndex = 0; focusable = true; }
      view.columns.forEach(function (column) {
        var td = el('td', (column.num ? 'num ' : '') + (column.cls || ''));
        if (column.cell) td.appendChild(column.cell(row));
        else td.textContent = String(column.value(row));
        if (column.cls && column.cls.indexOf('clip') >= 0) td.title = td.textContent;
        line.appendChild(td);
      });
      fragment.appendChild(line);
    });
    // today after the last row of the page only when the next page starts after it
    if (!todayDone && first + shown.length === rows.length && rows.length) fragment.appendChild(todayRow(view.columns.length, s.desc));
    body.appendChild(fragment);
    if (!focusable) {
      var firstRow = body.querySelector('tr[data-id]');
      if (firstRow) firstRow.tabIndex = 0;
    }
  }

  function todayRow(span, desc) {
    var row = el('tr', 'ex-today');
    var cell = el('td', '', '▶ today ' + TODAY + ' — rows above are due ' + (desc ? 'after' : 'before') + ' today');
    cell.colSpan = span;
    row.appendChild(cell);
    return row;
  }

  // ------------------------------------------------------------------ cards

  function facts(pairs) {
    var list = el('dl', 'facts');
    pairs.forEach(function (pair) {
      if (pair[1] === '' || pair[1] === null || pair[1] === undefined) return;
      var term = el('dt', '', pair[0]);
      var value = el('dd', pair[2] || '');
      if (pair[1] instanceof Node) value.appendChild(pair[1]); else value.textContent = String(pair[1]);
      list.appendChild(term);
      list.appendChild(value);
    });
    return list;
  }

  function linkButton(text, target) {
    var button = el('button', '', text);
    button.type = 'button';
    button.addEventListener('click', function () { select(target); });
    return button;
  }

  function links(items) {
    var list = el('ul', 'links');
    items.forEach(function (item) {
      var li = el('li');
      li.appendChild(item);
      list.appendChild(li);
    });
    return list;
  }

  function deadlineText(c) {
    if (!c.e) return '';
    if (c.from) return c.dl + ' (starts ' + c.due + ')';
    return c.dl + ' (due ' + (c.s ? c.s + ' – ' : '') + c.e + ')';
  }

  function sourceText(c) {
    var doc = c.d >= 0 ? D.docs[c.d] : null;
    return (doc ? doc.title + (doc.published ? ' (' + doc.published + ')' : '') + ' · ' : '') + c.w;
  }

  function commitmentItem(c, options) {
    var item = el('li', c.state === 'past due' ? 'commitment past-due' : 'commitment');
    item.dataset.commitment = String(c.i);
    var quote = el('blockquote', 'c-quote', c.q || c.t);
    item.appendChild(quote);
    var state = null;
    if (c.state) {
      state = el('span');
      state.appendChild(el('span', 'c-deadline', deadlineText(c)));
      state.appendChild(document.createTextNode(' '));
      state.appendChild(chipCell(c.state.replace(' ', '-'), c.state));
    }
    var lead = c.lead.length ? links(c.lead.map(function (b) { return linkButton(bodyName(b), {kind: 'body', key: bodyName(b)}); })) : '';
    if (lead) lead.classList.add('c-lead');
    var pairs = [
      ['Lead', lead || 'not named', lead ? '' : 'c-lead'],
      ['Involves', c.inv.map(bodyName).join('; ')],
      ['Deadline', state || 'none stated', state ? '' : 'c-deadline'],
      ['Kind', c.k, 'c-kind'],
      ['Through', c.via.map(function (t) { return D.things[t].name; }).join('; ')],
      ['Source', sourceText(c), 'c-where']
    ];
    if (c.q && c.q !== c.t) pairs.splice(0, 0, ['Commitment', c.t]);
    if (options && options.recs && c.rec.length) {
      pairs.push(['Answers', links(c.rec.map(function (r) { return linkButton(recShort(D.recs[r]), {kind: 'rec', key: D.recs[r].key}); }))]);
    }
    item.appendChild(facts(pairs));
    return item;
  }

  function cardHead(card, heading) {
    var head = el('div', 'card-head');
    head.appendChild(el('h2', '', heading));
    var close = el('button', '', '✕');
    close.type = 'button';
    close.id = 'ex-close';
    close.title = 'Close (Esc)';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', closeCard);
    head.appendChild(close);
    card.appendChild(head);
  }

  function recCard(card, r) {
    card.dataset.kind = 'rec';
    card.dataset.key = r.key;
    cardHead(card, recLabel(r));
    card.appendChild(el('p', 'card-title', r.title));
    var status = chipCell('', r.status, D.statusColours[r.status]);
    card.appendChild(facts([['Inquiry', r.inquiry], ['Theme', r.themeNames.join('; ')], ['Latest status', status],
      ['Past due', r.overdue ? r.overdue + ' commitment' + (r.overdue === 1 ? '' : 's') : ''],
      ['Next deadline', r.next]]));

    card.appendChild(el('h3', '', 'Responses (' + r.resp.length + ')'));
    if (!r.resp.length) card.appendChild(el('p', 'note', 'No response to this recommendation in these documents.'));
    var history = el('ol', 'history');
    r.resp.forEach(function (response) {
      var item = el('li', 'response');
      var doc = response.d >= 0 ? D.docs[response.d] : null;
      var when = el('div', 'when');
      when.appendChild(el('span', 'r-date', doc && doc.published ? doc.published + ' · ' : ''));
      when.appendChild(el('span', 'r-doc', doc ? doc.title : 'curated facts'));
      item.appendChild(when);
      var line = el('div');
      line.appendChild(chipCell('r-status', response.status, D.statusColours[response.status]));
      item.appendChild(line);
      if (response.q) item.appendChild(el('blockquote', 'r-quote', response.q));
      if (response.w) item.appendChild(el('div', 'where', response.w));
      history.appendChild(item);
    });
    card.appendChild(history);

    var commitments = r.cs.map(function (ci) { return D.cs[ci]; });
    card.appendChild(el('h3', '', 'Commitments that answer it (' + commitments.length + ')'));
    if (!commitments.length) card.appendChild(el('p', 'note no-commitment', 'No commitment answers this recommendation.'));
    var list = el('ol', 'commitments');
    commitments.forEach(function (c) { list.appendChild(commitmentItem(c)); });
    card.appendChild(list);

    var bodies = {}, bills = {}, programmes = {};
    commitments.forEach(function (c) {
      c.lead.concat(c.inv).forEach(function (b) { bodies[b] = 1; });
      c.via.forEach(function (t) { (D.things[t].type === 'Legislation' ? bills : programmes)[t] = 1; });
    });
    card.appendChild(el('h3', '', 'Bodies, bills and programmes'));
    var bodyList = Object.keys(bodies).map(Number).sort(function (a, b) { return bodyName(a) < bodyName(b) ? -1 : 1; });
    var names = function (set) { return Object.keys(set).map(function (t) { return D.things[t].name; }).sort(); };
    card.appendChild(facts([
      ['Bodies', bodyList.length ? links(bodyList.map(function (b) { return linkButton(bodyName(b), {kind: 'body', key: bodyName(b)}); })) : 'none named', 'r-bodies'],
      ['Bills', names(bills).join('; ') || 'none named', 'r-bills'],
      ['Programmes', names(programmes).join('; ') || 'none named', 'r-programmes']
    ]));
  }

  var BODY_CARD_ROWS = 100;

  function bodyCard(card, b) {
    card.dataset.kind = 'body';
    card.dataset.key = b.name;
    cardHead(card, b.name);
    card.appendChild(facts([['Type', b.type], ['Rank', b.rank + ' of ' + D.bodies.length], ['Leads', b.led.length + ' commitments'],
      ['Involved in', b.involved.length + ' commitments'], ['Recommendations', b.nrecs], ['Past due', b.overdue]]));
    [['Leads', b.led], ['Involved in', b.involved]].forEach(function (part) {
      if (!part[1].length) return;
      card.appendChild(el('h3', '', part[0] + ' (' + part[1].length + ')'));
      var list = el('ol', 'commitments');
      var shown = 0;
      var more = function () {
        part[1].slice(shown, shown + BODY_CARD_ROWS).forEach(function (ci) { list.appendChild(commitmentItem(D.cs[ci], {recs: true})); });
        shown = Math.min(part[1].length, shown + BODY_CARD_ROWS);
      };
      more();
      card.appendChild(list);
      if (shown < part[1].length) {
        var button = el('button', 'more', 'show ' + Math.min(BODY_CARD_ROWS, part[1].length - shown) + ' more of ' + (part[1].length - shown));
        button.type = 'button';
        button.addEventListener('click', function () {
          more();
          if (shown >= part[1].length) button.remove();
          else button.textContent = 'show ' + Math.min(BODY_CARD_ROWS, part[1].length - shown) + ' more of ' + (part[1].length - shown);
        });
        card.appendChild(button);
      }
    });
  }

  function commitmentCard(card, c) {
    card.dataset.kind = 'c';
    card.dataset.key = String(c.i);
    cardHead(card, c.k === 'action taken' ? 'Action taken' : 'Commitment');
    var list = el('ol', 'commitments');
    list.appendChild(commitmentItem(c, {recs: true}));
    card.appendChild(list);
  }

  function findSelected() {
    if (!selection) return null;
    var key = selection.key;
    if (selection.kind === 'rec') {
      var found = D.recs.filter(function (r) { return r.key === key; })[0];
      // a bare number names the first recommendation with it
      if (!found && /^\d+$/.test(key)) found = D.recs.filter(function (r) { return String(r.n) === key; })[0];
      return found ? {kind: 'rec', item: found} : null;
    }
    if (selection.kind === 'body') {
      var body = D.bodies.filter(function (b) { return b.name === key; })[0];
      return body ? {kind: 'body', item: body} : null;
    }
    var c = /^\d+$/.test(key) ? D.cs[Number(key)] : null;
    return c ? {kind: 'c', item: c} : null;
  }

  function renderCard() {
    var card = $('ex-card');
    var found = findSelected();
    var main = $('ex-main');
    if (card.dataset.rendered === stateKey() && !card.hidden === !!found) return;
    card.textContent = '';
    card.dataset.rendered = stateKey();
    if (!found) {
      card.hidden = true;
      main.classList.remove('with-card');
      delete card.dataset.kind;
      delete card.dataset.key;
      return;
    }
    if (found.kind === 'rec') recCard(card, found.item);
    else if (found.kind === 'body') bodyCard(card, found.item);
    else commitmentCard(card, found.item);
    card.hidden = false;
    card.scrollTop = 0;
    main.classList.add('with-card');
  }

  function stateKey() { return selection ? selection.kind + ':' + selection.key : ''; }

  function select(target) {
    selection = target;
    renderCard();
    document.querySelectorAll('#ex-table tbody tr[aria-selected]').forEach(function (row) { row.removeAttribute('aria-selected'); });
    if (target) {
      document.querySelectorAll('#ex-table tbody tr[data-id]').forEach(function (row) {
        if (VIEWS[current].select({}).kind === target.kind && row.dataset.id === target.key) row.setAttribute('aria-selected', 'true');
      });
    }
    writeHash();
  }

  function closeCard() {
    select(null);
    var row = focusedId !== null ? rowById(focusedId) : null;
    if (row) row.focus();
  }

  // ------------------------------------------------------------------ CSV

  function csvCell(value) {
    var text = String(value === null || value === undefined ? '' : value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // a spreadsheet would run it as a formula
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csv() {
    var view = VIEWS[current];
    var rows = compute(view).rows;
    var lines = [view.columns.map(function (c) { return csvCell(c.label); }).join(',')];
    rows.forEach(function (row) {
      lines.push(view.columns.map(function (c) { return csvCell(c.value(row)); }).join(','));
    });
    return lines.join('\r\n') + '\r\n';
  }

  function downloadCsv() {
    var blob = new Blob(['\ufeff' + csv()], {type: 'text/csv;charset=utf-8'});
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'policykg-' + current + '.csv';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  // ------------------------------------------------------------------ events

  function rowById(id) {
    var rows = document.querySelectorAll('#ex-table tbody tr[data-id]');
    for (var i = 0; i < rows.length; i++) if (rows[i].dataset.id === id) return rows[i];
    return null;
  }

  function rowItem(row) {
    var id = row.dataset.id;
    return result.rows.filter(function (r) { return VIEWS[current].id(r) === id; })[0];
  }

  function openRow(row) {
    var item = rowItem(row);
    if (!item) return;
    focusedId = row.dataset.id;
    select(VIEWS[current].select(item));
  }

  function focusRow(row) {
    if (!row) return;
    document.querySelectorAll('#ex-table tbody tr[tabindex="0"]').forEach(function (r) { r.tabIndex = -1; });
    row.tabIndex = 0;
    row.focus();
    focusedId = row.dataset.id;
    if (selection && !$('ex-card').hidden && VIEWS[current].select({}).kind === selection.kind) openRow(row);
  }

  function changeView(name) {
    if (!VIEWS[name] || name === current) return;
    current = name;
    focusedId = null;
    render();
  }

  function setState(change) {
    change(VIEWS[current].state);
    render();
  }

  document.querySelectorAll('#ex-tabs button').forEach(function (button) {
    button.addEventListener('click', function () { changeView(button.dataset.view); });
    button.addEventListener('keydown', function (event) {
      var names = Object.keys(VIEWS);
      var step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      var next = names[(names.indexOf(current) + step + names.length) % names.length];
      changeView(next);
      $('ex-tab-' + next).focus();
    });
  });

  $('ex-facets').addEventListener('change', function (event) {
    var box = event.target;
    if (!box.dataset || !box.dataset.facet) return;
    setState(function (s) {
      var values = (s.f[box.dataset.facet] || []).filter(function (v) { return v !== box.dataset.value; });
      if (box.checked) values.push(box.dataset.value);
      if (values.length) s.f[box.dataset.facet] = values; else delete s.f[box.dataset.facet];
      s.page = 0;
    });
  });

  var searchTimer = null;
  $('ex-search').addEventListener('input', function () {
    clearTimeout(searchTimer);
    var value = this.value;
    searchTimer = setTimeout(function () { setState(function (s) { s.q = value; s.page = 0; }); }, 120);
  });
  $('ex-search').addEventListener('keydown', function (event) {
    if (event.key === 'Enter') { clearTimeout(searchTimer); var value = this.value; setState(function (s) { s.q = value; s.page = 0; }); }
    if (event.key === 'ArrowDown') { event.preventDefault(); focusRow(document.querySelector('#ex-table tbody tr[data-id]')); }
  });

  document.querySelector('#ex-table thead').addEventListener('click', function (event) {
    var th = event.target.closest('th');
    if (!th) return;
    setState(function (s) {
      if (s.sort === th.dataset.key) s.desc = !s.desc;
      else { s.sort = th.dataset.key; s.desc = ['overdue', 'commitments', 'led', 'involved', 'total', 'recs'].indexOf(th.dataset.key) >= 0; }
      s.page = 0;
    });
  });

  document.querySelector('#ex-table tbody').addEventListener('click', function (event) {
    var row = event.target.closest('tr[data-id]');
    if (row) { focusRow(row); openRow(row); }
  });

  document.querySelector('#ex-table tbody').addEventListener('keydown', function (event) {
    var row = event.target.closest('tr[data-id]');
    if (!row) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll('#ex-table tbody tr[data-id]'));
    var at = rows.indexOf(row);
    var target = null;
    if (event.key === 'ArrowDown') target = rows[at + 1];
    else if (event.key === 'ArrowUp') target = rows[at - 1];
    else if (event.key === 'Home') target = rows[0];
    else if (event.key === 'End') target = rows[rows.length - 1];
    else if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); openRow(row); return; }
    else if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      var s = VIEWS[current].state;
      var pages = Math.ceil(result.rows.length / PAGE);
      var page = s.page + (event.key === 'PageDown' ? 1 : -1);
      if (page >= 0 && page < pages) {
        setState(function (st) { st.page = page; });
        focusRow(document.querySelector('#ex-table tbody tr[data-id]'));
      }
      return;
    } else return;
    event.preventDefault();
    if (target) focusRow(target);
  });

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && selection) { event.preventDefault(); closeCard(); }
    else if (event.key === '/' && document.activeElement && document.activeElement.tagName !== 'INPUT') {
      event.preventDefault();
      $('ex-search').focus();
    }
  });

  $('ex-prev').addEventListener('click', function () { setState(function (s) { s.page = Math.max(0, s.page - 1); }); });
  $('ex-next').addEventListener('click', function () { setState(function (s) { s.page += 1; }); });
  $('ex-clear').addEventListener('click', function () { setState(function (s) { s.f = {}; s.q = ''; s.page = 0; }); });
  $('ex-csv').addEventListener('click', downloadCsv);

  window.addEventListener('hashchange', function () {
    if (location.hash === stateToHash()) return;
    readHash();
    render();
  });

  // ------------------------------------------------------------------ start

  var docs = D.docs.length;
  $('ex-summary').textContent = [
    D.recs.length + ' recommendation' + (D.recs.length === 1 ? '' : 's'),
    D.cs.length.toLocaleString('en-GB') + ' commitment' + (D.cs.length === 1 ? '' : 's'),
    D.bodies.length + ' bod' + (D.bodies.length === 1 ? 'y' : 'ies'),
    docs + ' document' + (docs === 1 ? '' : 's'),
    'today ' + TODAY
  ].join(' · ');

  readHash();
  render();
  if (selection) {
    var selectedRow = rowById(selection.key);
    if (selectedRow) { focusedId = selection.key; selectedRow.tabIndex = 0; selectedRow.scrollIntoView({block: 'center'}); }
  }

  window.explore = {
    data: D,
    today: TODAY,
    csv: csv,
    rows: function () { return result.rows; },
    view: function () { return current; },
    select: select,
    readyAt: performance.now(),
    ready: true
  };
}());
