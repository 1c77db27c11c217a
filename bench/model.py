"""python -m bench.model: how well the spam and abuse model does, and what it costs.

1. Splits the seed set (classifier/seed.tsv) by label and language with a fixed seed:
   60 % to train the starting model, 20 % fed back later as moderator decisions, 20 %
   held out for measuring. Nothing measured is ever trained on.
2. Precision and recall of each head on the held-out part, at the configured threshold
   (BROADSHEET_MODEL_*_THRESHOLD) and at 0.5, scored as a web process scores
   (score_comment: numpy only, weights read from the database).
3. Feeds the feedback part one comment at a time through the learning path the worker
   runs for a decision (training.learn, under the row lock) and measures again.
4. Scoring time per comment in-process over 1,000 comments: mean and p99.
5. The false positives on ordinary comments, before and after the feedback: the demo's
   comments (broadsheet/publishing/demo/discussion.py, never in the seed set) scored as
   a new reader's of unknown speed; how many pass a threshold, and the highest scores.

Runs on a throw-away SQLite data folder of its own; writes bench/results/model.json.
"""

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "model.json"
SPLIT_SEED = 12


def split(examples):
    """Stratified by (label, language): 60 % train, 20 % feedback, 20 % test."""
    groups = defaultdict(list)
    for example in examples:
        groups[(example.label, example.language)].append(example)
    rnd = random.Random(SPLIT_SEED)
    train, feedback, test = [], [], []
    for key in sorted(groups):
        group = groups[key]
        rnd.shuffle(group)
        n_test = max(1, round(len(group) * 0.2))
        n_feedback = max(1, round(len(group) * 0.2))
        test += group[:n_test]
        feedback += group[n_test : n_test + n_feedback]
        train += group[n_test + n_feedback :]
    # Moderators' decisions arrive mixed, not sorted by label.
    rnd.shuffle(feedback)
    return train, feedback, test


def measure(examples, threshold: dict[str, float]) -> dict:
    from broadsheet.moderation.classifier import score_comment

    scores = [
        score_comment(e.text, trust=e.trust, seconds_to_write=e.seconds_to_write) for e in examples
    ]
    result = {}
    for head in ("spam", "abuse"):
        for name, cut in (("threshold", threshold[head]), ("at_0.5", 0.5)):
            predicted = [getattr(s, head) >= cut for s in scores]
            actual = [e.label == head for e in examples]
            tp = sum(p and a for p, a in zip(predicted, actual, strict=True))
            fp = sum(p and not a for p, a in zip(predicted, actual, strict=True))
            fn = sum(a and not p for p, a in zip(predicted, actual, strict=True))
            result[f"{head}_{name}"] = {
                "cut": cut,
                "precision": round(tp / (tp + fp), 3) if tp + fp else None,
                "recall": round(tp / (tp + fn), 3) if tp + fn else None,
                "tp": tp,
                "fp": fp,
                "fn": fn,
            }
    return result


def demo_comments() -> list[str]:
    """Every distinct comment text the demo writes (discussion.create_discussions)."""
    from broadsheet.publishing.demo import discussion as demo

    texts = list(demo.TRAIN_OPENERS)
    texts += [f"{lead} {opener}" for lead in demo.LEAD_INS for opener in demo.TRAIN_OPENERS]
    texts += demo.TRAIN_REPLIES + demo.GENERAL + demo.GENERAL_REPLIES + demo.QUESTION_ANSWERS
    texts += [body for _, body in demo.QUOTED] + [body for _, body in demo.PENDING]
    return list(dict.fromkeys(texts))


def false_positives(texts, threshold: dict[str, float]) -> dict:
    from broadsheet.moderation.classifier import score_comment

    scores = [score_comment(t, trust=0, seconds_to_write=None) for t in texts]
    over = [
        t
        for t, s in zip(texts, scores, strict=True)
        if s.spam >= threshold["spam"] or s.abuse >= threshold["abuse"]
    ]
    return {
        "comments": len(texts),
        "over_a_threshold": len(over),
        "max_spam": round(max(s.spam for s in scores), 3),
        "max_abuse": round(max(s.abuse for s in scores), 3),
        "examples": over[:5],
    }


