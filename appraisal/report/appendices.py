"""The appendices: full scores with rationale and evidence, the method statement and
the assumptions log."""

from __future__ import annotations

from .._version import __version__
from ..core.limits import DETAIL_OPTIONS
from ..core.ordering import TIE_TOLERANCE
from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from .blocks import Block, Numbering, SectionBuilder, table
from .sections import more_note


def full_scores(result: AppraisalResult) -> SectionBuilder:
    a, p = result.appraisal, result.long_list
    s = SectionBuilder("appendix-scores", "Full scores with rationale and evidence",
                       Numbering(enabled=False))
    s.para(f"Scores are on a scale of {fmt.plain(a.scale.min)} to {fmt.plain(a.scale.max)}; "
           "the range shows the lowest and highest plausible score where the scorers "
           "stated one.")
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
        for cid in leaf_ids:
            sc = o.scores[cid]
            rng = "" if sc.lower == sc.upper else f"{fmt.plain(sc.lower)} to {fmt.plain(sc.upper)}"
            rows.append([names[cid], fmt.plain(sc.value), rng, sc.rationale,
                         "; ".join(sc.evidence)])
        label = fmt.option_label(o.number, o.name)
        s.table(table(f"scores-{o.id}", label[0].upper() + label[1:],
                      ["Criterion", "Score", "Range", "Rationale", "Evidence"], rows,
                      [False, True, True, False, False]))
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
           "rank is skipped (competition ranking).")
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


def appendices(result: AppraisalResult, method_extra: list[str]) -> list[Block]:
    """The appendices that have content, labelled "Appendix 1", "Appendix 2"..."""
    built = [b.build() for b in (full_scores(result), method_statement(result, method_extra),
                                 assumptions(result))]
    out = [b for b in built if b is not None]
    for k, b in enumerate(out, start=1):
        b["label"] = f"Appendix {k}"
    return out

