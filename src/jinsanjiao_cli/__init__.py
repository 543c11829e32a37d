"""jsj: track the Shanxi work plan for the Jin-Shaan-Yu Yellow River Golden Triangle demonstration zone."""

__version__ = "0.1.0"
