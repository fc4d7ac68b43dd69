"""The fixed patterns of the claim grammar: how units, rates, currencies,
directions and settings are written next to a number, in English and Chinese.
(Words that vary by domain, like metric cues and qualifier words, live in the
vocabulary file instead; see cues.py.)"""
import re

from pipeline.extract.currency import currencies
from pipeline.extract.fastre import led

_MONEY = currencies()
SIGN = rf"(?:{_MONEY.signs})"  # a currency written before a number: "$", "¥", "€", "RMB"
_WORD = rf"(?:{_MONEY.words})"  # one written after it: "美元", "元", "euros"
DIGIT = re.compile(r"\d")
BRACKETED = re.compile(r"[(（][^()（）]*[)）]")  # one bracketed aside, innermost
TOKEN_WORD = r"(?:tokens?|toks?|个?\s*(?:标记|令牌|词元|代币|token)s?)"
CURRENCY_BEFORE = _MONEY.before  # group `sign`
CURRENCY_AFTER = _MONEY.after  # groups `word` and `cents` (a hundredth)
DIRECTION = r"(?:\s*(?:cached\s+|cache\s+|batch\s+|缓存)?(?P<dir>input|output|prompt|completion|输入|输出))?"
RATE_AFTER = re.compile(
    r"^\s*(?:/|per|each|every|每)\s*(?:(?P<k>1\s*[Kk]|[Kk]|千|thousand|1,000|1000|one thousand)|"
    r"(?P<m>1\s*million|1\s*M|M|MTok|mtok|百万|100\s*万|million|one million|1,000,000|1000000|mil)|(?P<t>(?=\s*(?:个\s*)?(?:tokens?|toks?|令牌|标记|词元))))"
    + DIRECTION + rf"\s*(?:{TOKEN_WORD})?" + r"(?![A-Za-z])",
    re.IGNORECASE,
)
RATE_BEFORE = re.compile(
    r"(?:每|per|/)\s*(?:(?P<k>1\s*[Kk]|[Kk]|千|thousand|1,000|1000)|(?P<m>1\s*million|1\s*M|M|百万|100\s*万|一百万|million|one million|MTok))"
    r"\s*(?:个)?" + DIRECTION + rf"\s*(?:{TOKEN_WORD})?\s*(?:个)?[^\d$￥，,。;；]{{0,6}}$",
    re.IGNORECASE,
)
RATE_ANYWHERE = re.compile(
    r"(?:/|per|每)[\s-]*(?:(?P<k>1\s*[Kk]|[Kk]|千|thousand|1,000)|(?P<m>1\s*million|1\s*M|M|MTok|百万|100\s*万|million|one million))"
    r"(?!(?!tok)[A-Za-z])", re.IGNORECASE)  # "每百万Token" too
PAIR_HEAD = re.compile(rf"^\s*(?:(?:[A-Za-z]{{1,6}}|输入|输出)\s*)?/\s*{SIGN}\s*\d", re.IGNORECASE)  # "$3 / $15", "$2.50 in / $10 out"
PAIR_TAIL = re.compile(rf"{SIGN}\s*[\d.,\\]+\s*(?:(?:[A-Za-z]{{1,6}}|输入|输出)\s*)?/\s*{SIGN}\s*$", re.IGNORECASE)
_CONJ = r"\s*(?:and|和|与|及|、|&)\s*"
_DIRECTION_WORD = r"(?:\s*(?:input|output|prompt|completion|输入|输出))?"
PRICE_CONJ_HEAD = re.compile(  # "$10 and $30", "$1.25 input and $5.00 output"
    rf"\s*{_WORD}?{_DIRECTION_WORD}{_CONJ}{SIGN}?\s*\d", re.IGNORECASE)
_VS = r"\s*(?:vs\.?|versus|对比)\s*"
PRICE_VS_HEAD = re.compile(rf"\s*{_WORD}?{_VS}{SIGN}\s*\d", re.IGNORECASE)  # "$2.50 vs $3.00"
PRICE_VS_TAIL = re.compile(rf"{SIGN}\s*[\d.,]+\s*{_WORD}?{_VS}{SIGN}\s*$", re.IGNORECASE)
PRICE_CONJ_TAIL = re.compile(
    rf"(?:{SIGN}\s*[\d.,]+|[\d.,]+\s*{_WORD}){_DIRECTION_WORD}{_CONJ}{SIGN}?\s*$", re.IGNORECASE)
