"""The consultant's portfolio: every organisation a consultant serves on one page, scans
started from the consultant's own templates, and organisations side by side."""
