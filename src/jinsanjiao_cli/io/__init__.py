"""The outside world's wires: reading the sheets people fill in (sheets/) and delivering notices (notify)."""
