"""Linked data for haizhi-kg: the RDF mapping derived from the schema, the
export (Turtle, JSON-LD, N-Triples), SHACL shapes and validation, and the
import of an export back into a dataset folder.

=====================  =====================================================
module                 job
=====================  =====================================================
``kg.rdf.mapping``     the RDF mapping, derived from ``kg/schema.yaml``
``kg.rdf.source``      the graph to export: from a store or a dataset folder
``kg.rdf.export``      networkx graph → rdflib graph (+ serialisation)
``kg.rdf.vocabulary``  the project's own terms (classes, properties, labels)
``kg.rdf.shacl``       SHACL shapes generated from the schema; pyshacl run
``kg.rdf.importer``    rdflib graph → dataset rows → dataset folder
=====================  =====================================================

>>> from kg.rdf.mapping import load_mapping
>>> str(load_mapping().node_iri("station:host-a"))
'https://w3id.org/haizhi-kg/id/station/host-a'
"""
