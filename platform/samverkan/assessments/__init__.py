"""Status assessments of plan nodes: a region's *nulägesanalys*, dated, with its history."""
