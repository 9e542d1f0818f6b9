"""The core: what every subsystem stands on, with no knowledge of the OGP domain beyond names.

Owns errors, reading and writing files, namespaces, where the project's folders are, making text
safe for where it is printed, the query guard, running SPARQL and converting its values, the
stored queries, output formats, findings (the one type every check reports with) and the
blank-node budget.

May import: nothing else of ogpgraph.
"""
