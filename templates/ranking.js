  /* Competition ranks of totals, best first, as appraisal.core.ordering.competition_ranks:
     a stable sort (ES2019), a new rank only where the gap exceeds the tie tolerance.
     Included by whatif.js and form.js. */
  function rankTotals(totals, tolerance) {
    var n = totals.length, order = [], ranks = new Array(n), start = 0, i;
    for (i = 0; i < n; i++) { order.push(i); }
    order.sort(function (a, b) { return totals[b] - totals[a]; });
    for (i = 0; i < n; i++) {
      if (i > 0 && totals[order[i - 1]] - totals[order[i]] > tolerance) { start = i; }
      ranks[order[i]] = start + 1;
    }
    return {order: order, ranks: ranks};
  }
