"""What people edit with: everything that takes an appraisal out of its YAML files to
be worked on, and brings the work back.

- the scoring workbook: its layout (:mod:`.workbook`), the export
  (:mod:`.xlsx_export`) and the import (:mod:`.xlsx_import`), which checks the package
  (:mod:`.xlsx_package`) and the bounds of every part (:mod:`.xlsx_scan`) before a
  cell is read, the appraisal it records (:mod:`.xlsx_source`), reads each sheet
  streaming (:mod:`.xlsx_sheet`; the option grids in :mod:`.xlsx_grids`, the weights
  and members in :mod:`.xlsx_weights`) and gives :class:`~.edits.Edit` values;
- round-trip edits of the YAML files, keeping their comments and layout: what differs
  (:mod:`.edits`), the editor (:mod:`.yamledit`) over round-trip YAML
  (:mod:`.roundtrip`), and the diff ``--dry-run`` shows (:mod:`.textdiff`);
- git: an appraisal as it was at a revision (:mod:`.git`), git run bounded and a
  revision named (:mod:`.git_revision`);
- the members' swing-weighting form (:mod:`.form`);
- ``verify``: the run record a paper or a JSON output carries (:mod:`.paper_record`),
  every field of it checked (:mod:`.run_record`), a Word paper's parts unpacked within
  limits (:mod:`.word_parts`), the run made again and compared with the whole paper
  (:mod:`.verify`, :mod:`.paper_text`), line by line in near-linear time
  (:mod:`.linediff`).

This layer sits above the paper (:mod:`appraisal.report`), whose renderers the form
and ``verify`` use, and below the CLI; it never prints. Nothing here is imported by the
layers below it.
"""
