"""The glossary appendix: every technical term the paper uses, in plain words.

:data:`TERMS` maps a term to its definition and to the phrases that count as using it;
the glossary lists, in alphabetical order, the terms whose phrases occur anywhere in the
paper's text (so it never explains a term the paper does not use, and a term the paper
uses is never left unexplained: tests/test_report_content.py checks both).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TERMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Central weights": (
        "The average of the random weightings under which an option comes first: the kind "
        "of weighting that favours it.", ("central weight",)),
    "Confidence factor": (
        "With the scores drawn within their stated ranges, the share of those draws in which "
        "an option stays first under its central weights. Shown only where the scores are "
        "uncertain and the option comes first often enough for its central weights to mean "
        "something.", ("confidence factor",)),
    "Criteria tree": (
        "The criteria arranged in groups: a group's weight is shared among its "
        "sub-criteria, and the weights multiplied down to the criteria that are scored.",
        ("criteria tree", "group of criteria", "groups of criteria")),
    "Consistency ratio": (
        "How far a member's pairwise judgements contradict each other, compared with "
        "judgements made at random (Saaty). Above 0.10 the judgements should be looked at "
        "again, starting with the one the paper names.", ("consistency ratio",)),
    "Dominated option": (
        "An option that another option matches or beats on every criterion and beats on at "
        "least one. No weighting puts a dominated option clearly first: at best it ties with "
        "an option that dominates it, when the criteria it is worse on carry no weight. In "
        "the value-for-money comparison, an option that costs no less than another and "
        "gives no more benefit (and is worse on one of the two).",
        ("dominated", "dominates")),
    "Business as usual": (
        "Carrying on as now: the benchmark the Green Book asks every option to be measured "
        "against, kept on the short list even when it would not be chosen.",
        ("business as usual",)),
    "Do minimum": (
        "The option that does the least needed to meet the essential requirements; the "
        "Green Book's short list includes one.", ("do minimum", "do-minimum")),
    "Discount factor": (
        "What a pound in a future year is worth today for appraisal: 1 / (1 + r) for each "
        "year, at the Green Book's social time preference rate r (3.5% a year for the first "
        "30 years, lower after; Green Book Table 6.1).",
        ("discount factor", "discounted", "social time preference")),
    "Extended dominance": (
        "An option is extendedly dominated when a mix of two other options would give at "
        "least its benefit for less: its extra cost per extra benefit point is higher than "
        "that of the next, dearer option on the frontier (Cantor 1994).",
        ("extendedly dominated", "extended dominance")),
    "Net present cost": (
        "The costs of an option over the appraisal period, in real prices, uplifted for "
        "optimism bias and discounted to the base year, added up.",
        ("net present cost",)),
    "Net present social value": (
        "The present value of an option's monetised benefits less its net present cost.",
        ("net present social value",)),
    "Optimism bias": (
        "The proven tendency of appraisals to understate costs; the Green Book asks for "
        "costs to be uplifted by a percentage from its supplementary guidance (Mott "
        "MacDonald 2002) until the risks are quantified.", ("optimism bias",)),
    "Preferred way forward": (
        "The option the board prefers at the short-list stage (Green Book).",
        ("preferred way forward",)),
    "Value-for-money frontier": (
        "The options that no other option, nor any mix of two others, beats on both cost "
        "and benefit; along it each extra benefit point costs more than the last.",
        ("frontier",)),
    "Willingness to pay": (
        "The most the board would pay for one more benefit point; at a given willingness "
        "to pay, the best value is the option with the highest benefit valued at that price "
        "less its cost.", ("willingness to pay",)),
    "Pairwise comparison": (
        "Weighing criteria two at a time: how many times as important one is as the other, "
        "on a scale from 1 (equally) to 9 (extremely); the weights are those that best agree "
        "with all the judgements together.", ("pairwise comparison", "pairwise judgement")),
    "Gate": (
        "A must-have test: the worst acceptable score on a criterion. An option that fails "
        "a gate is screened out before the weights are applied.", ("gate",)),
    "Jointly first": (
        "Tied for first place: a total at least as high as every other option's. "
        "\"Clearly first\" means ahead of every other option by at least the scores' "
        "resolution.", ("jointly first", "clearly first")),
    "Kendall's tau": (
        "A measure of how far two rankings agree, from 1 (the same order) through 0 (no "
        "relation) to -1 (reversed); ties are allowed for (tau-b; Kendall 1945).",
        ("kendall",)),
    "Least maximum regret": (
        "An option's regret under a weighting is how far its total falls behind the best "
        "option's there. The option with the least maximum regret is the one that is never "
        "far behind, whichever weighting is used (Savage 1951).", ("regret",)),
    "Linear programming": (
        "A standard method of finding the best value of a quantity subject to limits, used "
        "here to find the smallest change of the weights that puts an option first.",
        ("linear programm",)),
    "L1 distance": (
        "The sum of the sizes of the changes to each weight. Half of it is the share of the "
        "total weight moved from some criteria to others.", ("l1 ",)),
    "Margin of error": (
        "How far a share found by random draws could be from the share an unlimited number "
        "of draws would give, at 95% confidence: 1.96 standard errors, sqrt(p(1-p)/N) for a "
        "share p of N draws.", ("margin of error", "95% confidence")),
    "Monte Carlo analysis": (
        "Repeating a calculation for many randomly drawn inputs (here, weights and scores) "
        "and counting how often each result occurs.", ("monte carlo", "random draws",
                                                       "drawn at random")),
    "Points out of 100": (
        "Totals are weighted averages of the options' values on each criterion, each value "
        "running from 0 (the bottom of the criterion's scale) to 100 (the top).",
        ("points out of 100",)),
    "Rank acceptability": (
        "The share of random weightings under which an option takes a given rank. It "
        "describes the weights, not the chance that a choice is right.",
        ("rank acceptability",)),
    "Scenario": (
        "A named alternative set of weights that asks a question (for example: what if "
        "finance came first?).", ("scenario",)),
    "Scores' resolution": (
        "Half the change in a total that one step of the scoring (a whole or half point, "
        "say) makes on the most heavily weighted criterion. Totals closer than this are "
        "within the precision of the scoring itself.", ("resolution",)),
    "Sensitivity analysis": (
        "Asking how far the weights and scores can move before the ranking changes.",
        ("sensitivity",)),
    "Share of the total weight": (
        "A criterion's weight as a percentage of all the weights, after the weights have "
        "been shared out within each group of criteria.", ("share of the total",)),
    "Simplex": (
        "The set of all weightings: weights that are not negative and add up to 100%.",
        ("simplex",)),
    "SMAA-2": (
        "Stochastic multicriteria acceptability analysis (Lahdelma and Salminen 2001): "
        "ranking the options under many random weightings, and scores, to see how often "
        "each takes each rank.", ("smaa",)),
    "Stability interval": (
        "The range of one criterion's weight, the others keeping their proportions, within "
        "which the leading option stays first.", ("stability interval",)),
    "Switching value": (
        "The value of a weight, a score or a cost at which the preferred option would tie "
        "with another (or leave the value-for-money frontier); beyond it, the decision "
        "would change (HM Treasury Green Book).",
        ("switching value",)),
    "Too close to tell apart": (
        "Two options whose totals differ by less than the scores' resolution, or that swap "
        "places in more than one in ten random draws of weights the board might have "
        "chosen (each within half of the board's own either way).",
        ("too close to tell apart",)),
    "Rank-order centroid": (
        "A way of turning a ranking of criteria into weights: the average of all the "
        "weightings that respect the ranking (Barron and Barrett 1996).",
        ("rank-order centroid",)),
    "Swing weighting": (
        "Weighing each criterion by how much the board values moving an option from the "
        "worst to the best end of that criterion's scale: the largest such swing gets 100 "
        "points and the others points relative to it.", ("swing weighting",)),
    "Weighted sum": (
        "The total of an option: each criterion's value for the option multiplied by the "
        "criterion's weight, added up over the criteria.", ("weighted sum", "weighted total")),
}


def used_terms(texts: Iterable[str]) -> list[str]:
    """The terms of :data:`TERMS` whose phrases occur in ``texts`` (case-insensitive),
    alphabetically."""
    blob = " ".join(texts).lower()
    found = [term for term, (_, phrases) in TERMS.items()
             if any(re.search(r"(?<![a-z])" + re.escape(p), blob) for p in phrases)]
    return sorted(found, key=str.lower)
