/* What-if panel: re-rank the short list from the data embedded in the page.
 * Same operations, in the same order, as the Python engine:
 *   appraisal.compile.CriteriaTree.leaf_weights (local shares, multiplied down the tree),
 *   appraisal.methods.weighted_sum.score (sum_j w_j v_ij; v_ij computed in Python),
 *   appraisal.ranking.competition_ranks (stable sort, ties within the tolerance, "1224").
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

  function rank(w) {
    var lw = leafWeights(w);
    var totals = new Float64Array(nOpt), i, j, row, s;
    for (i = 0; i < nOpt; i++) {
      row = data.values[i]; s = 0;
      for (j = 0; j < lw.leaf.length; j++) { s += lw.leaf[j] * row[j]; }
      totals[i] = s;
    }
    var order = [];
    for (i = 0; i < nOpt; i++) { order.push(i); }
    order.sort(function (a, b) { return totals[b] - totals[a]; });  /* stable (ES2019) */
    var ranks = new Array(nOpt), start = 0;
    for (i = 0; i < nOpt; i++) {
      if (i > 0 && totals[order[i - 1]] - totals[order[i]] > data.tolerance) { start = i; }
      ranks[order[i]] = start + 1;
    }
    return {totals: totals, ranks: ranks, order: order, weights: lw};
  }

  function pct(x) { return (x * 100).toFixed(1) + "%"; }

  function render(res) {
    var list = document.getElementById("whatif-ranking");
    var status = document.getElementById("whatif-status");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!res.weights.ok) {
      status.textContent = "Every criterion in a group has weight 0: give at least one a weight above 0.";
      status.className = "warn";
      return;
    }
    status.className = "";
    var lead = data.options[res.order[0]];
    status.textContent = "First: " + (lead.number === null ? "" : lead.number + ". ") + lead.name;
    res.order.forEach(function (i) {
      var o = data.options[i], li = document.createElement("li");
      li.value = res.ranks[i];
      li.setAttribute("data-option-id", o.id);
      li.setAttribute("data-rank", String(res.ranks[i]));
      li.setAttribute("data-score", String(res.totals[i]));
      var name = document.createElement("span");
      name.textContent = (o.number === null ? "" : o.number + ". ") + o.name;
      if (baseRank[o.id] !== undefined && baseRank[o.id] !== res.ranks[i]) {
        name.className = "moved";
        name.title = "rank " + baseRank[o.id] + " in the paper";
      }
      var score = document.createElement("span");
      score.className = "score";
      score.textContent = res.totals[i].toFixed(3);
      li.appendChild(name); li.appendChild(score); list.appendChild(li);
    });
    for (var k = 0; k < nNodes; k++) {
      outputs[k].textContent = fmtNum(raw[k]) + " \u2192 " + pct(res.weights.global[k]);
    }
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
  picker.addEventListener("change", function () { setWeights(data.weightings[+picker.value].raw); });
  document.getElementById("whatif-reset").addEventListener("click", function () {
    picker.value = "0"; setWeights(data.weightings[0].raw);
  });
  document.getElementById("whatif-download").addEventListener("click", download);
  var first = rank(raw);
  for (var i = 0; i < nOpt; i++) { baseRank[data.options[i].id] = first.ranks[i]; }
  recompute();
  window.appraisalWhatIf = {rank: rank, recompute: recompute, setWeights: setWeights,
                            weights: function () { return raw.slice(); },
                            scenarioYaml: scenarioYaml};
})();
