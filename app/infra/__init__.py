"""What the app runs on: the clock, files, logs, start-up. Not rules."""
