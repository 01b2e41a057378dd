"""The limits every layer applies to numbers it is given, so that every computation
stays finite and every run ends: stated once, documented in docs/format.md and
docs/cli.md, and named in the message when a limit is passed."""

MAX_NUMBER = 1e12
"""The largest magnitude of a weight, a scale bound or a score."""
MAX_SAMPLES = 100_000_000
"""The most Monte Carlo samples a run may ask for."""
VERIFY_SAMPLES = 1_000_000
"""The most Monte Carlo samples ``appraisal verify`` makes again from what a paper
records, unless told more with ``--samples`` (up to :data:`MAX_SAMPLES`): a paper is a
file anyone can edit, and a run of 100 million draws takes most of an hour."""
MAX_SEED = 2**63 - 1
"""The largest random seed."""
DETAIL_OPTIONS = 30
"""Up to this many options (passing the gates) every analysis is complete. Beyond it,
the analyses whose size grows with the square of the options (sweeps, distances,
near-ties, pairwise winning shares) and the rank acceptability follow the best-ranked
options: the first :data:`TOP_PLACES` places, or the :data:`DETAIL_OPTIONS` best."""
TOP_PLACES = 10
"""The places followed beyond :data:`DETAIL_OPTIONS` options."""
DEFAULT_SAMPLES = 40_000
"""Monte Carlo draws by default, everywhere: enough that any share is known to within
half a percentage point at 95% (1.96 sqrt(0.25 / N) <= 0.005 needs N >= 38,416)."""
