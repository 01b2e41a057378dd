"""The appendices: the scores (matrix, contributions, and each score's rationale and
evidence), the full sensitivity analysis, the method statement, the glossary and the
assumptions log."""

from __future__ import annotations

from dataclasses import replace

from .._version import __version__
from ..core.limits import DETAIL_OPTIONS
from ..core.ordering import TIE_TOLERANCE
from ..input.models import iter_criteria
from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from . import economic_appendix, sections
from .blocks import Numbering, SectionBuilder, table
from .glossary import TERMS, used_terms
from .paper import Section
from .sections import more_note
from .weighting import members_appendix


def full_scores(result: AppraisalResult) -> SectionBuilder:
    a, p = result.appraisal, result.long_list
    s = SectionBuilder("appendix-scores", "Scores, with rationale and evidence",
                       Numbering(enabled=False))
    sections.scoring_matrix(s, result)
    sections.contributions_table(s, result)
    s.para(f"The tables below give every score of every option, on a scale of "
           f"{fmt.plain(a.scale.min)} to {fmt.plain(a.scale.max)}; the range shows the "
           "lowest and highest plausible score where the scorers stated one, and the "
           "sources column cites the evidence listed under each table.")
    leaf_ids = list(p.criterion_ids)
    names = dict(zip(p.criterion_ids, p.criterion_names, strict=True))
    short = result.ranking.problem.option_ids
    kept = {short[i] for i in result.ranking.order[:DETAIL_OPTIONS]}
    note = more_note(len(short), len(kept))
    if note:
        s.para(note)
    for o in a.options:
        if o.id in short and o.id not in kept:
            continue
        rows = []
        sources: dict[str, int] = {}  # each piece of evidence once, numbered in order
        for cid in leaf_ids:
            sc = o.scores[cid]
            rng = "" if sc.lower == sc.upper else f"{fmt.plain(sc.lower)} to {fmt.plain(sc.upper)}"
            cited = [sources.setdefault(e, len(sources) + 1) for e in sc.evidence]
            rows.append([names[cid], fmt.plain(sc.value), rng, sc.rationale,
                         ", ".join(str(k) for k in cited)])
        label = fmt.option_label(o.number, o.name)
        s.table(table(f"scores-{o.id}", label[0].upper() + label[1:],
                      ["Criterion", "Score", "Range", "Rationale", "Sources"], rows,
                      [False, True, True, False, False]))
        if sources:
            s.para("Sources: " + "; ".join(f"({k}) {e}" for e, k in sources.items()) + ".")
    return s


def method_statement(result: AppraisalResult, extra: list[str]) -> SectionBuilder:
    """How the numbers were produced; ``extra`` adds the sensitivity methods."""
    meth = result.method
    s = SectionBuilder("appendix-method", "Method statement", Numbering(enabled=False))
    s.para("Scores are turned into values between 0 and 1 on each criterion's own scale: "
           "for a benefit criterion v = (score - min) / (max - min), for a cost criterion "
           "v = (max - score) / (max - min). The scale, not the scores observed, anchors "
           "the values, so adding or removing an option never changes another's values "
           "(Belton and Stewart 2002, section 5.2.2).")
    s.para("Raw weights are shared out among the criteria of each group and multiplied "
           "down the criteria tree, so the weights of the scored criteria add up to 1.")
    s.para(f"Options are ranked by the {meth.label.lower()} ({meth.reference}). Totals "
           f"closer than {TIE_TOLERANCE:g} are treated as ties and share a rank; the next "
           "rank is skipped (competition ranking). The paper shows totals as points out of "
           "100: the total on the 0 to 1 value scale times 100.")
    s.para("Options failing a must-have gate are screened out on their central score "
           "before weighting.")
    for text in extra:
        s.para(text)
    s.para(f"Every number in this paper was computed by appraisal {__version__} from the "
           "input files identified by the digest in the footer; running the report again "
           "on the same files with the same options gives the same paper.")
    return s


def assumptions(result: AppraisalResult) -> SectionBuilder:
    s = SectionBuilder("appendix-assumptions", "Assumptions log", Numbering(enabled=False))
    paper = result.appraisal.paper
    if paper and paper.assumptions:
        s.bullets(list(paper.assumptions))
    return s


def glossary(texts: list[str]) -> SectionBuilder:
    """The glossary of every technical term used in ``texts`` (the rest of the paper)."""
    s = SectionBuilder("appendix-glossary", "Glossary", Numbering(enabled=False))
    terms = used_terms(texts)
    if terms:
        s.table(table("glossary", "Terms used in this paper", ["Term", "Meaning"],
                      [[t, TERMS[t][0]] for t in terms], [False, False]))
    return s


def plan(result: AppraisalResult) -> dict[str, str]:
    """The appendices this paper will have, id -> label ("Appendix 1", ...), decided
    before the body is written so that the body can refer to them."""
    ids = ["appendix-scores"]
    if result.sensitivity is not None:
        ids.append("appendix-sensitivity")
    cs = result.appraisal.criteria_set(result.criteria_set)
    swings = any(d.method == "swing" for d in (result.origin.board if result.origin else ())
                 ) and any(c.swing for c in iter_criteria(cs.criteria))
    if result.members is not None or swings:
        ids.append("appendix-members")
    a = result.appraisal
    if a.objectives or any(o.framework for o in a.options):
        ids.append("appendix-framework")
    if result.value is not None:
        ids.append("appendix-costs")
    ids += ["appendix-method", "appendix-glossary"]
    paper = result.appraisal.paper
    if paper and paper.assumptions:
        ids.append("appendix-assumptions")
    return {a: f"Appendix {k}" for k, a in enumerate(ids, start=1)}


def appendices(result: AppraisalResult, labels: dict[str, str], method_extra: list[str],
               sensitivity: SectionBuilder, body_texts: list[str]) -> list[Section]:
    """The appendices of :func:`plan`, in its order and with its labels; the glossary
    covers ``body_texts`` and every other appendix."""
    built = {"appendix-scores": full_scores(result).build(),
             "appendix-sensitivity": sensitivity.build(),
             "appendix-members": members_appendix(result).build(),
             "appendix-framework": economic_appendix.framework_appendix(result).build(),
             "appendix-costs": economic_appendix.costs_appendix(result).build(),
             "appendix-method": method_statement(result, method_extra).build(),
             "appendix-assumptions": assumptions(result).build()}
    texts = list(body_texts) + [t for b in built.values() if b is not None
                                for t in b.texts()]
    built["appendix-glossary"] = glossary(texts).build()
    out = []
    for aid, label in labels.items():
        b = built.get(aid)
        if b is not None:
            out.append(replace(b, label=label))
    return out
