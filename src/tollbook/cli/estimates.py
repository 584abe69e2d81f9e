"""``tollbook estimate`` and ``tollbook estimates``: population estimates from capture histories."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tollbook.cli.output import print_json, print_table, stderr
from tollbook.errors import InputError

if TYPE_CHECKING:
    from tollbook.estimation.result import EstimateResult
    from tollbook.estimation.run import EstimateOptions

METHODS = ("loglinear", "dga", "lcmcr")


def estimate_command(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(help="Capture-pattern CSV: 0/1 list columns, optional count.")] = None,
    method: Annotated[str, typer.Option(help="loglinear, dga or lcmcr.")] = "loglinear",
    selection: Annotated[str, typer.Option(help="Log-linear model choice: aic or bic.")] = "aic",
    model: Annotated[str | None, typer.Option(help="Fixed log-linear model, e.g. 'c1:c2 + c3:c4'.")] = None,
    seed: Annotated[int, typer.Option(help="Random seed (MCMC, bootstrap, posterior draws).")] = 0,
    level: Annotated[float, typer.Option(help="Interval level.")] = 0.95,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    strata: Annotated[
        str | None,
        typer.Option(help="Comma-separated stratum columns (file) or person fields (casebook), e.g. 'place,sex'."),
    ] = None,
    bootstrap: Annotated[int, typer.Option(help="Log-linear: parametric bootstrap replicates (0 = off).")] = 0,
    delta: Annotated[float | None, typer.Option(help="dga: hyper-Dirichlet delta (default 2^-k).")] = None,
    prior: Annotated[str, typer.Option(help="dga: prior on N, reciprocal (1/N) or negbin.")] = "reciprocal",
    classes: Annotated[int, typer.Option("--K", help="lcmcr: number of latent classes.")] = 10,
    iterations: Annotated[
        int | None,
        typer.Option(
            help="lcmcr: sweeps kept per chain (before thinning); default: 20,000, doubled until the chains "
            "settle (split R-hat <= 1.01, ESS >= 400), at most 320,000."
        ),
    ] = None,
    burn_in: Annotated[int, typer.Option(help="lcmcr: sweeps discarded per chain.")] = 10_000,
    thin: Annotated[int | None, typer.Option(help="lcmcr: keep every n-th sweep; default: iterations / 2,000.")] = None,
    chains: Annotated[int, typer.Option(help="lcmcr: independent chains.")] = 4,
    label_moves: Annotated[
        bool,
        typer.Option(
            help="lcmcr: let classes trade places in the stick order every sweep; --no-label-moves is R's "
            "LCMCR sampler, whose chains keep the class order they start in (for comparing with R)."
        ),
    ] = True,
    jobs: Annotated[int | None, typer.Option(help="lcmcr: chains run at once; default: one per core.")] = None,
    plot: Annotated[Path | None, typer.Option(help="Folder to write PNG plots into.")] = None,
    from_casebook: Annotated[bool, typer.Option("--from-casebook", help="Use the casebook's linked persons.")] = False,
    store: Annotated[bool, typer.Option(help="Record this run in the casebook.")] = False,
) -> None:
    """Estimate how many people no list recorded (multiple systems estimation)."""
    # imported here: statsmodels, numba and matplotlib are slow to load for every other command
    from tollbook.estimation.histories import read_capture_csv
    from tollbook.estimation.plots import plot_result
    from tollbook.estimation.run import EstimateOptions, estimate

    if method not in METHODS:
        raise InputError(f"unknown method {method!r}", hint=f"choose one of {', '.join(METHODS)}")
    if output_format not in ("table", "json"):
        raise InputError(f"unknown format {output_format!r}", hint="use --format table or --format json")
    options = EstimateOptions(
        method=method,
        level=level,
        seed=seed,
        selection=selection,
        model=model,
        bootstrap=bootstrap,
        delta=delta,
        prior=prior,
        classes=classes,
        iterations=iterations,
        burn_in=burn_in,
        thin=thin,
        chains=chains,
        label_moves=label_moves,
        jobs=jobs,
    )
    names = [s.strip() for s in strata.split(",") if s.strip()] if strata else None
    if from_casebook or store:
        result = _casebook_run(ctx, file, options, names, from_casebook)
    elif file is None:
        raise InputError("no capture table given", hint="pass a CSV file, or --from-casebook")
    else:
        result = estimate(read_capture_csv(file, strata=names), options)
    if plot is not None:
        for path in plot_result(result, plot):
            stderr.print(f"wrote {path}", highlight=False)
    _print(result, output_format)


def _casebook_run(
    ctx: typer.Context, file: Path | None, options: EstimateOptions, strata: list[str] | None, from_casebook: bool
) -> EstimateResult:
    from tollbook.cli.context import open_book

    with open_book(ctx) as book:
        if from_casebook:
            return book.estimates.run_linked(options, strata=strata or [], store=True).result
        if file is None:
            raise InputError("no capture table given", hint="pass a CSV file, or --from-casebook")
        return book.estimates.run_file(file, options, strata=strata, store=True).result


def estimates_command(
    ctx: typer.Context,
    run_id: Annotated[int | None, typer.Argument(help="Show one stored run in full.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """List the estimates stored in the casebook (or show one)."""
    from tollbook.cli.context import open_book

    with open_book(ctx) as book:
        if run_id is not None:
            print_json(book.estimates.show(run_id))
            return
        runs = book.estimates.list()
    if output_format == "json":
        print_json(runs)
        return
    print_table(
        "Stored estimates",
        ["id", "when", "method", "observed", "estimate", "interval", "data"],
        [
            [
                r["id"],
                r["created_at"],
                r["method"],
                r["observed"],
                _fmt(r["estimate"]),
                f"{_fmt(r['low'])}–{_fmt(r['high'])}",
                r["data_hash"][:12],
            ]
            for r in runs
        ],
    )


def _print(result: EstimateResult, output_format: str) -> None:
    record = result.to_dict()
    if output_format == "json":
        print_json(record)
        return
    rows = [_row(part.to_dict(), "/".join((part.stratum or {}).values())) for part in result.strata]
    rows.append(_row(record, "total" if result.strata else "all"))
    title = f"{result.method} estimate ({result.level:.0%} interval)"
    print_table(title, ["stratum", "observed", "estimate", "low", "high", "unobserved"], rows)
    for key, value in record["diagnostics"].items():
        if key != "top_models":
            stderr.print(f"{key}: {value}", highlight=False)
    for warning in result.warnings:
        stderr.print(f"[yellow]warning:[/] {warning}", highlight=False)


def _row(record: dict[str, Any], label: str) -> list[str]:
    low, high = record["interval"]
    return [label, str(record["observed"]), _fmt(record["estimate"]), _fmt(low), _fmt(high), _fmt(record["unobserved"])]


def _fmt(value: float | None) -> str:
    return "unbounded" if value is None else f"{value:,.0f}"


def register(app: typer.Typer) -> None:
    """Add ``estimate`` and ``estimates`` to the ``tollbook`` command."""
    app.command("estimate")(estimate_command)
    app.command("estimates")(estimates_command)