# a price changed to a new figure: "输入价格从 0.03元 降至 0.005元" (the new figure keeps the old one's direction)
PRICE_CHANGE = re.compile(r"(?:降至|降到|降为|降低至|降低到|下调至|下调到|下降至|下降到|减至|调整为|调整至|调至|上调至|上调到"
                          r"|涨至|涨到|提高至|提高到|提升至|升至|→|->|⇒|\bto\b)",
                          re.IGNORECASE)
PRICE_NOUN = re.compile(r"\s*(?:price|pricing|prices|价格|定价|价)", re.IGNORECASE)
LAUNCH_PRICE = re.compile(r"(?:launch|release|发布|首发|上线)\s*(?:price|pricing|价格?|定价)", re.IGNORECASE)
PER_TIME = re.compile(r"^\s*(?:/|per|每)\s*(?:月|年|天|小时|month|year|day|hour|user|用户|seat"
                      r"|次|request|call|query|image|张|minute|分钟)(?![A-Za-z])", re.IGNORECASE)  # "¥0.06/次": a cost per call
PERIOD_COST = re.compile(r"月成本|月费|月度|每月|包月|年费|monthly|annual|per month|per year|/\s*mo(?:nth)?\b",
                         re.IGNORECASE)  # a table column of what a plan costs a month, not a token price
THROUGHPUT_AFTER = re.compile(rf"^\s*(?:output\s+|generated\s+|输出\s*)?{TOKEN_WORD}\s*(?:/|per|每)\s*(?:s|sec|secs|second|秒)(?![A-Za-z])", re.IGNORECASE)
THROUGHPUT_BEFORE = re.compile(r"每秒(?:钟)?\s*(?:可以?|能)?\s*(?:生成|输出|处理|产生)?\s*(?:约|大约|近|~|超过|至少|最多|高达|多达)?\s*$")
TOKEN_AFTER = re.compile(  # "128K tokens", "200K-token", "65,536 max output tokens", "128,000 context window"
    rf"^\s*(?:\\?-)?\s*(?:(?:(?:max(?:imum)?\s+)?(?:input|output|context|prompt|completion)|输入|输出)\s*)?{TOKEN_WORD}"
    r"(?![A-Za-z])|^\s*(?:context\s+(?:window|length)|上下文(?:窗口|长度)?)(?![A-Za-z])",
    re.IGNORECASE)
# "最大输出令牌为 65,536 个": the token word before the number, the counter word after it
TOKENS_COUNTED = re.compile(rf"{TOKEN_WORD}\s*(?:数|数量|上限)?\s*(?:为|是|有|达|达到|可达|多达|高达|[:：])?\s*$", re.IGNORECASE)
COUNTER_AFTER = re.compile(r"^\s*个(?!\s*(?:月|字|小时|百分点))")
KEY_BEFORE = re.compile(r"[\"']?([A-Za-z][\w\- ]{1,30}?)[\"']?\s*[:=]\s*$")  # `"context": ` before a number in code
# anchored at the start of a run of figures and possessive: a search stays linear on long digit runs
TOKEN_COUNT = re.compile(rf"(?<![\d,.])[,.]*\d[\d,.]*+\s*(?:[KkMm]|万|千)?\s*-?\s*{TOKEN_WORD}(?![A-Za-z])", re.IGNORECASE)
OWN_FIGURE = re.compile(r"(?:\b(?:our|my|their|your)|我们的|我们)\s*$", re.IGNORECASE)  # "our 71% success rate"
MODEL_THEN_DATE = re.compile(r"\s*(?:\(|（)?\s*(?:in|on|于|在)?\s*", re.IGNORECASE)
MONEY_HEADER = re.compile(rf"{_MONEY.anywhere.pattern}|\bcost\b", re.IGNORECASE)  # a table column of prices
HEADER_DIRECTION = re.compile(r"\b(?:in|out)\b", re.IGNORECASE)  # "$/M in", "$/M out"
PERCENTILE = re.compile(r"\bp(50|75|90|95|99)\b|(median|中位数)", re.IGNORECASE)
NOTE_AFTER = re.compile(r"[^\d(（$＄]{0,24}?[(（]([^()（）\d]{1,30})[)）]")  # "$0.14/M (cache hit)"
MULTIPLIER_AFTER = re.compile(r"\s?[x×倍](?![A-Za-z])")  # "1.2x", "3 倍": a ratio, never a quantity
WORKLOAD = re.compile(r"(?<![/\d.,])(?<!per )(?<!/ )(?<!每)\d[\d,.]*\s*[KkMm]?\s*(?:tokens?\s*)?(?:in|out|input|output)\b", re.IGNORECASE)  # "5K in / 1K out"
RATE_DENOMINATOR = re.compile(r"(?:\bper|/|每)[\s-]*$", re.IGNORECASE)
# what may stand between a score and the benchmark named after it: closing marks (`**90.2%**`,
# "`51.6`"), a unit or rating word, "percentile": "90.2% on", "2,029 Elo on", "`51.6` percentile on the"
SCORE_CLOSE = r"[`*_'\"’”]*"
# "93.1 on the long-context evaluation benchmark RULER": a few words and a benchmark noun may come first
BENCHMARK_AFTER = re.compile(
    rf"{SCORE_CLOSE}\s*(?:(?:%|％|points?|pts|elo|rating|percentile)\s*){{0,2}}{SCORE_CLOSE}\s*(?:on|in|at|for)\s+(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,4}?(?:benchmark|test|evaluation|eval|leaderboard)\s+)?[`*_\[]*",
    re.IGNORECASE)
