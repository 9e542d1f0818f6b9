"""Analysis: the NetworkX projection and everything computed from it (coverage, gaps, agencies,
reports), the progress of targets computed from their figures (:mod:`~ogpgraph.analysis.progress`),
counts, validation (SHACL plus integrity checks), and the action plans and NIS assessments over
time with what each source says of every commitment (:mod:`~ogpgraph.analysis.timeline`).

:class:`~ogpgraph.analysis.state.Analysis` owns the analysis state of one graph (the view and what
is memoised from it); :mod:`~ogpgraph.analysis.rules` is the registry gap kinds
(:data:`~ogpgraph.analysis.gaps.GAPS`) and integrity checks
(:data:`~ogpgraph.analysis.validate.CHECKS`) are declared in.

May import: :mod:`ogpgraph.core`, :mod:`ogpgraph.model`, :mod:`ogpgraph.dataset`.
"""
