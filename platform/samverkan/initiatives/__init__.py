"""The project registry: initiatives, their progress, and practices shared across counties."""
