"""mutualplan: email-driven mutual action plans on Temporal."""

__version__ = "0.3.0.dev0"
