"""Fit the pair scorer on the MSRP train split and write analysis/resources/scorer.json.

The method is `analysis.modeling.pair_scorer` (its docstring says why); this
script only finds the data and writes the file. The test split is never read.
Usage: python scripts/fit_scorer.py
"""

from __future__ import annotations

import json
import sys

from analysis.features import FEATURES
from analysis.modeling import pair_scorer
from analysis.msrp import MSRP
from analysis.scorer import SCORER_FILE

TRAIN = MSRP / "msr_paraphrase_train.txt"


def main() -> int:
    if not TRAIN.exists():
        print(f"fit_scorer: MSRP train split not found at {TRAIN}; nothing to fit (scorer.json left as is)")
        return 0
    params = pair_scorer.fit(TRAIN)
    SCORER_FILE.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
    counterpart = params["counterpart"]
    print(f"fit_scorer: {params['pairs']} train pairs (+{params['impostors']} impostors), C={params['C']}, "
          f"cv accuracy {params['cv_accuracy']:.4f} -> {SCORER_FILE.name}")
    print(f"  threshold with the best cross-validated F1: {params['cv_best_f1_threshold']}; "
          f"5th percentile of non-paraphrases: {params['cv_non_paraphrase_5th_percentile']:.3f}")
    print(f"  counterpart model: C={counterpart['C']}, cv AUC {counterpart['cv_auc']:.4f}, "
          f"threshold {counterpart['cv_youden_threshold']}")
    for name, coef in sorted(zip(FEATURES, params["coef"]), key=lambda t: -abs(t[1])):
        print(f"  {name:<13} {coef:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
