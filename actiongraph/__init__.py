"""The actiongraph command line: a thin shell over graphmodel, loaders and queries."""

__version__ = "0.1.0"
