"""mutualplan: email-driven mutual action plans on Temporal."""

__version__ = "0.2.0"
