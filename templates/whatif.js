/* What-if panel: re-rank the short list from the data embedded in the page.
 * Same operations, in the same order, as the Python engine:
 *   appraisal.core.problem.CriteriaTree.leaf_weights (local shares, multiplied down),
 *   appraisal.methods.weighted_sum.score (sum_j w_j v_ij; v_ij computed in Python),
 *   appraisal.core.ordering.competition_ranks (stable sort, ties within the tolerance).
 * At a weighting the paper itself shows (its own, or a scenario) the engine's totals
 * are used, so the panel prints exactly the paper's figures; elsewhere the totals are
 * recomputed here (equal to the engine's to about 1e-15).
 * Numbers are formatted as appraisal.presentation.formatting does (fixed(): Python's
 * rounding of the exact binary value, half to even on an exact tie, where JavaScript's
 * toFixed rounds half up: 3.25 is "3.2" in both).
 * Built with DOM methods and textContent only: no data is ever parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("whatif-data").textContent);
  var tree = data.tree, nNodes = tree.ids.length, nOpt = data.options.length;
  var raw = data.weightings[0].raw.slice();
  var panel = document.getElementById("whatif");
  var sliders = [], outputs = [], baseRank = {};

  function leafWeights(w) {
    var totals = new Float64Array(nNodes + 1), k, p;
    for (k = 0; k < nNodes; k++) { totals[tree.parent[k] + 1] += w[k]; }
    var glob = new Float64Array(nNodes);
    for (k = 0; k < nNodes; k++) { glob[k] = w[k] / totals[tree.parent[k] + 1]; }
    for (k = 0; k < nNodes; k++) { p = tree.parent[k]; if (p >= 0) { glob[k] *= glob[p]; } }
    var nLeaf = 0;
    for (k = 0; k < nNodes; k++) { if (tree.leaf_column[k] >= 0) { nLeaf++; } }
    var out = new Float64Array(nLeaf);
    for (k = 0; k < nNodes; k++) { if (tree.leaf_column[k] >= 0) { out[tree.leaf_column[k]] = glob[k]; } }
    return {leaf: out, global: glob, ok: glob.every(function (x) { return isFinite(x); })};
  }

  function shipped(w) {
    /* the engine's totals when w is exactly one of the weightings the paper shows */
    var known = data.weightings.concat(data.members || []);
    for (var q = 0; q < known.length; q++) {
      var r = known[q].raw, same = r.length === w.length;
      for (var k = 0; same && k < r.length; k++) { same = r[k] === w[k]; }
      if (same && known[q].totals) { return known[q].totals; }
    }
    return null;
  }

  function rank(w) {
    var lw = leafWeights(w);
    var totals = new Float64Array(nOpt), i, j, row, s, given = shipped(w);
    for (i = 0; i < nOpt; i++) {
      if (given) { totals[i] = given[i]; continue; }
      row = data.values[i]; s = 0;
      for (j = 0; j < lw.leaf.length; j++) { s += lw.leaf[j] * row[j]; }
      totals[i] = s;
    }
    var ranked = rankTotals(totals, data.tolerance);
    return {totals: totals, ranks: ranked.ranks, order: ranked.order, weights: lw};
  }

  {% include "numbers.js" %}
  {% include "ranking.js" %}
  {% include "whatif_value.js" %}

  function cell(tag, text, cls) {
    var c = document.createElement(tag);
    c.textContent = text;
    if (cls) { c.className = cls; }
    return c;
  }

  function render(res) {
    var body = document.getElementById("whatif-ranking");
    var status = document.getElementById("whatif-status");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    if (!res.weights.ok) {
      status.textContent = "Every criterion in a group has weight 0: give at least one a weight above 0.";
      status.className = "warn";
      return;
    }
    status.className = "";
    var lead = data.options[res.order[0]];
    status.textContent = "First: " + (lead.number === null ? "" : lead.number + ". ") + lead.name;
    var shared = {};
    res.order.forEach(function (i) { shared[res.ranks[i]] = (shared[res.ranks[i]] || 0) + 1; });
    res.order.forEach(function (i) {
      var o = data.options[i], tr = document.createElement("tr");
      tr.setAttribute("data-option-id", o.id);
      tr.setAttribute("data-rank", String(res.ranks[i]));
      tr.setAttribute("data-score", String(res.totals[i]));
      var moved = baseRank[o.id] !== undefined && baseRank[o.id] !== res.ranks[i];
      if (moved) { tr.className = "moved"; }
      tr.appendChild(cell("td", res.ranks[i] + (shared[res.ranks[i]] > 1 ? "=" : ""), "num rank"));
      tr.appendChild(cell("td", o.number === null ? "" : String(o.number), "num"));
      tr.appendChild(cell("th", o.name, "name")).setAttribute("scope", "row");
      tr.appendChild(cell("td", points(res.totals[i]), "num score"));
      tr.appendChild(cell("td", moved ? String(baseRank[o.id]) : "", "num was"));
      body.appendChild(tr);
    });
    for (var k = 0; k < nNodes; k++) {
      outputs[k].textContent = fmtNum(raw[k]) + " \u2192 " + pct(res.weights.global[k]);
    }
    if (data.value) { renderValue(res.weights.leaf); }
  }

  function fmtNum(x) {
    var s = String(x);
    return s.indexOf("e") >= 0 ? x.toFixed(12).replace(/\.?0+$/, "") : s;
  }

  function recompute() {
    var t0 = performance.now();
    var res = rank(raw);
    var t1 = performance.now();
    render(res);
    var t2 = performance.now();
    panel.setAttribute("data-rank-ms", String(t1 - t0));
    panel.setAttribute("data-rerank-ms", String(t2 - t0));
    return res;
  }

  function setWeights(w) {
    raw = w.slice();
    for (var k = 0; k < nNodes; k++) { sliders[k].value = String(raw[k]); }
    recompute();
  }

  function scenarioYaml() {
    var lines = [
      "# Weights set in the what-if panel of: " + data.title,
      "id: what-if",
      "name: " + JSON.stringify("What-if weights"),
      "description: " + JSON.stringify("Weights chosen in the what-if panel of the appraisal paper of " + data.date + "."),
      "criteria_set: " + JSON.stringify(data.criteria_set),
      "weights:"
    ];
    for (var k = 0; k < nNodes; k++) { lines.push("  " + JSON.stringify(tree.ids[k]) + ": " + fmtNum(raw[k])); }
    return lines.join("\n") + "\n";
  }

  function download() {
    var blob = new Blob([scenarioYaml()], {type: "application/x-yaml"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "what-if.yaml";
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  var box = document.getElementById("whatif-sliders");
  for (var k = 0; k < nNodes; k++) {
    var rowEl = document.createElement("div");
    rowEl.className = "slider depth-" + tree.depth[k];
    var id = "whatif-w-" + k;
    var label = document.createElement("label");
    label.htmlFor = id; label.textContent = tree.names[k];
    var input = document.createElement("input");
    input.type = "range"; input.id = id; input.min = "0"; input.max = String(data.slider_max);
    input.step = "0.5"; input.value = String(raw[k]);
    input.setAttribute("data-node-id", tree.ids[k]);
    var out = document.createElement("output");
    out.htmlFor = id;
    (function (idx, el) {
      el.addEventListener("input", function () { raw[idx] = parseFloat(el.value); recompute(); });
    })(k, input);
    rowEl.appendChild(label); rowEl.appendChild(input); rowEl.appendChild(out);
    box.appendChild(rowEl);
    sliders.push(input); outputs.push(out);
  }
  var picker = document.getElementById("whatif-scenario");
  data.weightings.forEach(function (wt, i) {
    var opt = document.createElement("option");
    opt.value = String(i); opt.textContent = wt.name; picker.appendChild(opt);
  });
  var memberPicker = document.getElementById("whatif-member");
  (data.members || []).forEach(function (mem, i) {
    var opt = document.createElement("option");
    opt.value = String(i); opt.textContent = mem.name; memberPicker.appendChild(opt);
  });
  picker.addEventListener("change", function () {
    if (memberPicker) { memberPicker.value = ""; }
    setWeights(data.weightings[+picker.value].raw);
  });
  if (memberPicker) {
    memberPicker.addEventListener("change", function () {
      if (memberPicker.value === "") { setWeights(data.weightings[+picker.value].raw); return; }
      setWeights(data.members[+memberPicker.value].raw);
    });
  }
  document.getElementById("whatif-reset").addEventListener("click", function () {
    picker.value = "0"; if (memberPicker) { memberPicker.value = ""; }
    setWeights(data.weightings[0].raw);
  });
  document.getElementById("whatif-download").addEventListener("click", download);
  var first = rank(raw);
  for (var i = 0; i < nOpt; i++) { baseRank[data.options[i].id] = first.ranks[i]; }
  recompute();
  window.appraisalWhatIf = {rank: rank, recompute: recompute, setWeights: setWeights,
                            weights: function () { return raw.slice(); },
                            scenarioYaml: scenarioYaml, fixed: fixed, pct: pct,
                            points: points, valueAt: valueAt, money: money};
})();
