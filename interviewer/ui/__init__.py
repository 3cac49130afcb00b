"""Terminal adapters (rich): the live recording view, feedback panels, and the Enter key."""
