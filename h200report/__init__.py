"""Fact base and reports on the US export policy for Nvidia H200 chips to China."""

__version__ = "0.1.0"
