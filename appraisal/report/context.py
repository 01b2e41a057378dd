"""Result objects -> the paper as typed data (:class:`~.paper.Paper`) of already
worded and formatted strings.

:func:`build_context` is the single entry point the renderers use. It lays the paper
out in the house format of a cabinet report (heading, relevant cabinet member and
officer, recommendation, numbered paragraphs under headings, supporting information,
contact points, background papers) and appends the appendices and a reproducibility
footer. A section with no content is left out, never padded with placeholder text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .._version import __version__
from ..input.models import Paper as PaperInput
from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from ..presentation.whose import weights_label
from . import (
    economic,
    economic_appendix,
    scenarios,
    sections,
    sensitivity_appendix,
    verdict,
    weighting,
)
from .appendices import appendices, plan
from .blocks import Numbering, SectionBuilder
from .paper import Contact, Contacts, Paper, Section
from .recommendation import DEFAULT_DECIDER, recommendation
from .whatif import whatif_data

NARRATIVE_BEFORE = (("background", "Background"),)
NARRATIVE_AFTER = (("financial_implications", "Financial implications"),
                   ("legal_implications", "Legal implications"),
                   ("hr_implications", "Human resources implications"),
                   ("information_governance", "Information governance"),
                   ("equality_and_health", "Equality and health impact"),
                   ("risks", "Risks"),
                   ("next_steps", "Next steps"))
"""The house format's narrative sections, written by officers under ``paper:``, around
the generated ones (options, screening, criteria, results, robustness, scenarios)."""


def left_out(paper: PaperInput | None, costed: bool = False) -> list[str]:
    """The house-format sections the paper will leave out for lack of text, with the
    ``paper:`` field that would supply each (``report`` and ``validate`` list them, so
    nothing is dropped silently). With ``costed`` options, the financial implications
    are written from the costs, so they are never left out."""
    out = []
    if paper is None or not paper.committee:
        out.append(f"the committee (the recommendation is put to '{DEFAULT_DECIDER}'; "
                   "paper.committee)")
    for field, title in (*NARRATIVE_BEFORE, *NARRATIVE_AFTER):
        if costed and field == "financial_implications":
            continue
        if not (getattr(paper, field) if paper else ()):
            out.append(f"{title} (paper.{field})")
    for field, title in (("relevant_cabinet_member", "Relevant Cabinet Member"),
                         ("relevant_officer", "Relevant Officer")):
        if not (getattr(paper, field) if paper else ""):
            out.append(f"{title} (paper.{field})")
    if not (paper and (paper.contacts or paper.general_contacts)):
        out.append("Contact Points (paper.contacts)")
    if not (paper and paper.background_papers):
        out.append("Background Papers (paper.background_papers)")
    return out


def _narrative(paper: PaperInput | None, field: str, title: str, numbering: Numbering,
               generated: list[str] | None = None) -> SectionBuilder:
    """An officer's section; ``generated`` paragraphs (from the data) come first."""
    s = SectionBuilder(field.replace("_", "-"), title, numbering)
    for text in [*(generated or []), *(getattr(paper, field) if paper else ())]:
        s.para(text)
    return s


def _contacts(paper: PaperInput | None) -> Contacts:
    if paper is None:
        return Contacts()
    return Contacts(general=tuple(Contact(name=c.name, role=c.role, phone=c.phone,
                                          email=c.email) for c in paper.general_contacts),
                    specific=tuple(Contact(name=c.name, role=c.role, phone=c.phone,
                                           email=c.email) for c in paper.contacts))


def _footer(result: AppraisalResult, report_date: date) -> list[tuple[str, str]]:
    r = result
    sens = result.sensitivity
    rows = [("Tool", f"appraisal {__version__}"),
            ("Report date", report_date.isoformat()),
            ("Input digest", r.input_digest or "(not recorded)"),
            ("Criteria set", r.criteria_set),
            ("Scenario", r.scenario or "none (base weights)"),
            *([("Weights", weights_label(r))] if weights_label(r) else []),
            ("Method", r.method.name),
            ("Seed", str(result.seed)),
            ("Monte Carlo draws of each kind",
             f"{sens.samples:,}" if sens is not None and sens.samples else "not run"),
            ("Input files", str(len(result.appraisal.sources)))]
    if r.overrides:
        rows.insert(5, ("Weight changes",
                        ", ".join(f"{k}={fmt.plain(v)}" for k, v in r.overrides.items())))
    return rows


def running_footer(title: str) -> str:
    """What every page's footer carries beside its number: the paper's title (at most 80
    characters). The run's date, seed and input digest are the run record's and the
    reproducibility table's, not every page's."""
    return title if len(title) <= 80 else title[:79].rstrip() + "\u2026"


