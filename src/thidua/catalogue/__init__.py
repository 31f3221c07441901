"""The award catalogue (danh mục khen thưởng): titles and forms, families, levels, reward multiples, legal references,
seeded from ``data/awards.toml``. Sits above ``org`` and below ``records``."""
