"""silkqa: grounded question answering and claim checking over a small research library."""
