"""The pages of a report job: its progress and its file."""
