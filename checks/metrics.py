"""Reference-based scores (sacrebleu BLEU, chrF, TER) of a target against a reference translation."""

from __future__ import annotations

from collections.abc import Sequence

from sacrebleu.metrics import BLEU, CHRF, TER


def score(hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, object]:
    """BLEU, chrF and TER of *hypotheses* against *references*, for the document and per segment.

    Returns ``{"bleu": float, "chrf": float, "ter": float, "signature": {...},
    "segments": [{"bleu": float, "chrf": float, "ter": float}, ...]}`` with segments in input order.
    """
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses but {len(references)} references")
    hyps, refs = list(hypotheses), list(references)
    # effective_order: sentence BLEU of a short segment is not zero just because it has no 4-gram match.
    bleu, sent_bleu = BLEU(), BLEU(effective_order=True)
    chrf, ter = CHRF(), TER()
    segments = [
        {
            "bleu": sent_bleu.sentence_score(h, [r]).score,
            "chrf": chrf.sentence_score(h, [r]).score,
            "ter": ter.sentence_score(h, [r]).score,
        }
        for h, r in zip(hyps, refs, strict=True)
    ]
    if not hyps:
        return {"bleu": 0.0, "chrf": 0.0, "ter": 0.0, "signature": {}, "segments": []}
    return {
        "bleu": bleu.corpus_score(hyps, [refs]).score,
        "chrf": chrf.corpus_score(hyps, [refs]).score,
        "ter": ter.corpus_score(hyps, [refs]).score,
        "signature": {
            "bleu": str(bleu.get_signature()),
            "chrf": str(chrf.get_signature()),
            "ter": str(ter.get_signature()),
        },
        "segments": segments,
    }
