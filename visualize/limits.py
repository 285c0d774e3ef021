"""How large a single map page may be (no imports: ``kg`` reads these at start-up).

Above these a single page is not usable: the command refuses and offers an
ego map or a filter instead (10,000 nodes draw in about 4-7 s here;
``bench/bench_maps.py``).

>>> MAX_NODES, MAX_EDGES
(10000, 60000)
"""

MAX_NODES = 10_000
MAX_EDGES = 60_000
