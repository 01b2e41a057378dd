  /* Value for money in the what-if panel: benefit points at the panel's weights against
   * each option's net present cost (fixed), and the frontier found as
   * appraisal.analysis.frontier.frontier finds it (strict dominance, then the upper hull
   * with the same tolerances). Options failing a gate (business as usual kept as the
   * benchmark) are drawn but take no part. Included by whatif.js; uses fixed(). */
  var SVGNS = "http://www.w3.org/2000/svg";

  function frontierOf(cost, benefit) {
    var n = cost.length, i, j, eps = data.value.eps;
    var ct = eps * Math.max(1, Math.max.apply(null, cost.map(Math.abs)));
    var bt = eps * Math.max(1, Math.max.apply(null, benefit.map(Math.abs)));
    var order = [];
    for (i = 0; i < n; i++) { order.push(i); }
    order.sort(function (a, b) {
      return cost[a] - cost[b] || benefit[b] - benefit[a] || a - b;
    });
    var status = [];
    for (i = 0; i < n; i++) {
      status.push("frontier");
      for (var q = 0; q < n; q++) {
        j = order[q];
        if (j !== i && cost[j] <= cost[i] + ct && benefit[j] >= benefit[i] - bt &&
            (cost[j] < cost[i] - ct || benefit[j] > benefit[i] + bt)) {
          status[i] = "dominated"; break;
        }
      }
    }
    function same(a, b) { return Math.abs(cost[a] - cost[b]) <= ct && Math.abs(benefit[a] - benefit[b]) <= bt; }
    function below(a, m, p) {
      var span = cost[p] - cost[a];
      if (span <= ct) { return false; }
      var chord = benefit[a] + (cost[m] - cost[a]) * (benefit[p] - benefit[a]) / span;
      return benefit[m] < chord - bt;
    }
    var hull = [], twins = {};
    order.forEach(function (p) {
      if (status[p] !== "frontier") { return; }
      if (hull.length && same(hull[hull.length - 1], p)) {
        (twins[hull[hull.length - 1]] = twins[hull[hull.length - 1]] || []).push(p); return;
      }
      while (hull.length >= 2 && below(hull[hull.length - 2], hull[hull.length - 1], p)) { hull.pop(); }
      hull.push(p);
    });
    var on = hull.slice();
    hull.forEach(function (h) { (twins[h] || []).forEach(function (t) { on.push(t); }); });
    on.sort(function (a, b) { return cost[a] - cost[b] || benefit[b] - benefit[a] || a - b; });
    for (i = 0; i < n; i++) { if (status[i] === "frontier" && on.indexOf(i) < 0) { status[i] = "extended"; } }
    return {status: status, order: on};
  }

  function money(x, places) {
    /* appraisal.presentation.value.money */
    var size = Math.abs(x), unit = data.value.money_unit;
    if (places === undefined) { places = (size >= 1000 || !unit) ? 0 : (size >= 10 ? 1 : 2); }
    var text = fixed(size, places).split(".");
    text[0] = text[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    var out = "\u00a3" + text.join(".") + unit;
    return (x < 0 && +fixed(size, places) !== 0) ? "-" + out : out;
  }

  function niceTicks(lo, hi) {
    var span = hi > lo ? hi - lo : Math.max(Math.abs(hi), 1), raw = span / 5;
    var power = Math.pow(10, Math.floor(Math.log10(raw))), step = power;
    [1, 2, 5, 10].some(function (m) { step = m * power; return step >= raw; });
    var out = [], t = Math.floor(lo / step) * step;
    while (t <= hi + step * 1e-9) { out.push(+t.toFixed(10)); t += step; }
    if (out[out.length - 1] < hi) { out.push(+(out[out.length - 1] + step).toFixed(10)); }
    return out;
  }

  function padded(xs) {
    var lo = Math.min.apply(null, xs), hi = Math.max.apply(null, xs);
    var pad = hi > lo ? (hi - lo) / 10 : Math.max(Math.abs(hi) / 10, 1);
    return niceTicks(lo - pad, hi + pad);
  }

  function el(name, attrs, text) {
    var e = document.createElementNS(SVGNS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function valueAt(leaf) {
    var opts = data.value.options;
    var benefit = opts.map(function (o) {
      var s = 0;
      for (var j = 0; j < leaf.length; j++) { s += leaf[j] * o.values[j]; }
      return 100 * s;
    });
    var viable = [], i;
    for (i = 0; i < opts.length; i++) { if (opts[i].viable) { viable.push(i); } }
    var f = frontierOf(viable.map(function (k) { return opts[k].cost; }),
                       viable.map(function (k) { return benefit[k]; }));
    var status = opts.map(function () { return "excluded"; });
    viable.forEach(function (k, q) { status[k] = f.status[q]; });
    return {benefit: benefit, status: status, order: f.order.map(function (q) { return viable[q]; })};
  }

  function renderValue(leaf) {
    var box = document.getElementById("whatif-value");
    if (!box || !data.value) { return null; }
    var opts = data.value.options, res = valueAt(leaf);
    var W = 520, H = 330, L = 56, T = 12, PW = 440, PH = 260;
    var xs = padded(opts.map(function (o) { return o.cost; })), ys = padded(res.benefit);
    function px(c) { return L + PW * (c - xs[0]) / (xs[xs.length - 1] - xs[0]); }
    function py(b) { return T + PH * (1 - (b - ys[0]) / (ys[ys.length - 1] - ys[0])); }
    var svg = el("svg", {viewBox: "0 0 " + W + " " + H, width: "100%", role: "img",
                         "aria-labelledby": "whatif-value-title", "font-size": 11,
                         "font-family": "Arial, Helvetica, sans-serif"});
    svg.appendChild(el("title", {id: "whatif-value-title"},
      "Benefit against net present cost at these weights; the frontier runs through " +
      res.order.map(function (i) { return opts[i].label; }).join(", ") + "."));
    var step = Math.abs(xs[1] - xs[0]), tickPlaces = step >= 1 ? 0 : (step >= 0.1 ? undefined : 2);
    xs.forEach(function (t) {
      svg.appendChild(el("line", {x1: px(t), y1: T, x2: px(t), y2: T + PH, stroke: "#dddddd"}));
      svg.appendChild(el("text", {x: px(t), y: T + PH + 14, "text-anchor": "middle", "font-size": 10}, money(t, tickPlaces)));
    });
    ys.forEach(function (t) {
      svg.appendChild(el("line", {x1: L, y1: py(t), x2: L + PW, y2: py(t), stroke: "#dddddd"}));
      svg.appendChild(el("text", {x: L - 6, y: py(t) + 4, "text-anchor": "end", "font-size": 10}, String(t)));
    });
    svg.appendChild(el("text", {x: L + PW / 2, y: T + PH + 32, "text-anchor": "middle", "font-size": 10},
                       "Net present cost (" + data.value.unit + ")"));
    svg.appendChild(el("text", {x: 12, y: T + PH / 2, "text-anchor": "middle", "font-size": 10,
                                transform: "rotate(-90 12 " + (T + PH / 2) + ")"}, "Benefit (points)"));
    if (res.order.length > 1) {
      svg.appendChild(el("polyline", {fill: "none", stroke: "#0077BB", "stroke-width": 2,
        points: res.order.map(function (i) { return px(opts[i].cost) + "," + py(res.benefit[i]); }).join(" ")}));
    }
    opts.forEach(function (o, i) {
      var x = px(o.cost), y = py(res.benefit[i]), on = res.status[i] === "frontier";
      var colour = o.benchmark ? "#CC3311" : (on ? "#0077BB" : "#666666");
      var mark = o.benchmark ? el("rect", {x: x - 5, y: y - 5, width: 10, height: 10, fill: colour})
                             : el("circle", {cx: x, cy: y, r: on ? 5 : 4, fill: colour});
      mark.setAttribute("data-option-id", o.id);
      svg.appendChild(mark);
      svg.appendChild(el("text", {x: x + 6, y: y - 7, "font-size": 10,
                                  "font-weight": o.preferred ? "bold" : "normal"},
                         o.label.split(".")[0]));
    });
    while (box.firstChild) { box.removeChild(box.firstChild); }
    box.appendChild(svg);
    var words = {frontier: "on the frontier", dominated: "dominated", extended: "extendedly dominated",
                 excluded: "benchmark only"};
    var list = document.getElementById("whatif-value-rows");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    opts.map(function (o, i) { return i; }).sort(function (a, b) { return opts[a].cost - opts[b].cost; })
      .forEach(function (i) {
        var tr = document.createElement("tr");
        tr.setAttribute("data-option-id", opts[i].id);
        tr.setAttribute("data-status", res.status[i]);
        tr.setAttribute("data-benefit", String(res.benefit[i]));
        tr.appendChild(cell("th", opts[i].label, "name")).setAttribute("scope", "row");
        tr.appendChild(cell("td", fixed(res.benefit[i], 1), "num"));
        tr.appendChild(cell("td", opts[i].cost_text, "num"));
        tr.appendChild(cell("td", words[res.status[i]], ""));
        list.appendChild(tr);
      });
    return res;
  }
