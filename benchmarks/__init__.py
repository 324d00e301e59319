"""Benchmarks: detection quality on annotated MQM data and speed against pofilter."""
