"""``ar-collections replies build|train|eval``: the reply corpus, model and figures."""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "replies", help="build the reply corpus, train the intent model, evaluate"
    )
    actions = parser.add_subparsers(dest="replies_action", metavar="ACTION")
    build = actions.add_parser("build", help="rebuild data/replies/corpus.jsonl from sources/")
    build.set_defaults(handler=_build)
    train = actions.add_parser("train", help="train the intent model on the train split")
    train.set_defaults(handler=_train)
    evaluate = actions.add_parser("eval", help="figures on the held-out (and unseen) split")
    evaluate.add_argument(
        "--split",
        default="heldout",
        choices=["heldout", "train", "all", "cv", "unseen", "unseen-v4", "unseen-v5"],
        help="heldout (default); cv: grouped cross-validation on the train split; "
        "unseen, unseen-v4, unseen-v5: sets written after the model, never trained on",
    )
    evaluate.add_argument("--errors", action="store_true", help="list the misread examples")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.set_defaults(handler=_eval)
    parser.set_defaults(handler=lambda args: parser.print_help() or 2)


# The reply machinery loads dateparser and babel data: imported only when a reply
# command runs, so that every other ``ar-collections`` command starts fast.


def _build(args) -> int:
    from ar_collections_core.replies.corpus import (  # noqa: PLC0415
        CORPUS_PATH,
        build_corpus,
        write_corpus,
    )

    corpus = build_corpus()
    write_corpus(corpus)
    held = sum(1 for example in corpus if example["split"] == "heldout")
    print(f"{len(corpus)} examples ({held} held out) written to {CORPUS_PATH}")
    return 0


def _train(args) -> int:
    from ar_collections_core.replies.training import train_and_save  # noqa: PLC0415

    path, summary = train_and_save()
    print(
        f"intent model trained on {summary['documents']} replies, "
        f"{summary['features']} features, written to {path}"
    )
    return 0


def _eval(args) -> int:
    from ar_collections_core.replies.evaluation import (  # noqa: PLC0415
        evaluate_split,
        format_report,
    )

    report, errors = evaluate_split(args.split)
    if args.json:
        print(json.dumps(report, indent=2, sort_keys=True))
    else:
        print(format_report(report))
    if args.errors:
        for error in errors:
            print(json.dumps(error, ensure_ascii=False), file=sys.stdout)
    return 0
