"""Generated SAMPLE data (never real): seeded realisasi and an IKM survey for a published plan."""
