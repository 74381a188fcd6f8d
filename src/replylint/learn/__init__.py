"""Learned decisions over the analyzers' linguistic signals.

One module per job:

- ``corpus``: reading the labelled corpus and grouping its rows by source (company, repository,
  forum host), so that cross-validation never trains and scores on the same source;
- ``linear``: the shipped model format (a calibrated logistic regression stored as JSON) and its
  pure-Python scoring and explanation; no scikit-learn at run time;
- ``ask_features``: candidate spans of the customer's message and what is known of each;
- ``answer_features``: what is known of one question and the draft that may answer it;
- ``complaint_features``: what is known of a customer message that may report a problem;
- ``decide``: the run-time deciders the Checker uses (asks, answered, complaint);
- ``crossval``: grouped, nested cross-validation, Platt calibration and threshold choice
  (needs scikit-learn, used by ``python -m replylint.train`` and the accuracy benchmark only).
"""
