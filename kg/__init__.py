"""haizhi-kg: a knowledge graph of overseas talents, organisations, 海智 workstations and projects."""

__version__ = "0.1.0"
