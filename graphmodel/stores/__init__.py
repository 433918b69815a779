"""Graph stores beyond memory: a Neo4j (or any Bolt-speaking) database shared by many plans.

* :mod:`graphmodel.stores.settings` -- where the database is (``NEO4J_*`` environment
  variables, overridden by flags) and the errors a user meets (server down, wrong password,
  unknown database, plan not found), each one line.
* :mod:`graphmodel.stores.codec` -- a node or edge of :func:`graphmodel.graph.build_graph`
  as database properties and back, losslessly.
* :mod:`graphmodel.stores.bolt` -- :class:`~graphmodel.stores.bolt.Neo4jStore`: schema,
  atomic idempotent push, pull, listing, and reading the part of a plan a question needs;
  :mod:`graphmodel.stores.push` works out and writes what changed, and
  :mod:`graphmodel.stores.reading` reads records back, a few statements for many plans.

The driver is imported only when a store connects, so importing this package stays light.
"""