def timing(examples, n: int = 1000) -> dict:
    from broadsheet.moderation.classifier import score_comment

    texts = [examples[i % len(examples)] for i in range(n)]
    score_comment(texts[0].text)  # the first score loads the weights
    times = []
    for e in texts:
        start = time.perf_counter()
        score_comment(e.text, trust=e.trust, seconds_to_write=e.seconds_to_write)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "comments": n,
        "mean_ms": round(statistics.fmean(times), 3),
        "p50_ms": round(times[n // 2], 3),
        "p99_ms": round(times[int(n * 0.99) - 1], 3),
        "mean_chars": round(statistics.fmean(len(e.text) for e in texts), 1),
        "includes": "one version-check query per score (SQLite)",
    }


def main() -> int:
    data_dir = tempfile.mkdtemp(prefix="bench-model-")
    os.environ["BROADSHEET_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from broadsheet.moderation.classifier import training

    call_command("migrate", verbosity=0)
    train, feedback, test = split(training.read_seed())
    threshold = {
        "spam": settings.BROADSHEET_MODEL_SPAM_THRESHOLD,
        "abuse": settings.BROADSHEET_MODEL_ABUSE_THRESHOLD,
    }
    start = time.perf_counter()
    training.train(seed=train)
    trained_in = time.perf_counter() - start
    before = measure(test, threshold)
    demo = demo_comments()
    demo_before = false_positives(demo, threshold)
    sweep = {}
    for cut in (0.5, 0.6, 0.7, 0.8, 0.9):
        at = measure(test, {"spam": cut, "abuse": cut})
        sweep[cut] = {h: at[f"{h}_threshold"] for h in ("spam", "abuse")}
    start = time.perf_counter()
    for example in feedback:
        training.learn(
            example.text,
            example.label,
            trust=example.trust,
            seconds_to_write=example.seconds_to_write,
        )
    learned_in = time.perf_counter() - start
    after = measure(test, threshold)
    demo_after = false_positives(demo, threshold)
    report = {
        "examples": {"train": len(train), "feedback": len(feedback), "test": len(test)},
        "train_seconds": round(trained_in, 2),
        "learn_ms_per_decision": round(learned_in * 1000 / len(feedback), 1),
        "before_feedback": before,
        "after_feedback": after,
        "thresholds_before_feedback": sweep,
        "demo_comments": {"before_feedback": demo_before, "after_feedback": demo_after},
        "scoring": timing(test + feedback),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2))
    print(f"Model on {len(test)} held-out comments (trained on {len(train)}, then "
          f"{len(feedback)} decisions fed back one by one):")  # fmt: skip
    print(f"{'':18}{'before':>22}{'after feedback':>22}")
    for key in before:
        b, a = before[key], after[key]
        print(
            f"{key:18}"
            f"{'P ' + str(b['precision']) + ' R ' + str(b['recall']):>22}"
            f"{'P ' + str(a['precision']) + ' R ' + str(a['recall']):>22}"
        )
    print("Thresholds (starting model, held-out part):")
    for cut, heads in sweep.items():
        print(
            f"  {cut}: "
            + ", ".join(f"{h} P {v['precision']} R {v['recall']}" for h, v in heads.items())
        )
    for name, fp in (("before", demo_before), ("after feedback", demo_after)):
        print(
            f"Demo comments {name}: {fp['over_a_threshold']} of {fp['comments']} over a "
            f"threshold (highest spam {fp['max_spam']}, abuse {fp['max_abuse']})"
        )
    s = report["scoring"]
    print(
        f"Scoring: mean {s['mean_ms']} ms, p50 {s['p50_ms']} ms, p99 {s['p99_ms']} ms per comment "
        f"over {s['comments']} (mean {s['mean_chars']} characters); "
        f"learning {report['learn_ms_per_decision']} ms per decision."
    )
    print(f"Written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