# "got 73% on the benchmark", "在这项测试中": the benchmark the text named last
BENCHMARK_ANAPHOR = re.compile(
    rf"{SCORE_CLOSE}\s*(?:%|％)?{SCORE_CLOSE}\s*(?:on|in|at)\s+(?:the|this|that)\s+(?:same\s+)?"
    r"(?:benchmark|test|eval|evaluation|leaderboard)(?![\w-])|\s*(?:%|％)?\s*(?:在)?(?:该|这项|这个|此)(?:基准|测试|评测|榜单)",
    re.IGNORECASE)
SETTING_NUMBER = re.compile(r"\s*(?:-\s*|\s)?shots?\b|\s*(?:k|K)?-?shot", re.IGNORECASE)  # "5-shot": how, not how well
RANK_BEFORE = re.compile(r"(?:#|No\.\s?|第\s?|rank(?:ed)?\s+(?:#\s?)?)$", re.IGNORECASE)  # "#7 on the leaderboard": a rank
ABSOLUTE_AFTER = re.compile(r"\s*(?:abs(?:olute)?\.?|pp|percentage points?)(?![A-Za-z])\s*", re.IGNORECASE)  # "10.5%abs increase"
# between a list item's model and its bare score: "**Claude Opus 4 (May 2025)**: ", " — "
LISTED_VALUE = re.compile(r"[^\d\n]{0,4}(?:\s*[(（][^()（）\n]{0,30}[)）])?[*_`\s]*[:：—–-]\s*[*_`]*\s*")
LIST_ITEM_LINE = re.compile(r"[ \t>]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")
RATING_WORD = re.compile(r"(?<![A-Za-z])(?:elo|ratings?|rated|等级分)(?![A-Za-z])", re.IGNORECASE)  # a rating, not a percentage
PERCENTILE_WORD = re.compile(r"percentile|百分位", re.IGNORECASE)  # "the 96th percentile": a percentage score
# "输入 1000 token 的价格为 0.000075 美元", "the price of 1M input tokens is $3": a rate written as a count
PRICE_OF_COUNT = re.compile(
    r"(?:(?P<dir>input|output|输入|输出)\s*)?(?:(?P<k>1000|1,000|1\s*[Kk]|一千|千)|(?P<m>1000000|1,000,000|1\s*M|百万|一百万))"
    rf"\s*(?:个)?\s*{TOKEN_WORD}\s*(?:的)?\s*(?:价格|费用|成本|costs?|is priced at)\s*(?:为|是|约|:|：)?\s*$", re.IGNORECASE)