def run_record(result: AppraisalResult, report_date: date, source: str = "") -> str:
    """What ``appraisal verify`` needs to make the paper again, as compact JSON: the
    tool, the input digest, the request (criteria set, scenario, weight changes, whose
    weights, members, draws, seed), the report date and the appraisal's path relative to
    the paper's folder (``source``: "" for the bundled example). ``--`` never occurs in
    it (it may sit in an HTML or Markdown comment)."""
    import json

    origin = result.origin
    record = {
        "tool": __version__, "input_digest": result.input_digest,
        "criteria": result.criteria_set, "scenario": result.scenario,
        "weights": result.overrides,
        "weights_from": origin.weights_from if origin else "board",
        "members": [m.member.id for m in origin.members] if origin else [],
        "samples": result.sensitivity.samples if result.sensitivity else 0,
        "seed": result.seed, "date": report_date.isoformat(), "path": source}
    return json.dumps(record, separators=(",", ":"), ensure_ascii=True).replace(
        "--", "-\\u002d")


def build_context(result: AppraisalResult, report_date: date,
                  source: str = "") -> Paper:
    """The whole paper as data (see the module docstring). ``report_date`` is printed in
    the footer and, when the appraisal gives no meeting date, in the heading; ``source``
    is the appraisal's path as given, kept in the run record."""
    a = result.appraisal
    paper = a.paper
    numbering = Numbering(next=2)  # paragraph 1 is the recommendation
    labels = plan(result)
    scores_app = labels["appendix-scores"]
    sens_app = labels.get("appendix-sensitivity", "")
    sensitivity = sensitivity_appendix.sensitivity_appendix(result)
    scenarios.scenario_table(sensitivity, result)
    built: list[SectionBuilder] = []
    for field, title in NARRATIVE_BEFORE:
        built.append(_narrative(paper, field, title, numbering))
    body_plan: tuple[tuple[str, str, Callable[[SectionBuilder], None]], ...] = (
        ("options", "The options", lambda s: sections.long_list(s, result)),
        ("screening", "Screening against the gates", lambda s: sections.screening(s, result)),
        ("criteria", "The criteria and their weights", lambda s: sections.criteria(s, result)),
        ("weights", "How the weights were set",
         lambda s: weighting.weights_section(s, result, labels.get("appendix-members", ""))),
        ("results", "Results of the appraisal",
         lambda s: sections.results(s, result, scores_app)),
        ("sensitivity", "How firm is the result?",
         lambda s: verdict.verdict_section(s, result, sens_app)),
        ("scenarios", "Scenarios",
         lambda s: scenarios.scenarios(s, result, sens_app or scores_app)),
        ("economic", "The economic case",
         lambda s: economic.economic_section(s, result, labels.get("appendix-framework", ""),
                                             labels.get("appendix-costs", ""))))
    for sid, title, fill in body_plan:
        s = SectionBuilder(sid, title, numbering)
        fill(s)
        built.append(s)
    for field, title in NARRATIVE_AFTER:
        extra = economic.financial_paragraphs(result) if field == "financial_implications" \
            else []
        built.append(_narrative(paper, field, title, numbering, extra))
    body: list[Section] = [b for s in built if (b := s.build()) is not None]
    spans = {b.id: b.span for b in body}
    rec = recommendation(result, spans, verdict.verdict(result))
    texts = [rec.intro, *(i.full for i in rec.items)] + [t for b in body for t in b.texts()]
    apps = appendices(result, labels,
                      weighting.method_notes(result) + sensitivity_appendix.method_notes(result)
                      + economic_appendix.method_notes(result),
                      sensitivity, texts)
    supporting = [f"{b.label} \u2013 {b.title}" for b in apps]
    supporting += list(paper.supporting_information) if paper else []
    meeting = paper.meeting_date if paper and paper.meeting_date else None
    shown_date = fmt.long_date(meeting or report_date)
    officer = paper.background_papers_officer if paper else ""
    whatif = whatif_data(result, report_date.isoformat())
    return Paper(
        title=paper.title if paper and paper.title else a.title,
        committee=paper.committee if paper else "",
        date=shown_date,
        relevant_cabinet_member=paper.relevant_cabinet_member if paper else "",
        relevant_officer=paper.relevant_officer if paper else "",
        notice=a.notice,
        recommendation=rec,
        sections=tuple(body),
        whatif_after="scenarios" if any(b.id == "scenarios" for b in body) else body[-1].id,
        whatif=whatif,
        whatif_note="" if whatif is not None or not result.ranking.options else (
            f"The interactive what-if panel is not offered for the {result.method.label.lower()}:"
            " it re-ranks only methods whose totals are a weighted sum of per-criterion values."),
        supporting=tuple(supporting),
        contacts=_contacts(paper),
        background_papers=tuple(paper.background_papers) if paper else (),
        background_papers_intro=(
            f"In the opinion of the proper officer (in this case the {officer}) the "
            "following are the background papers relating to the subject matter of this "
            "report:" if officer else
            "The following are the background papers relating to the subject matter of "
            "this report:"),
        appendices=tuple(apps),
        footer=tuple(_footer(result, report_date)),
        running_footer=running_footer(paper.title if paper and paper.title else a.title),
        left_out=tuple(left_out(paper, result.value is not None)),
        generated=fmt.long_date(report_date),
        run_record=run_record(result, report_date, source),
        version=__version__)
