"""`python -m pipeline fuzz`: the project's test articles, mutated at random
(figures, currency signs, pipes, brackets, newlines and CJK inserted; spans
deleted or doubled), fed to the extractor. It reports what must never
happen (an exception, a quote that is not the text at its span) and the
slowest inputs, so a quadratic path or a crash shows up before real text
finds it."""
from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass

from pipeline.config import PROJECT_ROOT
from pipeline.extract.deadline import Deadline, DeadlineExceeded
from pipeline.extract.extractor import extract_claims
from pipeline.bench import load_corpus

CORPORA = [PROJECT_ROOT / "tests" / "fixtures" / "articles", PROJECT_ROOT / "tests" / "fixtures" / "seeds"]
# what hostile or broken text is made of: figures, money, tables, brackets, line breaks, CJK
PIECES = ("0", "7", "42", "1,000", "3.14", "128K", "$", "$1.5", "$0.25/1M", "%", "88.7%", "|", " | ", "|---|",
          "[", "]", "(", ")", "（", "）", "\n", "\n\n", "\n- ", "\n# ", "\n| a | b |\n|---|---|\n", ",", ".",
          "-", "/", "~", "¥", "元", "百万", "上下文", "输入", "输出", "。", "，", "tokens", "per million",
          "GPT-4o", "Claude 3.5 Sonnet", "\u200b", "\t", "*", "**", "`", "```\n", "---\n")
KINDS = ("insert", "insert", "insert", "delete", "duplicate", "repeat")


@dataclass(frozen=True)
class Mutation:
    kind: str  # insert, delete, duplicate (a span once more), repeat (a piece many times)
    at: float  # where, as a fraction of the text
    size: float  # how much, as a fraction of a bounded span
    piece: str

    def apply(self, text: str) -> str:
        i = int(self.at * len(text))
        if self.kind == "insert":
            return text[:i] + self.piece + text[i:]
        if self.kind == "repeat":
            return text[:i] + self.piece * (1 + int(self.size * 400)) + text[i:]
        j = min(len(text), i + 1 + int(self.size * 200))
        if self.kind == "delete":
            return text[:i] + text[j:]
        return text[:j] + text[i:j] + text[j:]  # duplicate


def mutated(text: str, mutations) -> str:
    for mutation in mutations:
        text = mutation.apply(text)
    return text


def random_mutations(rng: random.Random) -> list[Mutation]:
    return [Mutation(rng.choice(KINDS), rng.random(), rng.random(), rng.choice(PIECES))
            for _ in range(rng.randint(1, 8))]


@dataclass
class Outcome:
    seconds: float
    size: int
    crash: str | None = None  # "Type: message" of an exception that escaped
    refused: bool = False  # past the deadline
    mismatches: int = 0  # claims whose quote is not the text at their span


def check(text: str, source: str, seconds: float | None) -> Outcome:
    """Extracts one text; never raises."""
    started = time.perf_counter()
    outcome = Outcome(0.0, len(text))
    try:
        claims = extract_claims(text, source, Deadline(seconds))
        outcome.mismatches = sum(text[c.span[0]:c.span[1]] != c.quote for c in claims)
    except DeadlineExceeded:
        outcome.refused = True
    except Exception as exc:  # noqa: BLE001 - a crash is what we are looking for
        outcome.crash = f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:300]
    outcome.seconds = time.perf_counter() - started
    return outcome


def run(n: int, seed: int, seconds: float, show: int = 10, out=None) -> int:
    """Fuzzes `n` mutated articles; prints crashes, span mismatches and the slowest."""
    out = out or sys.stdout
    rng = random.Random(seed)
    docs = load_corpus(CORPORA)
    extract_claims("warm-up: GPT-4o costs $5 per 1M input tokens.", "warm")  # the vocabulary loads once
    slowest: list[tuple[float, int, str]] = []
    crashes, mismatched, refused = [], [], 0
    started = time.perf_counter()
    for i in range(n):
        doc = rng.choice(docs)
        mutations = random_mutations(rng)
        text = mutated(doc.raw_text or doc.text, mutations)
        result = check(text, doc.source, seconds)
        label = f"#{i} {doc.source} {len(mutations)} mutations"
        if result.crash:
            crashes.append((label, result.crash, mutations))
        if result.mismatches:
            mismatched.append((label, result.mismatches))
        refused += result.refused
        slowest = sorted([*slowest, (result.seconds, result.size, label)], reverse=True)[:show]
    elapsed = time.perf_counter() - started
    print(f"fuzz: {n} inputs in {elapsed:.1f} s ({n / elapsed:.1f}/s), seed {seed}: {len(crashes)} crashes, "
          f"{len(mismatched)} with span mismatches, {refused} refused at the {seconds:g} s limit", file=out)
    for label, crash, mutations in crashes[:show]:
        print(f"crash {label}: {crash}\n  {mutations}", file=out)
    for label, count in mismatched[:show]:
        print(f"span mismatch {label}: {count} claims", file=out)
    for secs, size, label in slowest:
        print(f"slow {secs:.3f} s  {size} chars  {label}", file=out)
    return 1 if crashes or mismatched else 0
