/* The researcher's explorer (policykg explore).
   Every text from the documents is set with textContent; nothing is parsed as HTML.
   State (view, search, filters, sort, page, selection) lives in the URL's hash. */
(function () {
  'use strict';

  // The data block holds the explorer's data as JSON or, for a large graph, that JSON gzip-compressed
  // and base64-encoded ({"gzip": ...}), inflated here by the browser's own DecompressionStream.
  var block = JSON.parse(document.getElementById('explore-data').textContent);
  if (block.gzip) inflate(block.gzip).then(function (text) { explorer(JSON.parse(text)); });
  else explorer(block);

  function inflate(base64) {
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  }

  // The explorer itself (its body is not indented under this line).
  function explorer(D) {
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
  var progressRank = {};
  D.progressOrder.forEach(function (s, i) { progressRank[s] = i; });

  // The commitments come in columns, their texts as positions in D.strings (explore.py's pack_for_page):
  // rebuilt here as one object each, as explore_data describes them.
  D.cs = (function (columns) {
    var S = D.strings;
    var list = columns.t.map(function (t, i) {
      var c = {t: S[t], d: columns.d[i], w: S[columns.w[i]], lead: columns.lead[i]};
      if (columns.ws[i] >= 0) c.ws = columns.ws[i];
      if (columns.e[i]) { c.e = S[columns.e[i]]; c.dl = S[columns.dl[i]]; }
      return c;
    });
    Object.keys(columns).forEach(function (field) {
      if (Array.isArray(columns[field])) return;
      var texts = ['k', 'q', 's'].indexOf(field) >= 0;
      Object.keys(columns[field]).forEach(function (at) {
        var value = columns[field][at];
        if (texts) value = S[value];
        else if (field === 'fu') { // outcome, position, outcome, position, ...
          var pairs = [];
          for (var j = 0; j < value.length; j += 2) pairs.push([S[value[j]], value[j + 1]]);
          value = pairs;
        }
        list[at][field] = value;
      });
    });
    return list;
  }(D.cs));
  D.recs.forEach(function (r) { r.cs = []; }); // the commitments that answer each, in list order
  D.cs.forEach(function (c, i) { (c.rec || []).forEach(function (r) { D.recs[r].cs.push(i); }); });

  function located(item) { if (item.ws !== undefined) item.w += ' · ' + D.sections[item.ws]; }
  D.recs.forEach(function (r) { r.resp.forEach(located); });
  D.cs.forEach(function (c, i) {
    c.i = i;
    c.k = c.k || 'commitment';
    located(c);
    c.lead = c.lead || []; c.inv = c.inv || []; c.via = c.via || []; c.rec = c.rec || []; c.fu = c.fu || [];
    c.state = '';
    if (c.e) {
      if (c.from) { c.due = c.s || c.e; c.state = c.due <= TODAY ? 'started' : 'starts'; }
      else { c.due = c.e; c.state = c.e < TODAY ? 'past due' : 'due'; }
    }
  });
  // the latest evidence on a commitment: the last later statement published by today (delivered, re-dated,
  // dropped, in progress), or "silent" when it is past due and nothing later mentions it
  D.cs.forEach(function (c) {
    c.evidence = null;
    c.fu.forEach(function (pair) {
      var doc = D.docs[D.cs[pair[1]].d];
      if (!doc || !doc.published || doc.published <= TODAY) c.evidence = {outcome: pair[0], c: pair[1], published: doc ? doc.published : ''};
    });
    c.outcome = c.evidence ? c.evidence.outcome : c.state === 'past due' ? 'silent' : '';
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
        {key: 'status', label: 'Acceptance', value: function (r) { return r.status; },
         sort: function (r) { return statusRank[r.status]; },
         cell: function (r) { return chipCell('', r.status, D.statusColours[r.status]); }},
        {key: 'progress', label: 'Progress', cls: 'minor', value: function (r) { return r.progress; },
         sort: function (r) { return progressRank[r.progress]; },
         cell: function (r) { return chipCell('', r.progress, D.progressColours[r.progress]); }},
        {key: 'lead', label: 'Lead bodies', cls: 'clip minor', value: function (r) { return r.leadNames.join('; '); }},
        {key: 'next', label: 'Next deadline', cls: 'date', value: function (r) { return r.next; }, sort: function (r) { return r.next || '9999'; }},
        {key: 'overdue', label: 'Past due', num: true, cls: 'minor', value: function (r) { return r.overdue; }},
        {key: 'commitments', label: 'Commitments', num: true, value: function (r) { return r.cs.length; }}
      ],
      facets: [
        {key: 'inquiry', label: 'Inquiry', values: function (r) { return [r.inquiry]; }},
        {key: 'status', label: 'Acceptance', values: function (r) { return [r.status]; },
         order: function (v) { return statusRank[v] === undefined ? 99 : statusRank[v]; }},
        {key: 'progress', label: 'Progress', values: function (r) { return [r.progress]; },
         order: function (v) { return progressRank[v] === undefined ? 99 : progressRank[v]; }},
        {key: 'commitments', label: 'Commitments', values: function (r) { return [commitmentBucket(r.cs.length)]; },
         order: function (v) { return ['no commitment', '1–4', '5–9', '10 or more'].indexOf(v); }},
        {key: 'overdue', label: 'Overdue', values: function (r) { return [r.overdue ? 'has past-due commitments' : 'nothing past due']; }},
        {key: 'next', label: 'Next deadline', values: function (r) { return [r.next ? r.next.slice(0, 4) : 'no date ahead']; },
         order: function (v) { return v; }},
        {key: 'lead', label: 'Lead body', values: function (r) { return r.leadNames.length ? r.leadNames : [NONE]; }},
        {key: 'theme', label: 'Theme', values: function (r) { return r.themeNames.length ? r.themeNames : [NONE]; }}
      ],
      search: function (r) { return [r.n, r.title, r.inquiry, r.status, r.progress, r.themeNames.join(' '), r.leadNames.join(' ')].join(' '); }
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
      // a row goes in the group of its first inquiry or first lead body
      groups: {
        inquiry: {label: 'Inquiry', value: function (c) { return inquiriesOf(c)[0] || NONE; }},
        body: {label: 'Lead body', value: function (c) { return c.lead.length ? bodyName(c.lead[0]) : NONE; }}
      },
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
        {key: 'evidence', label: 'Latest evidence', value: function (c) {
          return c.outcome + (c.evidence && c.evidence.published ? ' (' + c.evidence.published + ')' : '');
        }},
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
        {key: 'kind', label: 'Kind', values: function (c) { return [c.k]; }},
        {key: 'evidence', label: 'Latest evidence', values: function (c) { return [c.outcome || 'none yet']; }}
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
  VIEWS.network = {title: 'Network', noun: ['node', 'nodes'], network: true, columns: [], facets: [], defaultSort: '',
    select: function () { return {kind: 'none'}; }};
  Object.keys(VIEWS).forEach(function (name) {
    VIEWS[name].name = name;
    VIEWS[name].state = {q: '', f: {}, sort: VIEWS[name].defaultSort, desc: false, page: 0, group: ''};
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
    if (s.group) params.set('group', s.group);
    Object.keys(s.f).sort().forEach(function (key) {
      s.f[key].forEach(function (value) { params.append('f.' + key, value); });
    });
    if (current === 'network') netHash(params);
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
    var s = {q: params.get('q') || '', f: {}, sort: view.defaultSort, desc: params.get('desc') === '1', page: 0, group: ''};
    if (view.groups && view.groups[params.get('group')]) s.group = params.get('group');
    var sort = params.get('sort');
    if (sort && view.columns.some(function (c) { return c.key === sort; })) s.sort = sort;
    var page = parseInt(params.get('page') || '1', 10);
    s.page = isFinite(page) && page > 1 ? page - 1 : 0;
    view.facets.forEach(function (f) {
      var values = params.getAll('f.' + f.key);
      if (values.length) s.f[f.key] = values;
    });
    view.state = s;
    if (current === 'network') readNetHash(params);
    selection = null;
    ['rec', 'body', 'c', 'n'].forEach(function (kind) {
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
    var groups = null;
    if (view.groups && view.groups[s.group]) {
      var groupOf = view.groups[s.group].value;
      var sizes = {};
      var keyed = rows.map(function (row, i) {
        var g = groupOf(row);
        sizes[g] = (sizes[g] || 0) + 1;
        return {g: g, i: i, row: row};
      });
      keyed.sort(function (a, b) {
        if (a.g !== b.g) return a.g === NONE ? 1 : b.g === NONE ? -1 : a.g < b.g ? -1 : 1;
        return a.i - b.i;
      });
      rows = keyed.map(function (k) { return k.row; });
      groups = {of: groupOf, sizes: sizes};
    }
    return {rows: rows, counts: counts, column: column, groups: groups};
  }

  // ------------------------------------------------------------------ rendering

  var result = null;

  function render() {
    var view = VIEWS[current];
    var s = view.state;
    var network = !!view.network;
    $('ex-main').classList.toggle('network', network);
    $('ex-net').hidden = !network;
    $('ex-tablewrap').hidden = network;
    if (network) {
      tabs();
      if ($('ex-search').value !== s.q) $('ex-search').value = s.q;
      $('ex-pager').hidden = true;
      renderNetwork();
      renderCard();
      writeHash();
      return;
    }
    result = compute(view);
    var pages = Math.max(1, Math.ceil(result.rows.length / PAGE));
    if (s.page >= pages) s.page = pages - 1;
    tabs();
    var search = $('ex-search');
    if (search.value !== s.q) search.value = s.q;
    renderFacets(view);
    renderTable(view, pages);
    renderCard();
    writeHash();
  }

  function tabs() {
    document.querySelectorAll('#ex-tabs button').forEach(function (button) {
      var on = button.dataset.view === current;
      button.setAttribute('aria-selected', on ? 'true' : 'false');
      button.tabIndex = on ? 0 : -1;
    });
  }

  function renderFacets(view) {
    var box = $('ex-facets');
    box.textContent = '';
    var s = view.state;
    if (view.groups) {
      var options = {'': 'nothing'};
      Object.keys(view.groups).forEach(function (key) { options[key] = view.groups[key].label; });
      box.appendChild(control('Group by', chooser('ex-group', options, s.group, function (v) {
        setState(function (st) { st.group = v; st.page = 0; });
      })));
    }
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
    // grouped: each group has its heading and its own today mark
    var grouped = result.groups;
    var groupKey = function (row) { return grouped ? grouped.of(row) : ''; };
    var startDone = function (k) {
      return !(view.today && s.sort === 'due') || (k > 0 && groupKey(rows[k - 1]) === groupKey(rows[k]) && pastToday(rows[k - 1]));
    };
    var todayDone = startDone(first);
    var previousGroup = first > 0 ? groupKey(rows[first - 1]) : null;
    var fragment = document.createDocumentFragment();
    var focusable = false;
    shown.forEach(function (row, j) {
      var group = groupKey(row);
      if (grouped && (group !== previousGroup || j === 0)) {
        if (group !== previousGroup) {
          if (!todayDone && j > 0) fragment.appendChild(todayRow(view.columns.length, s.desc)); // the last group ended before today
          todayDone = startDone(first + j);
        }
        fragment.appendChild(groupRow(group, grouped.sizes[group], view, group === previousGroup));
      }
      previousGroup = group;
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

  function groupRow(name, size, view, continued) {
    var row = el('tr', 'ex-group');
    row.dataset.group = name;
    var cell = el('td', '', name + ' — ' + size + ' ' + view.noun[size === 1 ? 0 : 1] + (continued ? ' (continued)' : ''));
    cell.colSpan = view.columns.length;
    row.appendChild(cell);
    return row;
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
      ['Source', sourceText(c), 'c-where'],
      ['Latest evidence', c.evidence ? c.outcome + ' — ' + sourceText(D.cs[c.evidence.c]) + ': ' + D.cs[c.evidence.c].t
        : c.outcome === 'silent' ? 'silent: past due and no later document mentions it' : '', 'c-evidence']
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
    var progress = chipCell('', r.progress, D.progressColours[r.progress]);
    card.appendChild(facts([['Inquiry', r.inquiry], ['Theme', r.themeNames.join('; ')], ['Acceptance', status, 'r-acceptance'],
      ['Progress', progress, 'r-progress'],
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
      if (response.status !== D.noStatus || !response.p) line.appendChild(chipCell('r-status', response.status, D.statusColours[response.status]));
      if (response.p) line.appendChild(chipCell('r-prog', response.p, D.progressColours[response.p]));
      item.appendChild(line);
      if (response.q) item.appendChild(el('blockquote', 'r-quote', response.q));
      if (response.w) item.appendChild(el('div', 'where', response.w));
      history.appendChild(item);
    });
    card.appendChild(history);

    var commitments = r.cs.map(function (ci) { return D.cs[ci]; });
    card.appendChild(el('h3', '', 'Commitments that answer it (' + commitments.length + ')'));
    if (!commitments.length) card.appendChild(el('p', 'note no-commitment', 'No commitment answers this recommendation.'));
    pagedCommitments(card, r.cs, {});

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
      pagedCommitments(card, part[1], {recs: true});
    });
  }

  /** A card's list of commitments, BODY_CARD_ROWS at a time ("show more" adds the next ones). */
  function pagedCommitments(card, indices, options) {
    var list = el('ol', 'commitments');
    var shown = 0;
    var more = function () {
      indices.slice(shown, shown + BODY_CARD_ROWS).forEach(function (ci) { list.appendChild(commitmentItem(D.cs[ci], options)); });
      shown = Math.min(indices.length, shown + BODY_CARD_ROWS);
    };
    var label = function () { return 'show ' + Math.min(BODY_CARD_ROWS, indices.length - shown) + ' more of ' + (indices.length - shown); };
    more();
    card.appendChild(list);
    if (shown < indices.length) {
      var button = el('button', 'more', label());
      button.type = 'button';
      button.addEventListener('click', function () {
        more();
        if (shown >= indices.length) button.remove();
        else button.textContent = label();
      });
      card.appendChild(button);
    }
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
    if (selection.kind === 'n') {
      var node = netGraph().nodes[key];
      return node ? {kind: 'n', item: node} : null;
    }
    var c = /^\d+$/.test(key) ? D.cs[Number(key)] : null;
    return c ? {kind: 'c', item: c} : null;
  }

  function renderCard() {
    var card = $('ex-card');
    var found = findSelected();
    var main = $('ex-main');
    var rendered = stateKey() + (current === 'network' ? ' ' + JSON.stringify(NET.state) : '');
    if (card.dataset.rendered === rendered && !card.hidden === !!found) return;
    card.textContent = '';
    card.dataset.rendered = rendered;
    if (!found) {
      card.hidden = true;
      main.classList.remove('with-card');
      delete card.dataset.kind;
      delete card.dataset.key;
      return;
    }
    if (found.kind === 'rec') recCard(card, found.item);
    else if (found.kind === 'body') bodyCard(card, found.item);
    else if (found.kind === 'n') genericCard(card, found.item);
    else commitmentCard(card, found.item);
    if (current === 'network') netActions(card);
    card.hidden = false;
    card.scrollTop = 0;
    main.classList.add('with-card');
  }

  function stateKey() { return selection ? selection.kind + ':' + selection.key : ''; }

  function select(target) {
    selection = target;
    if (current === 'network') renderNetwork();
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

  // ------------------------------------------------------------------ network view
  //
  // The graph the explorer's lists describe (recommendations, commitments, bodies, bills and
  // programmes, inquiries, themes, documents), drawn with vis-network. It opens on an overview
  // where commitments are folded into weighted edges between what they join; a click opens a
  // node's neighbours; every change of what is drawn re-lays it out and fits it to the canvas
  // (colour, size and search marks change only the look).
  // Labels are drawn by this script, largest nodes first, and a label that would collide with
  // one already drawn is left out.

  var NET_KINDS = ['rec', 'c', 'body', 'thing', 'inq', 'theme', 'doc'];
  var KIND_NAMES = {rec: 'Recommendations', c: 'Commitments', body: 'Bodies', thing: 'Bills and programmes',
    inq: 'Inquiries', theme: 'Themes', doc: 'Documents'};
  var OVERVIEWS = {rec: 'Recommendations and lead bodies', body: 'Bodies and what they deliver through', doc: 'Documents and recommendations'};
  var COLOUR_BY = {type: 'Type', acceptance: 'Acceptance', progress: 'Progress', overdue: 'Overdue', degree: 'Degree'};
  var SIZE_BY = {degree: 'Degree', commitments: 'Commitments', same: 'All the same'};
  var EXPAND_MAX = D.limits.expand;         // neighbours a click opens (most connected first)
  var OVERVIEW_MAX = D.limits.main;         // nodes of the main kind an overview draws (most commitments first)
  var OVERVIEW_OTHERS = D.limits.others;    // nodes of the second kind
  var EDGES_PER_NODE = 4;    // above this many edges a node, folded edges keep only each node's strongest
  var STRONGEST = 3;
  var NA = 'not applicable';
  var DEGREE_BUCKETS = [[1, '1'], [4, '2–4'], [9, '5–9'], [49, '10–49'], [Infinity, '50 or more']];
  var DEGREE_COLOURS = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
  var OVERDUE_COLOURS = {'past due': '#c0392b', 'not past due': '#1e8449', 'no deadline': '#95a5a6'};

  var G = null;

  /** The whole graph behind the view: nodes by id ('r3', 'c12', 'b0', ...) with their neighbours. */
  function netGraph() {
    if (G) return G;
    var nodes = {};
    var order = [];
    function add(id, kind, name, short, type, item) {
      var node = {id: id, kind: kind, name: name, short: short, type: type, item: item, adj: [], at: order.length,
        commitments: kind === 'c' ? 1 : 0};
      nodes[id] = node;
      order.push(id);
      return node;
    }
    function link(a, b) { // nodes; ``a``: a commitment (a few neighbours) or a recommendation whose links are each made once
      if (a === b || !b || (a.kind === 'c' && a.adj.indexOf(b.id) >= 0)) return;
      a.adj.push(b.id); b.adj.push(a.id);
      if (a.kind === 'c') b.commitments += 1;
    }
    // "Independent Inquiry into Child Sexual Abuse" → "IICSA" (a recommendation's label names its inquiry short)
    function initials(name) {
      return name.split(/\s+/).filter(function (w) { return /^[A-Z0-9]/.test(w); }).map(function (w) { return w[0]; }).join('').slice(0, 8);
    }
    var recs = D.recs.map(function (r) {
      var several = D.inquiries.length > 1 && r.inq >= 0;
      var name = recLabel(r) + (several ? ' (' + D.inquiries[r.inq] + ')' : '');
      var short = (r.n !== null && r.n !== undefined ? 'Rec. ' + r.n : 'Rec.') + (several ? ' · ' + initials(D.inquiries[r.inq]) : '');
      return add('r' + r.i, 'rec', name, clip(short, 30), 'Recommendation', r);
    });
    // a commitment's short label is made when it is first drawn (labelText): there are 170,000 at 1,000 documents
    var commitments = D.cs.map(function (c) { return add('c' + c.i, 'c', c.t, undefined, 'Commitment', c); });
    var bodies = D.bodies.map(function (b) { return add('b' + b.i, 'body', b.name, clip(b.name, 30), b.type, b); });
    var things = D.things.map(function (t, i) { return add('t' + i, 'thing', t.name, clip(t.name, 30), t.type, t); });
    var inquiries = D.inquiries.map(function (q, i) { return add('q' + i, 'inq', q, clip(q, 30), 'Inquiry', null); });
    var themes = D.themes.map(function (h, i) { return add('h' + i, 'theme', h, clip(h, 30), 'Theme', null); });
    var docs = D.docs.map(function (d, i) { return add('d' + i, 'doc', d.title, clip(d.title, 30), 'Document', d); });
    D.recs.forEach(function (r) {
      var node = recs[r.i];
      if (r.inq >= 0) link(node, inquiries[r.inq]);
      r.themes.forEach(function (h) { link(node, themes[h]); });
      var seen = {}; // one link per document, however many responses it holds
      r.resp.forEach(function (response) { if (response.d >= 0 && !seen[response.d]) { seen[response.d] = 1; link(node, docs[response.d]); } });
    });
    D.cs.forEach(function (c) {
      var node = commitments[c.i];
      c.rec.forEach(function (r) { link(node, recs[r]); });
      c.lead.forEach(function (b) { link(node, bodies[b]); });
      c.inv.forEach(function (b) { link(node, bodies[b]); });
      c.via.forEach(function (t) { link(node, things[t]); });
      if (c.d >= 0) link(node, docs[c.d]);
    });
    order.forEach(function (id) {
      var node = nodes[id];
      node.degree = node.adj.length;
    });
    G = {nodes: nodes, order: order};
    return G;
  }

  /** A node's neighbours most connected first (a click opens the first EXPAND_MAX); sorted when first asked for. */
  function sortedAdj(id) {
    var g = netGraph();
    var node = g.nodes[id];
    if (!node.sorted) {
      node.sorted = node.adj.slice().sort(function (a, b) { return g.nodes[b].degree - g.nodes[a].degree || g.nodes[a].at - g.nodes[b].at; });
    }
    return node.sorted;
  }

  /** How two neighbours are joined, in words. */
  function relation(a, b) {
    var g = netGraph();
    var x = g.nodes[a], y = g.nodes[b];
    if (y.kind === 'c') { var t = x; x = y; y = t; }
    if (x.kind === 'c') {
      if (y.kind === 'rec') return 'answers';
      if (y.kind === 'body') return x.item.lead.indexOf(y.item.i) >= 0 ? 'led by' : 'involves';
      if (y.kind === 'thing') return 'through';
      return 'stated in';
    }
    if (y.kind === 'rec') { t = x; x = y; y = t; }
    return {inq: 'made by', theme: 'theme', doc: 'response in'}[y.kind] || '';
  }

  function byWeight(ids, weight) {
    var g = netGraph();
    return ids.slice().sort(function (a, b) { return weight(b) - weight(a) || g.nodes[a].at - g.nodes[b].at; });
  }

  var kindLists = null;
  /** The ids of one kind, in list order (computed once). */
  function ofKind(kind) {
    if (!kindLists) {
      var g = netGraph();
      kindLists = {};
      NET_KINDS.forEach(function (k) { kindLists[k] = []; });
      g.order.forEach(function (id) { kindLists[g.nodes[id].kind].push(id); });
    }
    return kindLists[kind];
  }

  var overviews = {};
  /** The overview: the main kind (most connected first) and the second kind they are joined to (chosen once per overview). */
  function overviewIds(agg) {
    if (!overviews[agg]) overviews[agg] = chooseOverview(agg);
    NET.left = {main: overviews[agg].left};
    return overviews[agg].ids;
  }

  function chooseOverview(agg) {
    var g = netGraph();
    var weight = function (id) { return g.nodes[id].commitments; };
    var main, others = [];
    var tally = {};
    function through(ids, kinds) { // nodes of ``kinds`` joined to ``ids``, directly or through commitments (counted)
      ids.forEach(function (id) {
        g.nodes[id].adj.forEach(function (n) { if (kinds.indexOf(g.nodes[n].kind) >= 0) tally[n] = (tally[n] || 0) + 1; });
        sharedCommitments(id).forEach(function (count, n) { if (kinds.indexOf(g.nodes[n].kind) >= 0) tally[n] = (tally[n] || 0) + count; });
      });
      return byWeight(Object.keys(tally), function (id) { return tally[id]; });
    }
    if (agg === 'body') {
      main = byWeight(ofKind('body'), weight).slice(0, OVERVIEW_MAX);
      others = through(main, ['thing']).slice(0, OVERVIEW_OTHERS);
    } else if (agg === 'doc') {
      main = byWeight(ofKind('doc'), weight).slice(0, OVERVIEW_MAX);
      others = through(main, ['rec']).slice(0, OVERVIEW_MAX);
    } else {
      main = byWeight(ofKind('rec'), weight).slice(0, OVERVIEW_MAX);
      var inquiries = {};
      main.forEach(function (id) { g.nodes[id].adj.forEach(function (n) { if (g.nodes[n].kind === 'inq') inquiries[n] = 1; }); });
      others = Object.keys(inquiries).concat(through(main, ['body']).slice(0, OVERVIEW_OTHERS));
    }
    return {ids: main.concat(others), left: Math.max(0, ofKind(agg === 'body' ? 'body' : agg === 'doc' ? 'doc' : 'rec').length - main.length)};
  }

  var NET = {
    state: {agg: 'rec', colour: 'type', size: 'degree', open: [], focus: '', from: '', to: '', hide: {}},
    network: null, pos: {}, stable: false, visible: [], edges: [], labels: [], path: null, left: {}, more: {}
  };

  function defaultNetState() { return {agg: 'rec', colour: 'type', size: 'degree', open: [], focus: '', from: '', to: '', hide: {}}; }

  var pathCache = {key: null, path: null};
  /** Shortest path between two nodes (breadth first, documents left out: they join everything they state);
      found again only when the two ends change. */
  function shortestPath(from, to) {
    var g = netGraph();
    if (!g.nodes[from] || !g.nodes[to]) return null;
    if (pathCache.key === from + '|' + to) return pathCache.path;
    var previous = new Int32Array(g.order.length).fill(-1); // by each node's position in g.order
    var start = g.nodes[from].at, end = g.nodes[to].at;
    previous[start] = start;
    var queue = [start];
    for (var head = 0; head < queue.length && previous[end] < 0; head++) {
      var adj = g.nodes[g.order[queue[head]]].adj;
      for (var i = 0; i < adj.length; i++) {
        var next = g.nodes[adj[i]];
        if (previous[next.at] >= 0 || next.kind === 'doc') continue;
        previous[next.at] = queue[head];
        queue.push(next.at);
      }
    }
    var path = [];
    if (previous[end] >= 0) {
      for (var at = end; at !== start; at = previous[at]) path.unshift(g.order[at]);
      path.unshift(from);
    }
    pathCache = {key: from + '|' + to, path: path};
    return path;
  }

  /** The ids drawn: the overview (or a focus and its neighbours), what clicks opened, the path. */
  function visibleIds() {
    var g = netGraph();
    var s = NET.state;
    var seen = {};
    var ids = [];
    var keep = {}; // shown whatever the type filter says
    function push(id, always) {
      if (!g.nodes[id]) return;
      if (always) keep[id] = 1;
      if (!seen[id]) { seen[id] = 1; ids.push(id); }
    }
    NET.more = {};
    function open(id) {
      push(id, true);
      var shown = 0;
      sortedAdj(id).forEach(function (n) {
        if (s.hide[g.nodes[n].kind]) return;
        if (shown < EXPAND_MAX) { push(n); shown += 1; } else NET.more[id] = (NET.more[id] || 0) + 1;
      });
    }
    if (s.focus && g.nodes[s.focus]) open(s.focus);
    else overviewIds(s.agg).forEach(function (id) { push(id); });
    s.open.forEach(function (id) { if (g.nodes[id]) open(id); });
    NET.path = null;
    if (s.from && s.to) {
      NET.path = shortestPath(s.from, s.to);
      (NET.path || []).forEach(function (id) { push(id, true); });
    }
    return ids.filter(function (id) { return keep[id] || !s.hide[g.nodes[id].kind]; });
  }

  /** How many commitments ``id`` shares with each node it reaches through one (a Map by id; counted when first asked for). */
  function sharedCommitments(id) {
    var g = netGraph();
    var node = g.nodes[id];
    if (!node.shared) {
      var shared = new Map();
      node.adj.forEach(function (c) {
        if (g.nodes[c].kind !== 'c') return;
        g.nodes[c].adj.forEach(function (n) { if (n !== id) shared.set(n, (shared.get(n) || 0) + 1); });
      });
      node.shared = shared;
    }
    return node.shared;
  }

  /** Edges between the drawn nodes: direct ones, and the commitments not drawn folded into weighted edges
      (computed again only when the drawn nodes or the overview changed). */
  function visibleEdges(ids) {
    var key = NET.state.agg + '|' + ids.join(',');
    if (NET.edgeCache && NET.edgeCache.key === key) { NET.thinned = NET.edgeCache.thinned; return NET.edgeCache.edges; }
    var g = netGraph();
    var on = {};
    ids.forEach(function (id) { on[id] = 1; });
    var edges = {};
    var keys = [];
    function pairKey(a, b) { return g.nodes[a].at < g.nodes[b].at ? a + '|' + b : b + '|' + a; }
    function add(a, b, weight, folded) {
      if (g.nodes[a].at > g.nodes[b].at) { var t = a; a = b; b = t; }
      var key = a + '|' + b;
      if (!edges[key]) { edges[key] = {id: key, from: a, to: b, w: 0, folded: 0}; keys.push(key); }
      edges[key].w += weight;
      if (folded) edges[key].folded += weight;
    }
    ids.forEach(function (id) {
      g.nodes[id].adj.forEach(function (n) { if (on[n] && g.nodes[id].at < g.nodes[n].at) add(id, n, 1, false); });
    });
    var bodyPairs = NET.state.agg === 'body';
    // a document states all its commitments: folded into edges it would join everything, so only its own overview does that
    var docPairs = NET.state.agg === 'doc';
    // two drawn nodes sharing a drawn commitment are joined through it, not by a folded edge
    var throughDrawn = {};
    ids.forEach(function (id) {
      if (g.nodes[id].kind !== 'c') return;
      var ends = g.nodes[id].adj.filter(function (n) { return on[n]; });
      for (var i = 0; i < ends.length; i++) {
        for (var j = i + 1; j < ends.length; j++) { var k = pairKey(ends[i], ends[j]); throughDrawn[k] = (throughDrawn[k] || 0) + 1; }
      }
    });
    ids.forEach(function (id) {
      var a = g.nodes[id];
      if (a.kind === 'c' || (a.kind === 'doc' && !docPairs)) return;
      sharedCommitments(id).forEach(function (count, n) {
        var b = on[n] ? g.nodes[n] : null;
        if (!b || a.at > b.at || (b.kind === 'doc' && !docPairs) || (a.kind === b.kind && !(bodyPairs && a.kind === 'body'))) return;
        var folded = count - (throughDrawn[id + '|' + n] || 0);
        if (folded > 0) add(id, n, folded, true);
      });
    });
    var all = keys.map(function (key) { return edges[key]; });
    NET.thinned = 0;
    var kept = all;
    if (all.length > EDGES_PER_NODE * ids.length) {
      // too many to read: a folded edge stays if it is among the STRONGEST of one of its ends
      var byNode = {};
      all.forEach(function (e) {
        if (!e.folded) return;
        (byNode[e.from] = byNode[e.from] || []).push(e);
        (byNode[e.to] = byNode[e.to] || []).push(e);
      });
      var keep = {};
      Object.keys(byNode).forEach(function (id) {
        byNode[id].sort(function (a, b) { return b.w - a.w || (a.id < b.id ? -1 : 1); });
        byNode[id].slice(0, STRONGEST).forEach(function (e) { keep[e.id] = 1; });
      });
      kept = all.filter(function (e) { return !e.folded || keep[e.id]; });
      NET.thinned = all.length - kept.length;
    }
    NET.edgeCache = {key: key, edges: kept, thinned: NET.thinned};
    return kept;
  }

  // ---- colour and size by an attribute

  function attribute(node, by) {
    var item = node.item;
    if (by === 'type') return node.type;
    if (by === 'acceptance') return node.kind === 'rec' ? item.status : NA;
    if (by === 'progress') return node.kind === 'rec' ? item.progress : NA;
    if (by === 'overdue') {
      if (node.kind === 'rec' || node.kind === 'body') return item.overdue ? 'past due' : 'not past due';
      if (node.kind === 'c') return item.state === 'past due' ? 'past due' : item.due ? 'not past due' : 'no deadline';
      return NA;
    }
    for (var i = 0; i < DEGREE_BUCKETS.length; i++) if (node.degree <= DEGREE_BUCKETS[i][0]) return DEGREE_BUCKETS[i][1];
    return DEGREE_BUCKETS[DEGREE_BUCKETS.length - 1][1];
  }

  function attributeOrder(by) {
    if (by === 'type') return Object.keys(D.typeStyle);
    if (by === 'acceptance') return D.statusOrder.concat([NA]);
    if (by === 'progress') return D.progressOrder.concat([NA]);
    if (by === 'overdue') return ['past due', 'not past due', 'no deadline', NA];
    return DEGREE_BUCKETS.map(function (b) { return b[1]; });
  }

  function colourOf(value, by) {
    if (value === NA) return '#d5dbe1';
    if (by === 'type') return (D.typeStyle[value] || ['#7f8c8d'])[0];
    if (by === 'acceptance') return D.statusColours[value] || '#95a5a6';
    if (by === 'progress') return D.progressColours[value] || '#95a5a6';
    if (by === 'overdue') return OVERDUE_COLOURS[value];
    return DEGREE_COLOURS[attributeOrder('degree').indexOf(value)];
  }

  function shapeOf(node) {
    var shape = (D.typeStyle[node.type] || [null, 'dot'])[1];
    return shape === 'triangleDown' ? 'triangleDown' : shape;
  }

  function sizeOf(node, by, max) {
    if (by === 'same') return 10;
    var value = by === 'commitments' ? node.commitments : node.degree;
    return 6 + 22 * Math.sqrt(value / Math.max(1, max));
  }

  // ---- layout
  //
  // The layout is computed here and vis-network only draws (its physics stays off), so a change
  // costs a bounded number of steps whatever the graph: every pair of drawn nodes pushes apart
  // (k² over the gap between their rims, so big nodes keep clear of each other), every edge pulls
  // its ends together (distance² over k, a little more for a heavier folded edge), and a weak pull
  // to the centre keeps separate parts in view (Fruchterman and Reingold's layout). The longest
  // step a node may take shrinks to nothing, so the layout ends after a known number of steps and
  // the same state gives the same drawing. Nodes already drawn start where they were; new ones
  // beside a drawn neighbour, or on a ring.

  var SPRING = 70;              // the distance joined nodes settle at, about (vis-network's units)
  var GRAVITY = 0.3;            // the pull to the centre, per unit of distance
  var LAYOUT_STEPS = 300;       // steps from scratch (fewer than half the nodes already placed)
  var WARM_STEPS = 120;         // steps when most nodes keep their places
  var FEWEST_STEPS = 40;
  var LAYOUT_PAIRS = 8e6;       // node pairs a layout may visit in all: fewer steps for a large view

  var seed = 1;
  function random() { seed = (seed * 16807) % 2147483647; return (seed - 1) / 2147483646; }

  /** Positions for ``ids`` joined by ``edges`` (sizes: each node's radius); writes them to NET.pos. */
  function layout(ids, edges, sizes) {
    var g = netGraph();
    var n = ids.length;
    var index = {};
    var x = new Float64Array(n), y = new Float64Array(n), r = new Float64Array(n);
    var placed = 0;
    ids.forEach(function (id, i) {
      index[id] = i;
      r[i] = sizes[id] || 10;
      if (NET.pos[id]) { x[i] = NET.pos[id].x; y[i] = NET.pos[id].y; placed += 1; }
    });
    ids.forEach(function (id, i) { // new nodes start beside a drawn neighbour, or on a ring
      if (NET.pos[id]) return;
      var near = null;
      var adj = g.nodes[id].adj;
      for (var a = 0; a < adj.length && !near; a++) if (NET.pos[adj[a]] && index[adj[a]] !== undefined) near = NET.pos[adj[a]];
      var angle = random() * 2 * Math.PI;
      var radius = near ? 40 + 40 * random() : 150 + 250 * random();
      x[i] = (near ? near.x : 0) + radius * Math.cos(angle);
      y[i] = (near ? near.y : 0) + radius * Math.sin(angle);
    });
    var m = edges.length;
    var from = new Int32Array(m), to = new Int32Array(m), pull = new Float64Array(m);
    edges.forEach(function (e, j) { from[j] = index[e.from]; to[j] = index[e.to]; pull[j] = 1 + Math.min(2, Math.log(e.w) / Math.LN10); });
    var warm = placed * 2 > n;
    var steps = Math.max(FEWEST_STEPS, Math.min(warm ? WARM_STEPS : LAYOUT_STEPS, Math.floor(LAYOUT_PAIRS / Math.max(1, n * n))));
    var heat = (warm ? 1 : 4) * SPRING; // the longest step at first
    var k2 = SPRING * SPRING;
    var fx = new Float64Array(n), fy = new Float64Array(n);
    var cx = 0, cy = 0;
    for (var i = 0; i < n; i++) { cx += x[i] / n; cy += y[i] / n; }
    for (var step = 0; step < steps; step++) {
      for (i = 0; i < n; i++) { fx[i] = -GRAVITY * (x[i] - cx); fy[i] = -GRAVITY * (y[i] - cy); }
      for (i = 0; i < n; i++) {
        var xi = x[i], yi = y[i], ri = r[i];
        for (var j = i + 1; j < n; j++) {
          var dx = xi - x[j], dy = yi - y[j];
          var d = Math.sqrt(dx * dx + dy * dy);
          if (d < 0.01) { dx = 0.01 * (i - j); dy = 0.01; d = Math.sqrt(dx * dx + dy * dy); }
          var gap = Math.max(1, d - ri - r[j]);
          var push = k2 / gap / d;
          fx[i] += dx * push; fy[i] += dy * push;
          fx[j] -= dx * push; fy[j] -= dy * push;
        }
      }
      for (var e = 0; e < m; e++) {
        var a = from[e], b = to[e];
        var ex = x[a] - x[b], ey = y[a] - y[b];
        var dist = Math.sqrt(ex * ex + ey * ey);
        var f = dist * pull[e] / SPRING; // (distance² / k) along the unit vector
        fx[a] -= ex * f; fy[a] -= ey * f;
        fx[b] += ex * f; fy[b] += ey * f;
      }
      var limit = heat * (1 - step / steps);
      for (i = 0; i < n; i++) {
        var len = Math.sqrt(fx[i] * fx[i] + fy[i] * fy[i]);
        if (len > 0) { var move = Math.min(len, limit) / len; x[i] += fx[i] * move; y[i] += fy[i] * move; }
      }
    }
    ids.forEach(function (id, i) { NET.pos[id] = {x: x[i], y: y[i]}; });
  }

  var HIDDEN = 'hidden';
  var KEEP_HIDDEN = 2000; // nodes (or edges) kept hidden in vis-network's data for a later view, at most

  /** The drawn nodes fitted to the canvas. */
  function fitDrawing() { NET.network.fit({nodes: NET.visible, animation: false, maxZoomLevel: 2.5}); }

  // ---- drawing: vis-network draws the nodes and edges in two DataSets, changed in place (what
  // left the view removed, what changed updated in one batch), with physics off

  function canvasBox() { return $('ex-canvas'); }

  function ensureNetwork() {
    if (NET.network) return NET.network;
    /* global vis */
    NET.nodeSet = new vis.DataSet();
    NET.edgeSet = new vis.DataSet();
    NET.drawn = {nodes: {}, edges: {}};
    NET.network = new vis.Network(canvasBox(), {nodes: NET.nodeSet, edges: NET.edgeSet}, {
      autoResize: true,
      layout: {randomSeed: 7, improvedLayout: false},
      nodes: {borderWidth: 1, label: undefined, font: {size: 0}},
      edges: {smooth: false, color: {color: '#b7c0ca', highlight: '#1f3a5f', hover: '#1f3a5f'}, selectionWidth: 1.5},
      physics: {enabled: false},
      interaction: {hover: true, keyboard: false, multiselect: false, tooltipDelay: 1e9, zoomSpeed: 0.6}
    });
    NET.network.on('afterDrawing', drawLabels);
    // one tooltip, ours (vis-network's own is not used): shown while the pointer is on a node, gone on anything else
    NET.network.on('hoverNode', function (event) { showTip(event.node, event.pointer && event.pointer.DOM); });
    ['blurNode', 'dragStart', 'zoom', 'click'].forEach(function (name) { NET.network.on(name, hideTip); });
    var box = canvasBox();
    box.tabIndex = 0;
    box.addEventListener('keydown', netKey);
    NET.network.on('click', function (event) {
      if (event.nodes && event.nodes.length) netClick(event.nodes[0]);
    });
    return NET.network;
  }

  function clip(text, n) { return text.length > n ? text.slice(0, n - 1).replace(/\s+$/, '') + '…' : text; }

  /** The label drawn under a node (a commitment's is clipped when first asked for). */
  function labelText(node) {
    if (node.short === undefined) node.short = clip(node.name, 28);
    return node.short;
  }

  /** Keys on the focused canvas: ← → move the selection through the drawn nodes (most important first),
      Enter opens or closes the selected node's neighbours, + − zoom, 0 fits the drawing. */
  function netKey(event) {
    var network = NET.network;
    var order = NET.navOrder || [];
    var at = order.indexOf(selectedNode());
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      if (!order.length) return;
      event.preventDefault();
      var next = order[(at + (event.key === 'ArrowRight' ? 1 : order.length - 1 + (at < 0 ? 1 : 0))) % order.length];
      selection = nodeSelection(next);
      renderNetwork();
      renderCard();
      writeHash();
    } else if (event.key === 'Enter' && at >= 0) {
      event.preventDefault();
      netChange(function (st) {
        var id = order[at];
        var open = st.open.indexOf(id);
        if (open >= 0) st.open.splice(open, 1); else if (st.focus !== id) st.open.push(id);
      });
    } else if (event.key === '+' || event.key === '=' || event.key === '-') {
      event.preventDefault();
      network.moveTo({scale: network.getScale() * (event.key === '-' ? 1 / 1.25 : 1.25)});
    } else if (event.key === '0') {
      event.preventDefault();
      fitDrawing();
    }
  }

  function hideTip() { var tip = $('ex-tip'); if (tip) { tip.hidden = true; delete tip.dataset.id; } }

  /** The hovered node's whole name, type, connections and the colour attribute's value. */
  function showTip(id, at) {
    var node = netGraph().nodes[id];
    var box = canvasBox();
    var tip = $('ex-tip');
    if (!tip) {
      tip = el('div');
      tip.id = 'ex-tip';
      tip.setAttribute('role', 'tooltip');
      box.appendChild(tip);
    }
    if (!node || !at) { hideTip(); return; }
    tip.textContent = '';
    tip.dataset.id = id;
    tip.appendChild(el('strong', '', node.name.length > 240 ? node.name.slice(0, 239) + '…' : node.name));
    var facts = [node.type, node.degree + ' connection' + (node.degree === 1 ? '' : 's')];
    if (NET.state.colour !== 'type' && NET.state.colour !== 'degree') facts.push(COLOUR_BY[NET.state.colour].toLowerCase() + ': ' + attribute(node, NET.state.colour));
    tip.appendChild(el('div', '', facts.join(' · ')));
    tip.hidden = false;
    var left = Math.min(at.x + 14, box.clientWidth - tip.offsetWidth - 4);
    var top = at.y + 14 + tip.offsetHeight > box.clientHeight ? at.y - tip.offsetHeight - 10 : at.y + 14;
    tip.style.left = Math.max(4, left) + 'px';
    tip.style.top = Math.max(4, top) + 'px';
  }

  /** Labels, most important first; one that would overlap a label already drawn (or leave the canvas) is left out. */
  function drawLabels(ctx) {
    if (!NET.labelOrder) return;
    var network = NET.network;
    var g = netGraph();
    var scale = network.getScale();
    var px = 12;
    var box = canvasBox();
    var width = box.clientWidth, height = box.clientHeight;
    var positions = network.getPositions(NET.labelOrder);
    var placed = [];
    ctx.save();
    ctx.font = (px / scale) + 'px "DejaVu Sans", Helvetica, Arial, sans-serif';
    if (NET.widthsAt !== scale) { NET.widths = {}; NET.widthsAt = scale; } // each label's width on screen, measured once a scale
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.lineJoin = 'round';
    NET.labelOrder.forEach(function (id) {
      var p = positions[id];
      if (!p) return;
      var node = g.nodes[id];
      var text = labelText(node);
      var size = NET.sizes[id] || 10;
      var dom = network.canvasToDOM(p);
      if (NET.widths[text] === undefined) NET.widths[text] = ctx.measureText(text).width * scale;
      var w = NET.widths[text];
      var b = {x1: dom.x - w / 2 - 2, x2: dom.x + w / 2 + 2, y1: dom.y + size * scale + 1, y2: dom.y + size * scale + px + 4};
      if (b.x1 < 0 || b.x2 > width || b.y1 < 0 || b.y2 > height) return;
      for (var i = 0; i < placed.length; i++) {
        var o = placed[i].box;
        if (b.x1 < o.x2 && o.x1 < b.x2 && b.y1 < o.y2 && o.y1 < b.y2) return;
      }
      var y = p.y + size + 2 / scale;
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.strokeText(text, p.x, y);
      ctx.fillStyle = NET.pathSet[id] ? '#a04000' : '#1d2733';
      ctx.fillText(text, p.x, y);
      placed.push({id: id, text: text, box: b, x: dom.x, y: dom.y + size * scale + 2});
    });
    ctx.restore();
    NET.labels = placed;
    if (!NET.stable && NET.settled) {
      NET.stable = true;
      NET.stableAt = performance.now();
    }
  }

  /** Re-draws the visible part: a re-layout only when the drawn nodes or edges changed, else only their look. */
  function renderNetwork() {
    var g = netGraph();
    var s = NET.state;
    var network = ensureNetwork();
    var ids = visibleIds();
    var edges = visibleEdges(ids);
    var structure = ids.join(',') + '|' + edges.length + '|' + s.agg;
    NET.visible = ids;
    NET.edges = edges;
    NET.pathSet = {};
    var pathEdges = {};
    (NET.path || []).forEach(function (id, i, all) {
      NET.pathSet[id] = 1;
      if (i) pathEdges[g.nodes[all[i - 1]].at < g.nodes[id].at ? all[i - 1] + '|' + id : id + '|' + all[i - 1]] = 1;
    });
    var maxValue = 1;
    ids.forEach(function (id) { maxValue = Math.max(maxValue, s.size === 'commitments' ? g.nodes[id].commitments : g.nodes[id].degree); });
    NET.sizes = {};
    ids.forEach(function (id) { NET.sizes[id] = sizeOf(g.nodes[id], s.size, maxValue); });
    var moved = network.getPositions(); // the drawn nodes where they are (the reader may have dragged some)
    Object.keys(moved).forEach(function (id) { NET.pos[id] = moved[id]; });
    var relayout = structure !== NET.structure;
    NET.structure = structure;
    if (relayout) layout(ids, edges, NET.sizes);
    var q = VIEWS.network.state.q.toLowerCase().split(/\s+/).filter(Boolean);
    NET.matches = [];
    var selected = selectedNode();
    var visNodes = ids.map(function (id) {
      var node = g.nodes[id];
      var colour = colourOf(attribute(node, s.colour), s.colour);
      var hit = q.length && q.every(function (w) { return node.name.toLowerCase().indexOf(w) >= 0; });
      if (hit) NET.matches.push(id);
      var strong = hit || id === selected || NET.pathSet[id];
      return {id: id, shape: shapeOf(node), size: NET.sizes[id],
        color: {background: colour, border: strong ? '#d35400' : shade(colour), highlight: {background: colour, border: '#d35400'},
          hover: {background: colour, border: '#1f3a5f'}},
        borderWidth: strong ? 3 : 1};
    });
    var visEdges = edges.map(function (e) {
      var onPath = pathEdges[e.id];
      return {id: e.id, from: e.from, to: e.to, width: onPath ? 4 : Math.min(6, 0.7 + Math.log(e.w) / Math.LN2),
        color: onPath ? {color: '#d35400', highlight: '#d35400', hover: '#d35400'} : {color: '#b7c0ca', highlight: '#1f3a5f', hover: '#1f3a5f'},
        dashes: e.folded === e.w && !onPath ? [4, 3] : false};
    });
    // the keyboard's order: largest first, whatever is selected
    NET.navOrder = ids.slice().sort(function (a, b) { return NET.sizes[b] - NET.sizes[a] || g.nodes[a].at - g.nodes[b].at; });
    NET.labelOrder = ids.slice().sort(function (a, b) {
      function rank(id) { return id === selected ? 0 : NET.pathSet[id] ? 1 : s.open.indexOf(id) >= 0 || id === s.focus ? 2 : 3; }
      return rank(a) - rank(b) || NET.sizes[b] - NET.sizes[a] || g.nodes[a].at - g.nodes[b].at;
    });
    NET.stable = false;
    NET.settled = false;
    hideTip();
    var view = !relayout && NET.settledOnce ? {position: network.getViewPosition(), scale: network.getScale()} : null;
    updateDrawn(NET.nodeSet, NET.drawn.nodes, visNodes, NET.pos);
    updateDrawn(NET.edgeSet, NET.drawn.edges, visEdges, null);
    if (relayout) placeNodes(ids);
    if (view) network.moveTo({position: view.position, scale: view.scale, animation: false});
    else fitDrawing();
    NET.settled = true;
    NET.settledOnce = true;
    network.redraw();
    renderNetworkSide();
    renderNetworkNote();
  }

  /** Moves the drawn nodes to their places in NET.pos. This is what vis-network's moveNode does, less the
      redraw it asks for after each node: the caller redraws once. */
  function placeNodes(ids) {
    var nodes = NET.network.body.nodes;
    ids.forEach(function (id) { nodes[id].x = NET.pos[id].x; nodes[id].y = NET.pos[id].y; });
  }

  /** Brings a DataSet to ``items`` in one batch: what is no longer drawn is hidden (vis-network keeps
      its node, which costs less than making it again), and only items whose look or place changed
      are updated. ``drawn`` holds each item's last look. */
  function updateDrawn(dataSet, drawn, items, positions) {
    var keep = {};
    items.forEach(function (item) { keep[item.id] = 1; });
    var changes = [];
    var hidden = [];
    Object.keys(drawn).forEach(function (id) {
      if (keep[id]) return;
      if (drawn[id] !== HIDDEN) { drawn[id] = HIDDEN; changes.push({id: id, hidden: true}); }
      hidden.push(id);
    });
    items.forEach(function (item) {
      item.hidden = false;
      var look = JSON.stringify(item);
      if (drawn[item.id] === look) return;
      if (drawn[item.id] === undefined && positions) { item.x = positions[item.id].x; item.y = positions[item.id].y; } // new: placed as it is made
      drawn[item.id] = look;
      changes.push(item);
    });
    if (changes.length) dataSet.update(changes);
    if (hidden.length > KEEP_HIDDEN) { // many hidden: let them go
      hidden.forEach(function (id) { delete drawn[id]; });
      dataSet.remove(hidden);
    }
  }

  function shade(colour) {
    var n = parseInt(colour.slice(1), 16);
    var f = function (v) { return Math.max(0, Math.round(v * 0.65)); };
    return 'rgb(' + f(n >> 16) + ',' + f((n >> 8) & 255) + ',' + f(n & 255) + ')';
  }

  function selectedNode() {
    var found = findSelected();
    if (!found) return '';
    if (found.kind === 'rec') return 'r' + found.item.i;
    if (found.kind === 'body') return 'b' + found.item.i;
    if (found.kind === 'c') return 'c' + found.item.i;
    return found.kind === 'n' ? found.item.id : '';
  }

  function nodeSelection(id) {
    var node = netGraph().nodes[id];
    if (node.kind === 'rec') return {kind: 'rec', key: node.item.key};
    if (node.kind === 'body') return {kind: 'body', key: node.item.name};
    if (node.kind === 'c') return {kind: 'c', key: String(node.item.i)};
    return {kind: 'n', key: id};
  }

  /** A click selects a node (its card opens) and opens its neighbours; a second click on an open node closes them. */
  function netClick(id) {
    var s = NET.state;
    var at = s.open.indexOf(id);
    var wasSelected = selectedNode() === id;
    if (at < 0 && id !== s.focus) s.open.push(id);
    else if (wasSelected && at >= 0) s.open.splice(at, 1);
    selection = nodeSelection(id);
    renderNetwork();
    renderCard();
    writeHash();
  }

  function renderNetworkNote() {
    var g = netGraph();
    var s = NET.state;
    var parts = [];
    var shown = NET.visible.length;
    parts.push(shown + ' of ' + g.order.length.toLocaleString('en-GB') + ' nodes drawn');
    var folded = NET.edges.filter(function (e) { return e.folded; }).length;
    if (folded) parts.push('dashed or thick lines join through commitments not drawn (the width grows with their number)');
    if (NET.thinned) parts.push(NET.thinned.toLocaleString('en-GB') + ' weaker such lines left out (each node keeps its ' + STRONGEST + ' strongest)');
    if (!s.focus && NET.left.main) parts.push(NET.left.main.toLocaleString('en-GB') + ' ' + KIND_NAMES[s.agg === 'body' ? 'body' : s.agg === 'doc' ? 'doc' : 'rec'].toLowerCase() + ' with fewer commitments left out (search or open a node to reach them)');
    Object.keys(NET.more).forEach(function (id) { parts.push(labelText(g.nodes[id]) + ': ' + NET.more[id] + ' more neighbours not drawn'); });
    if (NET.matches.length) parts.push(NET.matches.length + ' drawn match the search');
    parts.push('click a node to open its neighbours, again to close them; drag to move, wheel to zoom; keys on the drawing: ← → select, Enter opens, + − 0 zoom');
    $('ex-netnote').textContent = parts.join(' · ');
    $('ex-count').textContent = shown + ' nodes, ' + NET.edges.length + ' edges';
  }

  // ---- the side panel: overview, colour, size, types, legend, path

  function control(title, node) {
    var section = el('section', 'facet net-control');
    section.appendChild(el('h2', '', title));
    section.appendChild(node);
    return section;
  }

  function chooser(id, options, value, change) {
    var box = el('select');
    box.id = id;
    Object.keys(options).forEach(function (key) {
      var option = el('option', '', options[key]);
      option.value = key;
      option.selected = key === value;
      box.appendChild(option);
    });
    box.addEventListener('change', function () { change(box.value); });
    return box;
  }

  function netChange(change) {
    change(NET.state);
    renderNetwork();
    renderCard();
    writeHash();
  }

  var nameIndex = null;
  function findName(text) {
    var g = netGraph();
    var wanted = text.trim().toLowerCase();
    if (!wanted) return '';
    if (g.nodes[text.trim()]) return text.trim();
    if (!nameIndex) {
      nameIndex = {};
      g.order.forEach(function (id) {
        var key = g.nodes[id].name.toLowerCase();
        if (g.nodes[id].kind !== 'c' && nameIndex[key] === undefined) nameIndex[key] = id;
      });
    }
    return nameIndex[wanted] || '';
  }

  var nameOptions = null;
  /** The names the path's boxes offer (made once, kept across redraws of the side panel). */
  function nameList() {
    if (nameOptions) return nameOptions;
    var g = netGraph();
    nameOptions = el('datalist');
    nameOptions.id = 'ex-names';
    g.order.forEach(function (id) {
      if (g.nodes[id].kind === 'c' || g.nodes[id].kind === 'doc') return;
      var option = el('option');
      option.value = g.nodes[id].name;
      nameOptions.appendChild(option);
    });
    return nameOptions;
  }

  function renderNetworkSide() {
    var g = netGraph();
    var s = NET.state;
    var box = $('ex-facets');
    box.textContent = '';
    box.appendChild(control('Overview', chooser('ex-agg', OVERVIEWS, s.agg, function (v) {
      netChange(function (st) { st.agg = v; st.focus = ''; st.open = []; });
    })));
    var focus = el('div');
    if (s.focus && g.nodes[s.focus]) {
      focus.appendChild(el('p', 'note', 'Showing ' + g.nodes[s.focus].name + ' and its neighbours.'));
    }
    var reset = el('button', '', 'Back to the overview');
    reset.type = 'button';
    reset.id = 'ex-net-reset';
    reset.disabled = !(s.focus || s.open.length);
    reset.addEventListener('click', function () { netChange(function (st) { st.focus = ''; st.open = []; }); });
    focus.appendChild(reset);
    box.lastChild.appendChild(focus);
    var pair = el('div', 'pair');
    [['Colour by', chooser('ex-colour', COLOUR_BY, s.colour, function (v) { netChange(function (st) { st.colour = v; }); })],
      ['Size by', chooser('ex-size', SIZE_BY, s.size, function (v) { netChange(function (st) { st.size = v; }); })]].forEach(function (part) {
      var label = el('label', '', part[0]);
      label.appendChild(part[1]);
      pair.appendChild(label);
    });
    box.appendChild(control('Draw', pair));

    // path between two nodes
    var path = el('div', 'path');
    if (nameOptions) path.appendChild(nameOptions); // made when a path box is first focused (thousands of names)
    [['from', 'From'], ['to', 'To']].forEach(function (pair) {
      var input = el('input');
      input.id = 'ex-path-' + pair[0];
      input.type = 'text';
      input.setAttribute('list', 'ex-names');
      input.placeholder = pair[1] + ' (a name)';
      input.setAttribute('aria-label', 'Path ' + pair[0]);
      input.value = s[pair[0]] && g.nodes[s[pair[0]]] ? g.nodes[s[pair[0]]].name : '';
      input.addEventListener('focus', function () { if (!nameOptions) path.appendChild(nameList()); });
      path.appendChild(input);
    });
    var find = el('button', '', 'Find path');
    find.type = 'button';
    find.id = 'ex-path-go';
    find.addEventListener('click', function () {
      var from = findName($('ex-path-from').value), to = findName($('ex-path-to').value);
      netChange(function (st) { st.from = from; st.to = to; });
    });
    path.appendChild(find);
    if (s.from || s.to) {
      var clear = el('button', '', 'Clear');
      clear.type = 'button';
      clear.addEventListener('click', function () { netChange(function (st) { st.from = ''; st.to = ''; }); });
      path.appendChild(clear);
    }
    if (s.from && s.to) {
      if (!NET.path) path.appendChild(el('p', 'note', 'Name not found: choose one from the list.'));
      else if (!NET.path.length) path.appendChild(el('p', 'note', 'No path between these two.'));
      else {
        path.appendChild(el('p', 'note', (NET.path.length - 1) + ' step' + (NET.path.length === 2 ? '' : 's') + ' (documents left out):'));
        var steps = el('ol', 'path-steps');
        steps.id = 'ex-path';
        NET.path.forEach(function (id, i) {
          var item = el('li');
          item.dataset.id = id;
          if (i) item.appendChild(el('span', 'how', relation(NET.path[i - 1], id) + ' · '));
          var name = g.nodes[id].name;
          var button = el('button', '', name.length > 90 ? name.slice(0, 89) + '…' : name);
          button.type = 'button';
          button.title = g.nodes[id].type + ': ' + name;
          button.dataset.name = name;
          button.addEventListener('click', function () { selection = nodeSelection(id); renderNetwork(); renderCard(); writeHash(); });
          item.appendChild(button);
          steps.appendChild(item);
        });
        path.appendChild(steps);
      }
    } else if (s.from || s.to) path.appendChild(el('p', 'note', 'Name not found: choose one from the list.'));
    box.appendChild(control('Path between two nodes', path));
    // legend: the drawn nodes' values of the colour attribute, with counts
    var counts = {};
    NET.visible.forEach(function (id) { var v = attribute(g.nodes[id], s.colour); counts[v] = (counts[v] || 0) + 1; });
    var legend = el('ul', 'legend');
    legend.id = 'ex-legend';
    var order = attributeOrder(s.colour);
    Object.keys(counts).sort(function (a, b) {
      var x = order.indexOf(a), y = order.indexOf(b);
      return (x < 0 ? 99 : x) - (y < 0 ? 99 : y) || (a < b ? -1 : 1);
    }).forEach(function (value) {
      var item = el('li');
      item.dataset.value = value;
      var swatch = el('span', 'swatch');
      swatch.style.background = colourOf(value, s.colour);
      item.appendChild(swatch);
      item.appendChild(el('span', 'name', value));
      item.appendChild(el('span', 'n', counts[value]));
      legend.appendChild(item);
    });
    box.appendChild(control('Legend (drawn nodes)', legend));

    // types shown
    var types = el('ul');
    var present = {};
    NET_KINDS.forEach(function (kind) { present[kind] = ofKind(kind).length; });
    NET_KINDS.forEach(function (kind) {
      if (!present[kind]) return;
      var item = el('li');
      var label = el('label');
      var input = el('input');
      input.type = 'checkbox';
      input.checked = !s.hide[kind];
      input.dataset.kind = kind;
      input.addEventListener('change', function () {
        netChange(function (st) { if (input.checked) delete st.hide[kind]; else st.hide[kind] = 1; });
      });
      label.appendChild(input);
      label.appendChild(el('span', 'name', KIND_NAMES[kind]));
      label.appendChild(el('span', 'n', present[kind]));
      item.appendChild(label);
      types.appendChild(item);
    });
    box.appendChild(control('Show', types));

  }

  /** Buttons the card gets in the network view. */
  function netActions(card) {
    var id = selectedNode();
    var g = netGraph();
    if (!id || !g.nodes[id]) return;
    var s = NET.state;
    var bar = el('div', 'net-actions');
    function action(text, cls, change) {
      var button = el('button', cls, text);
      button.type = 'button';
      button.addEventListener('click', function () { netChange(change); });
      bar.appendChild(button);
    }
    var open = s.open.indexOf(id) >= 0 || s.focus === id;
    action(open ? 'Close its neighbours' : 'Open its neighbours', 'net-open', function (st) {
      var at = st.open.indexOf(id);
      if (at >= 0) st.open.splice(at, 1);
      else if (st.focus === id) st.focus = '';
      else st.open.push(id);
    });
    action('Only this and its neighbours', 'net-focus', function (st) { st.focus = id; st.open = []; });
    action('Path from here', 'net-from', function (st) { st.from = id; });
    action('Path to here', 'net-to', function (st) { st.to = id; });
    card.insertBefore(bar, card.children[1] || null);
  }

  function genericCard(card, node) {
    card.dataset.kind = 'n';
    card.dataset.key = node.id;
    cardHead(card, node.name);
    var kinds = {};
    node.adj.forEach(function (n) { var k = netGraph().nodes[n].kind; kinds[k] = (kinds[k] || 0) + 1; });
    var pairs = [['Type', node.type], ['Neighbours', node.adj.length]];
    NET_KINDS.forEach(function (k) { if (kinds[k]) pairs.push([KIND_NAMES[k], kinds[k]]); });
    if (node.kind === 'doc' && node.item.published) pairs.push(['Published', node.item.published]);
    card.appendChild(facts(pairs));
  }

  // ---- downloads of the view: PNG (the canvas) and SVG (the drawn nodes, edges and labels)

  function pngCanvas() {
    var source = canvasBox().querySelector('canvas');
    var copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    var ctx = copy.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, copy.width, copy.height);
    ctx.drawImage(source, 0, 0);
    return copy;
  }

  function pngDataUrl() { return pngCanvas().toDataURL('image/png'); }

  var SVG_NS = 'http://www.w3.org/2000/svg';

  function svgText() {
    var g = netGraph();
    var network = NET.network;
    var box = canvasBox();
    var scale = network.getScale();
    var width = box.clientWidth, height = box.clientHeight;
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('xmlns', SVG_NS);
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('font-family', 'DejaVu Sans, Helvetica, Arial, sans-serif');
    svg.setAttribute('font-size', '12');
    var title = document.createElementNS(SVG_NS, 'title');
    title.textContent = D.title;
    svg.appendChild(title);
    var back = document.createElementNS(SVG_NS, 'rect');
    [['width', width], ['height', height], ['fill', '#ffffff']].forEach(function (a) { back.setAttribute(a[0], String(a[1])); });
    svg.appendChild(back);
    var positions = network.getPositions(NET.visible);
    var at = {};
    NET.visible.forEach(function (id) { at[id] = network.canvasToDOM(positions[id]); });
    var round = function (v) { return String(Math.round(v * 10) / 10); };
    var edges = document.createElementNS(SVG_NS, 'g');
    edges.setAttribute('class', 'edges');
    NET.edges.forEach(function (e) {
      var line = document.createElementNS(SVG_NS, 'line');
      var onPath = NET.pathSet[e.from] && NET.pathSet[e.to];
      [['x1', round(at[e.from].x)], ['y1', round(at[e.from].y)], ['x2', round(at[e.to].x)], ['y2', round(at[e.to].y)],
        ['stroke', onPath ? '#d35400' : '#b7c0ca'], ['stroke-width', round(Math.min(6, 0.7 + Math.log(e.w) / Math.LN2) * Math.min(1, scale * 2))]]
        .forEach(function (a) { line.setAttribute(a[0], a[1]); });
      if (e.folded === e.w) line.setAttribute('stroke-dasharray', '4 3');
      edges.appendChild(line);
    });
    svg.appendChild(edges);
    var nodes = document.createElementNS(SVG_NS, 'g');
    nodes.setAttribute('class', 'nodes');
    NET.visible.forEach(function (id) {
      var node = g.nodes[id];
      var circle = document.createElementNS(SVG_NS, 'circle');
      var colour = colourOf(attribute(node, NET.state.colour), NET.state.colour);
      [['cx', round(at[id].x)], ['cy', round(at[id].y)], ['r', round(Math.max(2, NET.sizes[id] * scale))], ['fill', colour], ['stroke', shade(colour)]]
        .forEach(function (a) { circle.setAttribute(a[0], a[1]); });
      circle.setAttribute('data-id', id);
      var tip = document.createElementNS(SVG_NS, 'title');
      tip.textContent = node.type + ': ' + node.name;
      circle.appendChild(tip);
      nodes.appendChild(circle);
    });
    svg.appendChild(nodes);
    var labels = document.createElementNS(SVG_NS, 'g');
    labels.setAttribute('class', 'labels');
    labels.setAttribute('text-anchor', 'middle');
    NET.labels.forEach(function (label) {
      var text = document.createElementNS(SVG_NS, 'text');
      text.setAttribute('x', round(label.x));
      text.setAttribute('y', round(label.y + 11));
      text.setAttribute('stroke', '#ffffff');
      text.setAttribute('stroke-width', '3');
      text.setAttribute('paint-order', 'stroke');
      text.setAttribute('fill', NET.pathSet[label.id] ? '#a04000' : '#1d2733');
      text.textContent = label.text;
      labels.appendChild(text);
    });
    svg.appendChild(labels);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg) + '\n';
  }

  function download(blob, name) {
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function downloadPng() { pngCanvas().toBlob(function (blob) { download(blob, 'policykg-network.png'); }, 'image/png'); }

  function downloadSvg() { download(new Blob([svgText()], {type: 'image/svg+xml'}), 'policykg-network.svg'); }

  function netCsv() {
    var g = netGraph();
    var s = NET.state;
    var lines = [['Name', 'Type', COLOUR_BY[s.colour], 'Degree', 'Commitments'].map(csvCell).join(',')];
    NET.visible.forEach(function (id) {
      var node = g.nodes[id];
      lines.push([node.name, node.type, attribute(node, s.colour), node.degree, node.commitments].map(csvCell).join(','));
    });
    return lines.join('\r\n') + '\r\n';
  }

  function netHash(params) {
    var s = NET.state;
    if (s.agg !== 'rec') params.set('agg', s.agg);
    if (s.colour !== 'type') params.set('colour', s.colour);
    if (s.size !== 'degree') params.set('size', s.size);
    if (s.open.length) params.set('open', s.open.join(','));
    if (s.focus) params.set('focus', s.focus);
    if (s.from) params.set('from', s.from);
    if (s.to) params.set('to', s.to);
    var hidden = Object.keys(s.hide).sort();
    if (hidden.length) params.set('hide', hidden.join(','));
  }

  function readNetHash(params) {
    var s = defaultNetState();
    if (OVERVIEWS[params.get('agg')]) s.agg = params.get('agg');
    if (COLOUR_BY[params.get('colour')]) s.colour = params.get('colour');
    if (SIZE_BY[params.get('size')]) s.size = params.get('size');
    s.open = (params.get('open') || '').split(',').filter(Boolean);
    s.focus = params.get('focus') || '';
    s.from = params.get('from') || '';
    s.to = params.get('to') || '';
    (params.get('hide') || '').split(',').forEach(function (k) { if (KIND_NAMES[k]) s.hide[k] = 1; });
    NET.state = s;
  }

  // ------------------------------------------------------------------ CSV

  function csvCell(value) {
    var text = String(value === null || value === undefined ? '' : value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // a spreadsheet would run it as a formula
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csv() {
    if (current === 'network') return netCsv();
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

  /** Enter in the network view's search: open the first node whose name has every word (a drawn one first). */
  function openFirstMatch(text) {
    var g = netGraph();
    var words = text.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return;
    var hit = function (id) { var name = g.nodes[id].name.toLowerCase(); return words.every(function (w) { return name.indexOf(w) >= 0; }); };
    var found = NET.visible.filter(hit)[0] || g.order.filter(function (id) { return g.nodes[id].kind !== 'c' && hit(id); })[0] ||
      g.order.filter(hit)[0];
    if (found) netClick(found);
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
    if (event.key === 'Enter') {
      clearTimeout(searchTimer);
      var value = this.value;
      setState(function (s) { s.q = value; s.page = 0; });
      if (current === 'network') openFirstMatch(value);
    }
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
  $('ex-clear').addEventListener('click', function () {
    if (current === 'network') NET.state.hide = {};
    setState(function (s) { s.f = {}; s.q = ''; s.page = 0; });
  });
  $('ex-csv').addEventListener('click', downloadCsv);
  $('ex-png').addEventListener('click', downloadPng);
  $('ex-svg').addEventListener('click', downloadSvg);

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
    net: {
      state: function () { return NET.state; },
      stable: function () { return NET.stable; },
      /** When the last change was drawn (performance.now()): benchmarks time a change from its event to here. */
      stableAt: function () { return NET.stableAt; },
      visible: function () { return NET.visible.slice(); },
      edges: function () { return NET.edges.map(function (e) { return {from: e.from, to: e.to, w: e.w, folded: e.folded}; }); },
      labels: function () { return NET.labels.map(function (l) { return {id: l.id, text: l.text, box: l.box}; }); },
      node: function (id) { var n = netGraph().nodes[id]; return n ? {id: id, name: n.name, type: n.type, kind: n.kind, degree: n.degree} : null; },
      find: findName,
      path: function () { return NET.path; },
      size: function (id) { return NET.sizes[id]; },
      scale: function () { return NET.network.getScale(); },
      order: function () { return NET.navOrder.slice(); },
      tip: function () { var tip = $('ex-tip'); return tip && !tip.hidden ? {id: tip.dataset.id, text: tip.textContent} : null; },
      /** Where a drawn node is on the page (for a click). */
      at: function (id) {
        var p = NET.network.getPositions([id])[id];
        if (!p) return null;
        var dom = NET.network.canvasToDOM(p);
        var box = canvasBox().getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
      },
      svg: svgText,
      png: pngDataUrl
    },
    readyAt: performance.now(),
    ready: true
  };
  }
}());
