"""Generated SAMPLE data (never real): seeded realisasi and IKM surveys for published plans, and SAMPLE
plans derived from the one real plan for the other kecamatan of a kabupaten."""
