"""PNG charts of a comparison: DSO over time, cumulative cash, messages per week.

matplotlib is the optional extra ``charts`` (``pip install ar-collections-core[charts]``);
it is imported only here, with the non-interactive Agg backend.
"""

from __future__ import annotations

from pathlib import Path

CHARTS = (
    ("dso.png", "DSO, countback over 3 months (days)", "dso"),
    ("cash.png", "Cash collected since the start (cumulative)", "cash"),
    ("messages.png", "Messages sent per week", "messages"),
)


class ChartsUnavailable(RuntimeError):
    """matplotlib is not installed."""


def _pyplot():
    try:
        import matplotlib  # noqa: PLC0415 (optional dependency, loaded on demand)

        matplotlib.use("Agg")
        from matplotlib import pyplot  # noqa: PLC0415
    except ImportError as error:
        raise ChartsUnavailable(
            "PNG charts need matplotlib: pip install 'ar-collections-core[charts]' "
            f"(or pip install matplotlib) ({error})"
        ) from None
    return pyplot


def write_charts(results, out_dir) -> list[Path]:
    """One PNG per chart in ``out_dir`` (created if needed), one line per strategy."""
    pyplot = _pyplot()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    config = results[0].config
    for filename, title, field in CHARTS:
        figure, axes = pyplot.subplots(figsize=(8, 4.5), dpi=100)
        try:
            for result in results:
                points = [(w.end, getattr(w, field)) for w in result.weeks]
                points = [(d, v) for d, v in points if v is not None]
                if field == "messages":
                    axes.step([d for d, _v in points], [v for _d, v in points], where="post",
                              label=result.strategy)  # fmt: skip
                else:
                    axes.plot([d for d, _v in points], [v for _d, v in points],
                              label=result.strategy, marker="o", markersize=2)  # fmt: skip
            axes.set_title(title)
            axes.set_xlabel(
                f"{config.customers} simulated customers, seed {config.seed} (a what-if, "
                "not a promise)"
            )
            axes.grid(alpha=0.3)
            axes.legend()
            figure.autofmt_xdate()
            figure.tight_layout()
            path = out / filename
            figure.savefig(path)
            written.append(path)
        finally:
            pyplot.close(figure)
    return written
