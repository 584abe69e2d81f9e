"""Commands of the victims stage: ``tollbook dedupe`` and the ``tollbook victims`` group.

Each command parses its options, makes one library call and prints; the work is in
:mod:`tollbook.victims` (no casebook) and :mod:`tollbook.book.victims` (``book.victims``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tollbook.cli.context import open_book
from tollbook.cli.output import print_jsonl, print_table, stderr, stdout
from tollbook.errors import InputError

victims_app = typer.Typer(help="Named victims: list import, linkage into persons, review.", no_args_is_help=True)

MapOption = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        help="FIELD=COLUMN, e.g. --map given_name=first_name (repeatable). FIELD may be an alias "
        "(first_name, surname, dob, city) or a field of your own (email, postcode): that column is compared too.",
    ),
]
ThresholdOption = Annotated[
    float, typer.Option("--threshold", help="Match probability (0..1) at which two records are linked.")
]
EngineOption = Annotated[str, typer.Option("--engine", help="Linkage engine: duckdb (default) or spark (local).")]
SHOWN_FIELDS = ("list", "record_id", "name", "given_name", "father_name", "family_name", "sex", "age", "birth_date",
                "date_of_death", "place")  # fmt: skip


def dedupe(
    input_csv: Annotated[Path, typer.Argument(help="CSV (or XLSX) of person records; one row per record.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write record_id,person_id,cluster_size,list.")],
    mapping: MapOption = None,
    threshold: ThresholdOption = 0.9,
    engine: EngineOption = "duckdb",
    model: Annotated[
        Path | None, typer.Option("--model", help="Use this saved model JSON instead of training.")
    ] = None,
    save_model: Annotated[Path | None, typer.Option("--save-model", help="Write the trained model JSON here.")] = None,
) -> None:
    """Link the records of one CSV into persons (no casebook needed)."""
    from tollbook.victims.dedupe import dedupe_file, write_output
    from tollbook.victims.fields import parse_map_options

    result = dedupe_file(input_csv, parse_map_options(mapping or []), threshold=threshold, engine=engine,
                         model_path=model)  # fmt: skip
    write_output(result, out)
    if save_model:
        result.model.save(save_model)
    dropped = f"; ignored ground-truth column(s) {', '.join(result.columns.dropped)}" if result.columns.dropped else ""
    stderr.print(f"{len(result.records)} records → {result.persons} persons → {out}{dropped}", highlight=False)


def import_list(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The victim list: CSV or XLSX with one header row.")],
    list_name: Annotated[str, typer.Option("--list", help="Name of the list in the casebook (unique).")],
    mapping: MapOption = None,
) -> None:
    """Import a victim list: kept as a source, good rows stored, bad rows reported by line."""
    from tollbook.victims.fields import parse_map_options

    with open_book(ctx) as book:
        result = book.victims.import_list(file, list_name, parse_map_options(mapping or []))
    for problem in result.problems:
        stderr.print(f"skipped {problem}", highlight=False, markup=False)
    stdout.print(
        f"imported list {result.list_id} {result.list_name!r}: {result.records} records "
        f"(source {result.source_id}; {len(result.problems)} problem(s) in skipped rows)",
        highlight=False,
    )


def link(ctx: typer.Context, threshold: ThresholdOption = 0.9, engine: EngineOption = "duckdb") -> None:
    """Link every imported record into persons; store the model, persons and review queue."""
    with open_book(ctx) as book:
        run = book.victims.link(threshold=threshold, engine=engine)
    stdout.print(
        f"link run {run.run_id}: {run.records} records → {run.persons} persons; "
        f"{run.queued} uncertain pair(s) queued for review (tollbook victims review)",
        highlight=False,
    )


def review(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many open pairs to show.")] = 10,
    decide: Annotated[int | None, typer.Option("--decide", help="Review-queue id to decide (with --as).")] = None,
    decision: Annotated[str | None, typer.Option("--as", help="match or non-match (with --decide).")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why (kept with the decision).")] = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Ask match / non-match / skip for each pair shown.")
    ] = False,
) -> None:
    """Show uncertain pairs side by side; record match / non-match decisions (reviewer role)."""
    with open_book(ctx) as book:
        if decide is not None:
            if decision is None:
                raise InputError("--decide needs --as", hint="e.g. --decide 12 --as non-match")
            decision_id = book.victims.decide_queued(decide, decision, note)
            stdout.print(f"decision {decision_id}: review item {decide} is a {decision}", highlight=False)
            return
        items = book.victims.review_items(limit)
        if not items:
            stdout.print("no open pairs to review", highlight=False)
        for item in items:
            _show_pair(item)
            if interactive:
                _ask(book, item)


def _show_pair(item: dict[str, Any]) -> None:
    a, b = item["a"], item["b"]
    rows = [(f, _cell(a.get(f)), _cell(b.get(f))) for f in SHOWN_FIELDS if a.get(f) or b.get(f)]
    title = f"review item {item['id']}: records {a['id']} and {b['id']}, match probability {item['probability']:.3f}"
    print_table(title, ["field", "record A", "record B"], rows)


def _ask(book: Any, item: dict[str, Any]) -> None:
    answer = typer.prompt("match (m) / non-match (n) / skip (s)", default="s").strip().lower()
    choice = {"m": "match", "match": "match", "n": "non-match", "non-match": "non-match"}.get(answer)
    if choice:
        book.victims.decide(item["record_a"], item["record_b"], choice)
        stdout.print(f"recorded: {choice}", highlight=False)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def persons(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many persons to list (largest first).")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per person.")] = False,
) -> None:
    """Persons of the latest linkage run, with the lists each appears on."""
    with open_book(ctx) as book:
        rows = book.victims.persons(limit)
    if as_json:
        print_jsonl(rows)
        return
    table = [(r["person_id"], r["label"] or "", r["records"], ", ".join(r["lists"])) for r in rows]
    print_table("persons (latest run)", ["person", "label", "records", "lists"], table)


def lists(ctx: typer.Context) -> None:
    """Imported victim lists and their record counts."""
    with open_book(ctx) as book:
        rows = book.victims.lists()
    table = [(r["id"], r["name"], r["records"], r["source_id"], r["imported_at"]) for r in rows]
    print_table("victim lists", ["id", "list", "records", "source", "imported"], table)


def generate(
    out: Annotated[Path, typer.Option("--out", help="Folder for the list CSVs, all.csv and truth.csv.")],
    persons: Annotated[int, typer.Option("--persons", min=1, help="People in the synthetic world.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same files).")] = 1,
) -> None:
    """Write synthetic Syrian victim lists with ground truth (no real names)."""
    from tollbook.victims.generator import generate as make
    from tollbook.victims.generator import write_lists

    frame = make(persons, seed)
    paths = write_lists(frame, out)
    counts = frame.groupby("list", sort=False).size()
    print_table("generated lists", ["list", "records"], [(k, int(v)) for k, v in counts.items()])
    stderr.print(f"{len(frame)} records of {frame['true_id'].nunique()} persons → {len(paths)} files in {out}")


def register(app: typer.Typer) -> None:
    """Add ``dedupe`` at the top level and the ``victims`` command group."""
    app.command("dedupe")(dedupe)
    victims_app.command("import")(import_list)
    victims_app.command("link")(link)
    victims_app.command("review")(review)
    victims_app.command("persons")(persons)
    victims_app.command("lists")(lists)
    victims_app.command("generate")(generate)
    app.add_typer(victims_app, name="victims")
