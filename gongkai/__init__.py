"""gongkai (公开): government information disclosure work under 国务院令第711号."""

__version__ = "0.1.0"
