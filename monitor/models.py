"""The anonymous monitor arrives with the monitor issue."""
