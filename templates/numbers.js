  /* Numbers as appraisal.presentation.formatting prints them; included by whatif.js
     and form.js (tests/test_whatif_format.py checks fixed() against Python). */
  function fixed(x, places) {
    /* Python's format(x, ".Nf"): the exact decimal expansion of the double, rounded half
       to even; toFixed(100) writes that expansion in full for the numbers shown here. */
    if (!isFinite(x)) { return "n/a"; }
    var neg = x < 0 || (x === 0 && 1 / x < 0), exact = Math.abs(x).toFixed(100);
    var dot = exact.indexOf("."), head = exact.slice(0, dot) + exact.slice(dot + 1, dot + 1 + places);
    var rest = exact.slice(dot + 1 + places), digits = head.split("").map(Number), k;
    var up = rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) ||
                                                   digits[digits.length - 1] % 2 === 1));
    if (up) {
      for (k = digits.length - 1; k >= 0 && digits[k] === 9; k--) { digits[k] = 0; }
      if (k < 0) { digits.unshift(1); } else { digits[k] += 1; }
    }
    var whole = digits.slice(0, digits.length - places).join("") || "0";
    var text = places ? whole + "." + digits.slice(digits.length - places).join("") : whole;
    return (neg ? "-" : "") + text;
  }
  function pct(x) { return fixed(x * 100, 1) + "%"; }
  function points(x) { return fixed(100 * x, 1); }
