"""The paper's narrative as officers write it under ``paper:`` (the house format of a
cabinet report: committee, meeting date, who recommends, the narrative sections and
the contact points); numbers, tables and the recommendation come from the appraisal."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BeforeValidator, Field

from .modelbase import Frozen, as_list

Paragraphs = Annotated[tuple[str, ...], BeforeValidator(as_list)]
"""A section of the paper: a list of paragraphs (one string is taken as one paragraph)."""


class Contact(Frozen):
    """A contact point listed at the end of the paper."""

    name: str = Field(min_length=1, description="Person, or service such as 'County Council'.")
    role: str = Field(default="", description="Job title or what to contact them about.")
    phone: str = Field(default="", description="Telephone number.")
    email: str = Field(default="", description="Email address.")


class Paper(Frozen):
    """The narrative of the appraisal paper, in the house format of a cabinet report.

    Every section is a list of paragraphs; the paper numbers them in sequence. A section
    left empty is left out of the paper (never filled with placeholder text). Numbers,
    tables, charts and the recommendation are generated from the appraisal itself.
    """

    committee: str = Field(default="", description="The meeting, e.g. 'Cabinet' (the "
                                                   "recommendation is put to 'the Cabinet').")
    meeting_date: date | None = Field(default=None, description="Date of the meeting.")
    title: str = Field(default="", description="Report title; default: the appraisal's.")
    relevant_cabinet_member: str = Field(default="", description="The Relevant Cabinet "
                                         "Member, as the heading names them.")
    relevant_officer: str = Field(default="", description="The Relevant Officer.")
    recommended_by: str = Field(
        default="", description="Who recommends, e.g. 'The Cabinet Member with "
                                "Responsibility for Children and Families'.")
    recommendation_context: str = Field(
        default="", description="A phrase set between commas after 'recommends that', "
                                "e.g. 'in compliance with the Statutory Direction of 19 "
                                "September 2017'.")
    preferred_next_step: str = Field(
        default="be taken forward as the preferred option",
        description="What the leading option should do next, completing 'agrees that "
                    "option N, NAME, ...'.")
    further_recommendations: Paragraphs = Field(
        default=(), description="Extra lettered recommendations after the generated ones.")
    background: Paragraphs = Field(default=(), description="Paragraphs before the appraisal.")
    financial_implications: Paragraphs = Field(default=(), description="Financial "
                                               "implications.")
    risks: Paragraphs = Field(default=(), description="Risks.")
    legal_implications: Paragraphs = Field(default=(), description="Legal implications.")
    hr_implications: Paragraphs = Field(
        default=(), description="Human resources implications: staff, their terms and any "
                                "transfer of employment (TUPE).")
    information_governance: Paragraphs = Field(
        default=(), description="Information governance: data protection and the sharing "
                                "of records under each model.")
    equality_and_health: Paragraphs = Field(
        default=(), description="Equality and health impact considerations.")
    next_steps: Paragraphs = Field(default=(), description="Next steps.")
    assumptions: Paragraphs = Field(default=(), description="The assumptions log (appendix).")
    supporting_information: Paragraphs = Field(
        default=(), description="Further appendices or documents, listed after the "
                                "generated appendices.")
    general_contacts: tuple[Contact, ...] = Field(
        default=(), description="General contact points (e.g. the council's switchboard).")
    contacts: tuple[Contact, ...] = Field(default=(),
                                          description="Specific contact points for the paper.")
    background_papers_officer: str = Field(
        default="", description="The proper officer for background papers.")
    background_papers: Paragraphs = Field(default=(), description="The background papers.")