PRICED_COUNT = re.compile(rf"\s*(?:{TOKEN_WORD})?\s*(?:的)?\s*(?:价格|费用|成本|costs?\b|is priced)", re.IGNORECASE)
WORD_COUNT = re.compile(r"^\s*(?:words?|个?单词|个?字|characters?|字符)(?![A-Za-z])", re.IGNORECASE)
LINE_KEY = re.compile(r"[\s>*-]*[\"']?([A-Za-z][\w\- ]{1,30}?)[\"']?\s*[:=]")  # `  gpqa: "59.4% vs 50.4%"`
RESTATED = re.compile(rf"\s*(?:{TOKEN_WORD})?\s*[(（]\s*(?:≈|~|约)?\s*", re.IGNORECASE)  # "4,096 tokens (4K"
ARROW_BETWEEN = re.compile(r"[^\d→⇒➜>]{0,12}?(?:→|->|⇒|=>|➜)\s*(?:US\$|\$|＄)?\s*")  # "128K → 1M", "$2.50 → $2.00"
MS_AFTER = re.compile(r"^\s*(?:ms|毫秒|milliseconds?|msec)(?![A-Za-z])", re.IGNORECASE)
SECONDS_AFTER = re.compile(r"^\s*(?:s|sec|secs|seconds?|秒钟?)(?![A-Za-z/])", re.IGNORECASE)
PERCENT_AFTER = re.compile(r"^\s*(?:%|％|percent)")
POINTS_AFTER = re.compile(r"^\s*(?:分|points?|pts|elo)(?![A-Za-z])", re.IGNORECASE)
# "a spread of only 28 points", "相差 12 分": a difference between models, not a score
SPREAD_BEFORE = re.compile(r"(?:spread|gap|difference|margin|lead|差距|相差|差了|领先)\s*(?:of\s+)?"
                           r"(?:only\s+|just\s+|about\s+|roughly\s+|around\s+)?(?:为|是|了|仅|只有)?\s*$", re.IGNORECASE)
ARITHMETIC = re.compile(  # an operator between numbers: a worked example ("1M input + 10k output costs ~$0.051")
    rf"[\d)）%]\s*(?:[KkMm]\s*)?(?:(?:tokens?|input|output)\s*)?[×*＊+=＝]\s*[\d$＄(（{re.escape(_MONEY.symbols)}]", re.IGNORECASE)
# "截至 2024 年 6 月" dates a claim, but "训练数据截止到 2024 年 7 月" is a cut-off
AS_OF = re.compile(r"(?:as of|as at|(?<!数据)(?<!知识)(?<!数据 )(?<!知识 )(?:截至|截止到|截止至))\s*", re.IGNORECASE)
# how a score was measured: "5-shot CoT", "0-shot", "pass@1", "cons@64", "maj@32", "CoT"
SHOTS = re.compile(r"(\d+)[- ]?shot(?:[- ,]*(cot|chain[- ]of[- ]thought))?|((?:pass|cons|maj)@\d+)|\b(cot)\b", re.IGNORECASE)
PARAMETER_KIND = re.compile(r"(?P<active>active|activated|激活)|(?P<total>total|总)", re.IGNORECASE)
# searched through a first-character lookahead (fastre.py): the same matches, fewer tries
CURRENCY_AFTER, KEY_BEFORE, MULTIPLIER_AFTER = led(CURRENCY_AFTER), led(KEY_BEFORE), led(MULTIPLIER_AFTER)
WORD_COUNT, SPREAD_BEFORE, AS_OF, SHOTS = led(WORD_COUNT), led(SPREAD_BEFORE), led(AS_OF), led(SHOTS)
CLAUSE_BREAK = re.compile(r"[，；;]|,(?!\s?\d)|\s(?:while|whereas|but)\s|但是?|而(?=[^且])")
SCORE_WORD = re.compile(r"得分|成绩|分数|等级分|评分|获得|score|scored|achiev|reach|rating|elo|达到|取得", re.IGNORECASE)
# between a benchmark and its score later in the clause: "MMLU-Pro, securing a score of `75.9`",
# "MMLU (…) with a top score of 88.5", "Codeforces rating of 2,029", "C-Eval 上得分 86.5"
SCORE_LEAD = re.compile(
    r"[^\d%％。.;；\n]{0,60}?(?:score[sd]?|scoring|rating|elo|accuracy|pass rate|rate|得分|分数|成绩|准确率|通过率)"
    r"(?:\s*(?:of|at|is|was|was at|为|是|达到|of about|around))?\s*[:：]?\s*[`*_]*\s*$", re.IGNORECASE)
YEAR = re.compile(r"(?:19|20)\d\d")
PARAM_SCALES = {"b", "bn", "billion", "t", "trillion", "亿", "万亿", "十亿"}
