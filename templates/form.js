/* Swing weighting form: read the member's points, show the weights and the ranking they
 * give, and build members/ID.yaml in the format the tool reads (appraisal.input.elicit).
 * Same operations, in the same order, as the Python engine:
 *   points shared out within each sibling group and multiplied down the tree
 *     (appraisal.core.problem.CriteriaTree.global_weights; sums in tree order),
 *   totals sum_j w_j v_ij with the per-criterion values computed in Python
 *     (appraisal.methods.weighted_sum), leaf weights in column order,
 *   competition ranks with the engine's tie tolerance
 *     (appraisal.core.ordering.competition_ranks; a stable sort).
 * Numbers are printed as appraisal.presentation.formatting prints them (fixed() is the
 * what-if panel's: Python's rounding of the exact binary value).
 * Built with DOM methods and textContent only: no text is ever parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("form-data").textContent);
  var tree = data.tree, nNodes = tree.ids.length, nOpt = data.options.length;
  var idPattern = new RegExp(data.id_pattern), TOP = data.top;
  var $ = function (id) { return document.getElementById(id); };
  var inputs = tree.ids.map(function (id) { return $("pts-" + id); });
  var shares = tree.ids.map(function (id) { return $("w-" + id); });
  var errors = tree.ids.map(function (id) { return $("err-" + id); });
  var idInput = $("member-id"), nameInput = $("member-name"), roleInput = $("member-role");
  var noteInput = $("member-note"), button = $("download");
  var current = null;

  {% include "numbers.js" %}
  {% include "ranking.js" %}
  function listed(items) {
    return items.length < 2 ? items.join("") :
      items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }
  function node(tag, text, cls) {
    var el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    if (cls) { el.className = cls; }
    return el;
  }
  function clear(el) { while (el.firstChild) { el.removeChild(el.firstChild); } }

  /* ---- reading and checking ------------------------------------------------------ */

  function readPoint(k) {
    /* {value, state}: state "empty", "bad" (not a number), "range" (outside 0..TOP), "ok" */
    var el = inputs[k];
    if (el.validity && el.validity.badInput) { return {value: NaN, state: "bad"}; }
    if (el.value.trim() === "") { return {value: NaN, state: "empty"}; }
    var x = Number(el.value);
    if (!isFinite(x)) { return {value: NaN, state: "bad"}; }
    if (x < 0 || x > TOP) { return {value: x, state: "range"}; }
    return {value: x + 0, state: "ok"};  /* + 0 turns -0 into 0 */
  }

  function readGroup(g) {
    var res = {group: g, values: [], missing: [], wrong: [], top: -Infinity, sum: 0};
    g.nodes.forEach(function (k) {
      var p = readPoint(k);
      res.values.push(p.value);
      if (p.state === "empty") { res.missing.push(tree.names[k]); }
      else if (p.state !== "ok") { res.wrong.push(tree.names[k]); }
      else { res.sum += p.value; res.top = Math.max(res.top, p.value); }
      var msg = p.state === "bad" ? "Enter a number of points from 0 to " + TOP + "." :
        p.state === "range" ? "Points run from 0 to " + TOP + "; found " + p.value + "." : "";
      errors[k].textContent = msg;
      inputs[k].setAttribute("aria-invalid", msg ? "true" : "false");
    });
    res.complete = !res.missing.length && !res.wrong.length;
    res.usable = res.complete && res.sum > 0;      /* weights can be shown */
    res.valid = res.complete && res.top === TOP;   /* the file can be written */
    return res;
  }

  /* The characters the tool refuses in any text (appraisal.input.modelbase._CONTROL):
     C0 and C1 controls but tab and line breaks, the Unicode line separators and the
     bidirectional overrides. They are invisible, so the file leaves them out rather than
     stopping the member: NEL and the line and paragraph separators become a line break
     (a space in a one-line field), the others are dropped. */
  var REFUSED = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/g;
  function clean(text, multiline) {
    return text.replace(/[\x85\u2028\u2029]/g, multiline ? "\n" : " ").replace(REFUSED, "")
      .trim();
  }

  function readMember() {
    var id = idInput.value, name = clean(nameInput.value, false), problems = [];
    var idMsg = "", idWarn = "";
    if (id === "") { problems.push("your id"); }
    else if (id.length > data.id_max_length || !idPattern.test(id)) {
      problems.push("an id in lowercase letters, digits, “-” or “_”");
      idMsg = id.length > data.id_max_length ?
        "An id has at most " + data.id_max_length + " characters." :
        "An id uses only lowercase letters, digits, “-” and “_”, and starts with a letter " +
        "or digit (e.g. jane-smith).";
    } else {
      data.members.forEach(function (m) {
        if (m.id === id) {
          idWarn = "A member with this id already exists (" + m.name + "): the tool takes " +
            "one file per id, so your file replaces theirs; choose another id if you are " +
            "not " + m.name + ".";
        }
      });
    }
    if (name === "") { problems.push("your name"); }
    $("member-id-msg").textContent = idMsg || idWarn;
    $("member-id-msg").className = "msg" + (idMsg ? "" : " warn");
    idInput.setAttribute("aria-invalid", idMsg ? "true" : "false");
    return {id: id, name: name, role: clean(roleInput.value, false),
            note: clean(noteInput.value, true),
            ok: !problems.length, problems: problems};
  }

  /* ---- weights and ranking (the engine's arithmetic) ----------------------------- */

  function weightsOf(groups) {
    var raw = new Float64Array(nNodes).fill(NaN), k;
    groups.forEach(function (r) {
      if (r.usable) { r.group.nodes.forEach(function (k, i) { raw[k] = r.values[i]; }); }
    });
    var totals = new Float64Array(nNodes + 1);
    for (k = 0; k < nNodes; k++) { totals[tree.parent[k] + 1] += raw[k]; }
    var glob = new Float64Array(nNodes);
    for (k = 0; k < nNodes; k++) { glob[k] = raw[k] / totals[tree.parent[k] + 1]; }
    for (k = 0; k < nNodes; k++) { if (tree.parent[k] >= 0) { glob[k] *= glob[tree.parent[k]]; } }
    var leaf = new Float64Array(data.values.length ? data.values[0].length : 0);
    for (k = 0; k < nNodes; k++) { if (tree.leaf_column[k] >= 0) { leaf[tree.leaf_column[k]] = glob[k]; } }
    return {raw: raw, global: glob, leaf: leaf,
            ok: Array.prototype.every.call(glob, function (x) { return isFinite(x); })};
  }

  function rank(leaf) {
    var totals = new Float64Array(nOpt), i, j, s, row;
    for (i = 0; i < nOpt; i++) {
      row = data.values[i]; s = 0;
      for (j = 0; j < leaf.length; j++) { s += leaf[j] * row[j]; }
      totals[i] = s;
    }
    var ranked = rankTotals(totals, data.tolerance);
    return {totals: totals, ranks: ranked.ranks, order: ranked.order};
  }

  /* ---- the member's file ----------------------------------------------------------- */

  function hex(c, width) { var h = c.toString(16).toUpperCase(); return "0".repeat(width - h.length) + h; }

  function quoted(s) {
    /* A double-quoted scalar with JSON's escapes (YAML 1.1 reads them all): quotes,
       backslashes, control characters and the characters YAML treats as line breaks or
       cannot read (NEL, U+2028/9, BOM, U+FFFE/F) are escaped; other text is kept as it
       is, pairs of surrogates as one character; a lone surrogate (never valid text)
       becomes U+FFFD. */
    var out = "\"", i, c, d;
    for (i = 0; i < s.length; i++) {
      c = s.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
        d = s.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { out += s.charAt(i) + s.charAt(i + 1); i++; continue; }
      }
      if (c >= 0xD800 && c <= 0xDFFF) { out += "\\uFFFD"; }
      else if (c === 0x22) { out += "\\\""; }
      else if (c === 0x5C) { out += "\\\\"; }
      else if (c === 0x0A) { out += "\\n"; }
      else if (c === 0x09) { out += "\\t"; }
      else if (c === 0x0D) { out += "\\r"; }
      else if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c === 0x2028 || c === 0x2029 ||
               c === 0xFEFF || c >= 0xFFFE) { out += "\\u" + hex(c, 4); }
      else { out += s.charAt(i); }
    }
    return out + "\"";
  }

  var YAML_WORDS = /^(y|n|yes|no|true|false|on|off|null)$/;
  function key(id) {
    /* a criterion id as a mapping key: plain where YAML reads it as that very text */
    return /^[a-z][a-z0-9_-]*$/.test(id) && !YAML_WORDS.test(id) ? id : quoted(id);
  }

  function number(x) {
    /* the shortest text that reads back as the same double; YAML 1.1 needs a dot and a
       signed exponent in "1.0e-07" where JavaScript writes "1e-7" */
    var s = String(x), parts = s.split("e");
    if (parts.length === 1) { return s; }
    return (parts[0].indexOf(".") < 0 ? parts[0] + ".0" : parts[0]) + "e" +
      (/^[-+]/.test(parts[1]) ? parts[1] : "+" + parts[1]);
  }

  function yaml(member, groups) {
    var lines = ["id: " + quoted(member.id), "name: " + quoted(member.name),
                 "role: " + quoted(member.role)];
    if (data.write_criteria_set) { lines.push("criteria_set: " + quoted(data.criteria_set)); }
    lines.push("weighting:");
    groups.forEach(function (r) {
      var g = r.group, why = clean($("why-" + g.key).value, true);
      if (g.id === null) { lines.push("  - method: swing"); }
      else { lines.push("  - group: " + quoted(g.id), "    method: swing"); }
      if (why) { lines.push("    rationale: " + quoted(why)); }
      lines.push("    points:");
      g.nodes.forEach(function (k, i) {
        lines.push("      " + key(tree.ids[k]) + ": " + number(r.values[i]));
      });
    });
    if (member.note) { lines.push("note: " + quoted(member.note)); }
    return lines.join("\n") + "\n";
  }

  /* ---- showing it ------------------------------------------------------------------ */

  function showGroup(r) {
    var el = $("msg-" + r.group.key), given = r.group.nodes.length - r.missing.length;
    var text = "", cls = "group-msg";
    if (r.wrong.length) {
      text = "Points run from 0 to " + TOP + ": check " + listed(r.wrong) + ".";
      cls += " error";
    } else if (r.missing.length && given) {
      text = "Still to give points: " + listed(r.missing) + ".";
    } else if (r.complete && r.top !== TOP) {
      text = "None of these swings has " + TOP + " points: give the largest swing exactly " +
        TOP + " and the others points relative to it.";
      cls += " error";
    } else if (r.valid) {
      text = "Complete: each criterion's share of the total weight is shown beside it.";
      cls += " ok";
    }
    el.textContent = text;
    el.className = cls;
  }

  function showWeights(w) {
    /* the share of the total as text; the bar's length relative to the largest share */
    var most = 0, k;
    for (k = 0; k < nNodes; k++) { if (isFinite(w.global[k])) { most = Math.max(most, w.global[k]); } }
    for (k = 0; k < nNodes; k++) {
      var x = w.global[k], shown = isFinite(x);
      shares[k].querySelector(".share").textContent = shown ? pct(x) + " of total" : "–";
      shares[k].querySelector(".fill").style.width =
        shown && most > 0 ? (100 * x / most) + "%" : "0";
      shares[k].setAttribute("data-weight", shown ? String(x) : "");
    }
  }

  function showRanking(w) {
    var body = $("ranking"), status = $("rank-status");
    clear(body);
    $("ranking-table").hidden = !w.ok;
    if (!w.ok) {
      status.textContent = "The ranking appears once every criterion has its points, from 0 to 100.";
      return null;
    }
    var res = rank(w.leaf), count = {};
    res.order.forEach(function (i) { count[res.ranks[i]] = (count[res.ranks[i]] || 0) + 1; });
    var firsts = res.order.filter(function (i) { return res.ranks[i] === 1; });
    status.textContent = (firsts.length > 1 ? "First equal: " : "First: ") + listed(
      firsts.map(function (i) { return label(data.options[i]); })) + ".";
    res.order.forEach(function (i) {
      var o = data.options[i], tr = document.createElement("tr"), r = res.ranks[i];
      var board = data.board_ranks[i];
      tr.setAttribute("data-option-id", o.id);
      tr.setAttribute("data-rank", String(r));
      tr.setAttribute("data-score", String(res.totals[i]));
      if (board !== r) { tr.className = "moved"; }
      tr.appendChild(node("td", r + (count[r] > 1 ? "=" : ""), "num"));
      tr.appendChild(node("th", label(o))).setAttribute("scope", "row");
      tr.appendChild(node("td", points(res.totals[i]), "num score"));
      tr.appendChild(node("td", String(board), "num"));
      body.appendChild(tr);
    });
    return res;
  }

  function label(o) { return (o.number === null ? "" : o.number + ". ") + o.name; }

  function showDownload(member, groups, text) {
    var why = $("download-why"), problems = member.problems.slice();
    groups.forEach(function (r) {
      var name = r.group.name;
      if (r.wrong.length) { problems.push("points from 0 to " + TOP + " in " + name); }
      else if (r.missing.length) { problems.push("points for every criterion of " + name); }
      else if (!r.valid) { problems.push("the largest swing of " + name + " at exactly " + TOP); }
    });
    var ready = !problems.length;
    button.disabled = !ready;
    $("download-name").textContent = member.ok ? member.id : "ID";
    clear(why);
    if (ready) {
      why.appendChild(node("p", "Ready: save the file in the appraisal's members/ folder."));
      why.className = "why ready";
    } else {
      why.appendChild(node("p", "To download, the form still needs:"));
      var ul = node("ul");
      problems.forEach(function (p) { ul.appendChild(node("li", p)); });
      why.appendChild(ul);
      why.className = "why";
    }
    $("yaml-preview").textContent = ready ? text :
      "The file appears here once the form is complete.";
    return ready;
  }

  function update() {
    var member = readMember();
    var groups = data.groups.map(readGroup);
    groups.forEach(showGroup);
    var w = weightsOf(groups);
    showWeights(w);
    var res = showRanking(w);
    var text = yaml(member, groups);
    var ready = showDownload(member, groups, text);
    current = {member: member, groups: groups, weights: w, ranking: res, yaml: text,
               ready: ready};
    return current;
  }

  function download() {
    var state = update();
    if (!state.ready) { return; }
    var blob = new Blob([state.yaml], {type: "application/x-yaml;charset=utf-8"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = state.member.id + ".yaml";
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  document.querySelector("main").addEventListener("input", update);
  button.addEventListener("click", download);
  update();
  window.appraisalForm = {
    update: update, quoted: quoted, clean: clean, key: key, number: number, fixed: fixed,
    weights: function () { return Array.prototype.slice.call(current.weights.global); },
    yaml: function () { return current.yaml; }
  };
})();
