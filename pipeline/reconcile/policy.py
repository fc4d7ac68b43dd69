"""The reconciliation's policies, each in one place: how far a stated figure
reaches (intervals), how big a gap is (severity), when hedged figures roughly
agree (approximation), which ratios are unit slips, and how much each
reference dataset is trusted and preferred. Everything else asks here."""
from __future__ import annotations

import re

# -- tolerance: the interval of values a statement allows ---------------------
APPROX_SHARE = 0.10  # an approx figure (~, 约, about) allows 10% either side
SCORE_SLACK = 0.5  # a benchmark score allows half a point either side
UNBOUNDED = 1e300  # a bound (<= 300, 超过 100) allows everything on its side
SAME_VALUE_SLACK = 1e-9  # relative: floating-point noise is no disagreement


def interval(metric: str, value: float | None, value_high: float | None, bound: str = "eq",
             approx: bool = False) -> tuple[float | None, float | None]:
    """The values a figure allows: exact figures only themselves, an approx
    figure 10% either side, a score half a point either side, a bound its whole
    side, a range the range. Dates (value None) have no interval."""
    if value is None:
        return None, None
    low, high = min(value, value_high if value_high is not None else value), \
        max(value, value_high if value_high is not None else value)
    share = APPROX_SHARE if approx else 0.0
    slack = SCORE_SLACK if metric.startswith("score:") else 0.0
    if metric in TOKEN_METRICS and bound == "eq" and value_high is None:
        low, high = binary_thousands(value)
    lo = -UNBOUNDED if bound == "lte" else low * (1 - share) - slack
    hi = UNBOUNDED if bound == "gte" else high * (1 + share) + slack
    return lo, hi


TOKEN_METRICS = ("context_window", "max_output", "max_input")
POWERS_OF_TWO = {2 ** n for n in range(1, 12)}


def binary_thousands(value: float) -> tuple[float, float]:
    """A token count written in K or M may be decimal or binary: 8K is 8,000
    or 8,192, 128K 128,000 or 131,072, 2M 2,000,000 or 2,097,152; both
    readings of a power-of-two count agree."""
    for unit, binary in ((1e3, 1024.0), (1e6, 1024.0 ** 2)):
        n = value / unit
        if n == int(n) and int(n) in POWERS_OF_TWO | {1}:
            return value, n * binary
        n = value / binary
        if n == int(n) and int(n) in POWERS_OF_TWO | {1}:
            return n * unit, value
    return value, value


def intervals_overlap(a: tuple[float, float], b: tuple[float, float], scale: float) -> bool:
    slack = SAME_VALUE_SLACK * max(scale, 1.0)
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def dates_agree(a: str, b: str) -> bool:
    """Dates differing only in precision agree (2024-05 ~ 2024-05-13)."""
    return a.startswith(b) or b.startswith(a)


# -- severity: the gap between a value and the chosen one ---------------------
SEVERITY_SHARES = (0.10, 0.50)  # relative gap below 10%: low; below 50%: medium; else high
SEVERITY_MONTHS = (3, 12)  # dates: months apart


def severity_of_gap(gap: float) -> str:
    return "low" if gap < SEVERITY_SHARES[0] else "medium" if gap < SEVERITY_SHARES[1] else "high"


def severity_of_months(months: int) -> str:
    return "low" if months <= SEVERITY_MONTHS[0] else "medium" if months <= SEVERITY_MONTHS[1] else "high"


SEVERITY_ORDER = {"low": 0, "medium": 1, "high": 2}

# -- approximation: hedged figures that roughly agree -------------------------
APPROXIMATION_SHARE = 0.25

# -- unit slips: ratios that are unit factors, and the quote that supports them
CLOSE_RATIO = 0.02  # a ratio within 2% of a factor is that factor
# (factor, metrics, the quote that must show the slipped unit: of the larger or the smaller figure, pattern, reading)
PER_TOKEN = re.compile(r"(?:/|per|每)\s*(?:1\s*)?(?:token|tok\b|个\s*token|个令牌|令牌|标记)", re.IGNORECASE)
PER_THOUSAND = re.compile(r"(?:/|per|每)\s*(?:1\s*)?(?:k\b|1,?000\b|thousand|千)", re.IGNORECASE)
YI = re.compile(r"亿")
SECONDS = re.compile(r"\d\s*(?:s|sec|secs|seconds|秒)(?![a-z])", re.IGNORECASE)
PRICES = ("price", "price_input", "price_output")
UNIT_SLIPS = (
    (1e6, PRICES, "larger", PER_TOKEN, "a price per token where per 1M tokens was meant"),
    (1e3, PRICES, "larger", PER_TOKEN, "a price per token where per 1K tokens was meant"),
    (1e3, PRICES, "larger", PER_THOUSAND, "a price per 1K tokens where per 1M tokens was meant"),
    (10.0, ("parameters",), "smaller", YI, "billions (B) written as 亿 (1e8), a tenth of the count"),
    (1e3, ("latency",), "smaller", SECONDS, "seconds read as milliseconds"),
)


def close_ratio(a: float, b: float) -> bool:
    return abs(a - b) <= CLOSE_RATIO * max(abs(a), abs(b))


# -- reference datasets: how far each is trusted, which is preferred ----------
REFERENCE_PREFERENCE = {"official": 0, "simple-evals": 1, "models.dev": 2, "litellm": 3, "genai-prices": 4,
                        "llm-prices": 5}
REFERENCE_TRUST = {"official": 0.95, "simple-evals": 0.9, "litellm": 0.9, "models.dev": 0.85,
                   "genai-prices": 0.85, "llm-prices": 0.85}
DEFAULT_REFERENCE_TRUST = 0.8


def reference_rank(ref_source: str | None) -> int:
    return REFERENCE_PREFERENCE.get(ref_source or "", 9)


def reference_trust(ref_source: str | None) -> float:
    return REFERENCE_TRUST.get(ref_source or "", DEFAULT_REFERENCE_TRUST)


def reference_disputes(ref_source: str | None, dated: bool, n_documents: int) -> bool:
    """Whether a reference value contradicting a claimed value makes a conflict
    and overrides it. A dated fact, one bound to the snapshot the claims name,
    or a vendor's official one, always does; an undated row of a catalogue
    (LiteLLM, models.dev), or one bound to a snapshot the claims do not name,
    does not overrule a value two or more documents agree on: they may simply
    be about another version or older than the table."""
    return dated or ref_source == "official" or n_documents < 2
