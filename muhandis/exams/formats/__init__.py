"""Reading and writing item banks in the formats other systems use (no Django here)."""
